import { randomBytes } from 'node:crypto';

/** `.hub/credentials.json`, as DESIGN.md's "Public interfaces" specifies. */
export interface Credentials {
  units: Record<string, string>;
  coordinator: string;
  auditor: string;
}

const newToken = (): string => randomBytes(24).toString('base64url');

export function generateCredentials(units: readonly string[]): Credentials {
  return { units: Object.fromEntries(units.map((unit) => [unit, newToken()])), coordinator: newToken(), auditor: newToken() };
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
  };
}
