import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Reads a JSON file made earlier, or makes it now; secrets are written owner-only (0600). */
export async function loadOrCreateJson<T>(file: string, create: () => T, validate: (doc: unknown) => T): Promise<{ value: T; created: boolean }> {
  try {
    return { value: validate(JSON.parse(await readFile(file, 'utf8'))), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  const value = create();
  await writeSecretJson(file, value);
  return { value, created: true };
}

export async function writeSecretJson(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}
