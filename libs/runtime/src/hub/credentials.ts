import { randomBytes } from 'node:crypto';
import { base32Encode } from '@hub/domain';

/** `.hub/credentials.json`, as DESIGN.md's "Public interfaces" specifies. */
export interface Credentials {
  units: Record<string, string>;
  coordinator: string;
  auditor: string;
  /** The bootstrap admin: a one-time password and the TOTP secret (the gateway creates the account). */
  admin: { username: string; password: string; totpSecret: string };
}

const newToken = (): string => randomBytes(24).toString('base64url');

/** The policy wants 12+ characters of three classes: 16 random base64url characters and a fixed tail. */
const newAdmin = (): Credentials['admin'] => ({ username: 'admin', password: `${randomBytes(12).toString('base64url')}-Aa1`, totpSecret: base32Encode(randomBytes(20)) });

export function generateCredentials(units: readonly string[]): Credentials {
  return { units: Object.fromEntries(units.map((unit) => [unit, newToken()])), coordinator: newToken(), auditor: newToken(), admin: newAdmin() };
}

/** Keeps existing tokens and adds any unit that appeared in the catalogue since. */
export function completeCredentials(doc: unknown, units: readonly string[]): Credentials {
  const credentials = doc as Partial<Credentials>;
  if (typeof credentials?.coordinator !== 'string' || typeof credentials.auditor !== 'string' || typeof credentials.units !== 'object') {
    throw new Error('credentials.json: expected {units, coordinator, auditor}');
  }
  const existing = credentials.units ?? {};
  return {
    units: Object.fromEntries(units.map((unit) => [unit, existing[unit] ?? newToken()])),
    coordinator: credentials.coordinator,
    auditor: credentials.auditor,
    admin: credentials.admin ?? newAdmin(),
  };
}
