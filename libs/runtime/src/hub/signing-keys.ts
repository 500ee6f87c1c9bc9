import { createUser, fromSeed } from '@nats-io/nkeys';
import { keyValidAt, rotateKey, type KeyRegistry, type RegisteredKey } from '@hub/domain';

/** The registry format and rotation rule live in the domain (libs/domain/src/audit/key-registry.ts). */
export { keyValidAt, type KeyRegistry, type RegisteredKey };

/** Private signing seeds by department; each department service gets only its own. */
export type SigningSeeds = Record<string, string>;

export function generateSigningSeeds(departments: readonly string[]): SigningSeeds {
  return Object.fromEntries(departments.map((department) => [department, new TextDecoder().decode(createUser().getSeed())]));
}

export function parseSigningSeeds(doc: unknown, departments: readonly string[]): SigningSeeds {
  const seeds = doc as Record<string, unknown>;
  for (const department of departments) {
    if (typeof seeds?.[department] !== 'string' || !seeds[department].startsWith('S')) {
      throw new Error(`signing seeds: missing or malformed seed for ${department}`);
    }
  }
  return seeds as SigningSeeds;
}

export const publicKeyOf = (seed: string): string => fromSeed(new TextEncoder().encode(seed)).getPublicKey();

/**
 * Adds a registry entry for every seed whose public key is not registered yet. A department whose key
 * changed gets its previous key closed at `now` (rotation), never removed.
 */
export function registerKeys(registry: KeyRegistry, seeds: SigningSeeds, now: Date): KeyRegistry {
  let next: KeyRegistry = { version: 1, keys: registry.keys.map((key) => ({ ...key })) };
  for (const [department, seed] of Object.entries(seeds)) next = rotateKey(next, department, publicKeyOf(seed), now.toISOString());
  return next;
}
