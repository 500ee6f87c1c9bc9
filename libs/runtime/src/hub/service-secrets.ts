// Each service's secrets as files under `.hub/secrets/<service>/` (directory 0700, files 0600): the
// launcher passes paths (`*_FILE`), never values, so secrets stay out of environments and process
// listings, and a service's directory holds only what that service needs.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function serviceSecretsDir(home: string, service: string): string {
  return join(home, 'secrets', service);
}

/** Writes `value` to `.hub/secrets/<service>/<name>` (atomically, 0600) and returns the path. */
export async function writeServiceSecret(home: string, service: string, name: string, value: string): Promise<string> {
  const dir = serviceSecretsDir(home, service);
  await mkdir(home, { recursive: true }); // not 0700: PostgreSQL (user "postgres" under root) must reach home/postgres
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(join(home, 'secrets'), 0o700);
  await chmod(dir, 0o700);
  const file = join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${value}\n`, { mode: 0o600 });
  await rename(tmp, file);
  await chmod(file, 0o600);
  return file;
}

/** The secret stored at `.hub/secrets/<service>/<name>`, or undefined when there is none yet. */
export async function readServiceSecret(home: string, service: string, name: string): Promise<string | undefined> {
  try {
    return (await readFile(join(serviceSecretsDir(home, service), name), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
