import { readFile } from 'node:fs/promises';
import { InvalidKeyRegistryError, parseKeyRegistry, type KeyRegistry } from '@hub/domain';

/** Reads and validates a key registry file (format and rotation rule); a broken registry verifies nothing. */
export async function loadKeyRegistry(file: string): Promise<KeyRegistry> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidKeyRegistryError(file, [{ path: '(file)', message: `cannot read: ${(error as Error).message}` }]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InvalidKeyRegistryError(file, [{ path: '(file)', message: `not JSON: ${(error as Error).message}` }]);
  }
  return parseKeyRegistry(doc, file);
}
