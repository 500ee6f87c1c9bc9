import { isDepartment } from '../catalogue/departments.js';
import { isTimestamp } from '../events/time.js';
import { isNkeyPublicKey } from '../integrity/signing.js';
import { keyValidAt, windowContains, type KeyRegistry, type RegisteredKey } from './key-window.js';

export { keyValidAt, windowContains, type KeyRegistry, type RegisteredKey };

export interface RegistryProblem {
  path: string;
  message: string;
}

/** Thrown when a registry file breaks the format or the rotation rule; nothing is verified against it. */
export class InvalidKeyRegistryError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly RegistryProblem[],
  ) {
    super(`${source}: invalid key registry: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidKeyRegistryError';
  }
}

const KEY_FIELDS = ['department', 'publicKey', 'validFrom', 'validTo'];

/** Validates a parsed registry document (format and rotation rule); throws InvalidKeyRegistryError listing every problem. */
export function parseKeyRegistry(doc: unknown, source = 'key registry'): KeyRegistry {
  const problems = registryProblems(doc);
  if (problems.length > 0) throw new InvalidKeyRegistryError(source, problems);
  const keys = (doc as { keys: RegisteredKey[] }).keys.map(({ department, publicKey, validFrom, validTo }) => ({ department, publicKey, validFrom, validTo }));
  return { version: 1, keys };
}

/** Every problem of a registry document: malformed entries, then rotation-rule violations. */
export function registryProblems(doc: unknown): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [{ path: '(root)', message: 'must be an object {version: 1, keys: [...]}' }];
  const { version, keys } = doc as Record<string, unknown>;
  if (version !== undefined && version !== 1) problems.push({ path: 'version', message: `unsupported version ${JSON.stringify(version)} (expected 1)` });
  if (!Array.isArray(keys)) return [...problems, { path: 'keys', message: 'must be an array' }];
  const valid: { index: number; key: RegisteredKey }[] = [];
  keys.forEach((entry: unknown, index) => {
    const path = `keys[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ path, message: 'must be an object' });
      return;
    }
    const key = entry as Record<string, unknown>;
    const before = problems.length;
    for (const field of Object.keys(key)) if (!KEY_FIELDS.includes(field)) problems.push({ path: `${path}.${field}`, message: 'unknown field' });
    if (!isDepartment(key.department)) problems.push({ path: `${path}.department`, message: `not a department code: ${JSON.stringify(key.department)}` });
    if (typeof key.publicKey !== 'string' || !isNkeyPublicKey(key.publicKey)) problems.push({ path: `${path}.publicKey`, message: 'must be an nkey public key (U…)' });
    if (!isTimestamp(key.validFrom)) problems.push({ path: `${path}.validFrom`, message: 'must be an ISO-8601 instant' });
    if (key.validTo !== null && !isTimestamp(key.validTo)) problems.push({ path: `${path}.validTo`, message: 'must be an ISO-8601 instant or null' });
    if (problems.length > before) return;
    const typed = key as unknown as RegisteredKey;
    if (typed.validTo !== null && Date.parse(typed.validTo) <= Date.parse(typed.validFrom)) {
      problems.push({ path: `${path}.validTo`, message: `must be after validFrom (${typed.validFrom})` });
      return;
    }
    valid.push({ index, key: typed });
  });
  problems.push(...rotationProblems(valid));
  return problems;
}

function rotationProblems(keys: readonly { index: number; key: RegisteredKey }[]): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const owner = new Map<string, { index: number; department: string }>();
  for (const { index, key } of keys) {
    const first = owner.get(key.publicKey);
    if (first) {
      problems.push({
        path: `keys[${index}].publicKey`,
        message:
          first.department === key.department
            ? `key already registered at keys[${first.index}]: a key is registered once (rotate to a new key instead of re-opening one)`
            : `key already registered for ${first.department} at keys[${first.index}]: one key per department`,
      });
    } else owner.set(key.publicKey, { index, department: key.department });
  }
  const byDepartment = new Map<string, { index: number; key: RegisteredKey }[]>();
  for (const entry of keys) byDepartment.set(entry.key.department, [...(byDepartment.get(entry.key.department) ?? []), entry]);
  for (const [department, entries] of byDepartment) {
    const sorted = [...entries].sort((a, b) => Date.parse(a.key.validFrom) - Date.parse(b.key.validFrom));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (!previous || !current) continue;
      if (previous.key.validTo === null) {
        problems.push({
          path: `keys[${previous.index}].validTo`,
          message: `${department} key still open while keys[${current.index}] starts at ${current.key.validFrom}: close it at the rotation`,
        });
      } else if (Date.parse(current.key.validFrom) < Date.parse(previous.key.validTo)) {
        problems.push({
          path: `keys[${current.index}].validFrom`,
          message: `${department} key overlaps keys[${previous.index}] (valid to ${previous.key.validTo}): windows of one department must not overlap`,
        });
      }
    }
  }
  return problems;
}

/**
 * The registry after `department` rotates to `publicKey` at instant `at`: its open key (if any) is closed
 * at `at` and the new key opens at `at`. Registering a key that is already the department's open key
 * changes nothing. The result must satisfy the rotation rule (throws InvalidKeyRegistryError otherwise,
 * e.g. a rotation dated before the current key's start, or a key another department holds).
 */
export function rotateKey(registry: KeyRegistry, department: string, publicKey: string, at: string): KeyRegistry {
  if (registry.keys.some((key) => key.department === department && key.publicKey === publicKey && key.validTo === null)) return registry;
  const keys = registry.keys.map((key) => (key.department === department && key.validTo === null ? { ...key, validTo: at } : { ...key }));
  keys.push({ department, publicKey, validFrom: at, validTo: null });
  const next: KeyRegistry = { version: 1, keys };
  const problems = registryProblems(next);
  if (problems.length > 0) throw new InvalidKeyRegistryError(`rotation of ${department} at ${at}`, problems);
  return next;
}
