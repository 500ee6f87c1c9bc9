// The key registry's shape and which key was valid when: no imports, so the web UI's proof check (which runs in the
// browser, without node:crypto) picks a seal's key by exactly the rule the verifier uses.

/**
 * The public-key registry auditors verify signatures against (`deploy/keys/registry.json` in production,
 * `.hub/keys/registry.json` for `npm start`). Each key is valid for a half-open window [validFrom, validTo),
 * compared with the event's `recordedAt` (the hub's clock when the department service signed it).
 *
 * Rotation rule: per department the windows are disjoint and at most one (the latest) is open
 * (`validTo: null`); rotating closes the current key at instant R and opens the new one at R or later, so
 * a rotated key keeps verifying what it signed while it was valid. A public key belongs to one department
 * only (a shared key would let one department sign for another). A key is never edited in place or removed.
 */
export interface KeyRegistry {
  version?: 1;
  keys: RegisteredKey[];
}

export interface RegisteredKey {
  department: string;
  /** nkey user public key (`U…`), the ed25519 key the department signs with. */
  publicKey: string;
  /** ISO-8601 instant. */
  validFrom: string;
  /** ISO-8601 instant (exclusive), or null while the key is current. */
  validTo: string | null;
}

/** The key that was valid for `department` at `instant` (ms or ISO), if any. */
export function keyValidAt(registry: KeyRegistry, department: string, instant: string | number): RegisteredKey | undefined {
  const at = typeof instant === 'number' ? instant : Date.parse(instant);
  return registry.keys.find((key) => key.department === department && windowContains(key, at));
}

export function windowContains(key: RegisteredKey, at: number): boolean {
  return Date.parse(key.validFrom) <= at && (key.validTo === null || at < Date.parse(key.validTo));
}
