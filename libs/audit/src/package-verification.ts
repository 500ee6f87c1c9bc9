import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { verifyPackage, type KeyRegistry, type PackageProblem } from '@hub/domain';

/** The entries of a zip (files only), or the problem with the zip itself. */
export async function readPackage(file: string): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const entries = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) entries.set(entry.name, await entry.async('uint8array'));
  }
  return entries;
}

/** Verifies a report package file offline against the key registry: the problems, each naming its file. */
export async function verifyPackageFile(file: string, registry: KeyRegistry): Promise<PackageProblem[]> {
  let entries: Map<string, Uint8Array>;
  try {
    entries = await readPackage(file);
  } catch (error) {
    return [{ file, problem: 'invalid', message: `not a readable zip: ${(error as Error).message}` }];
  }
  return verifyPackage(entries, registry);
}
