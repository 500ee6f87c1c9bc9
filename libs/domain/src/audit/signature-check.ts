import { verifySignature } from '../integrity/signing.js';
import type { SignatureJob } from './chain-verifier.js';
import { finding, type Finding } from './findings.js';
import { keyValidAt, windowContains, type KeyRegistry, type RegisteredKey } from './key-registry.js';

/**
 * How far JetStream's storage time may lie outside a key's window: the department stamps recordedAt just
 * before it publishes, and a rotation is dated by the clock of whoever registered it.
 */
export const KEY_STORAGE_GRACE_MS = 5 * 60_000;

/** Whether the server stored the event while the key was valid (give or take the grace). */
export function storedWithinValidity(key: RegisteredKey, storedAt: number, graceMs = KEY_STORAGE_GRACE_MS): boolean {
  return Date.parse(key.validFrom) - graceMs <= storedAt && (key.validTo === null || storedAt < Date.parse(key.validTo) + graceMs);
}

/**
 * Checks one event's signature against the key its department had registered at the event's recordedAt,
 * and, when the storage time is known, that JetStream stored it while that key was valid (so a leaked
 * retired key cannot sign new events dated into its old window).
 * When that fails, every registered key is tried so the finding can say who did sign: another
 * department, or this department with a key outside its validity window (a key replaced without a
 * rotation, or used after it was retired).
 */
export function checkSignature(job: SignatureJob, registry: KeyRegistry): Finding | undefined {
  const at = Date.parse(job.recordedAt);
  const key = keyValidAt(registry, job.department, at);
  const where = { seq: job.seq, streamSubject: job.streamSubject, eventId: job.eventId };
  if (key && verifySignature(key.publicKey, job.hash, job.sig)) {
    if (job.storedAt === undefined || storedWithinValidity(key, job.storedAt)) return undefined;
    return finding(
      'SIGNED_OUTSIDE_VALIDITY',
      where,
      `signed with ${job.department}'s key ${key.publicKey}, valid ${key.validFrom} to ${key.validTo ?? 'now'}, recorded at ${job.recordedAt} but stored by JetStream at ${new Date(job.storedAt).toISOString()}: a backdated event`,
    );
  }
  const signer = registry.keys.find((other) => other !== key && verifySignature(other.publicKey, job.hash, job.sig));
  if (signer && signer.department !== job.department) {
    return finding('SIGNED_BY_OTHER_DEPARTMENT', where, `signed with ${signer.department}'s key ${signer.publicKey}, not with a key of ${job.department}`);
  }
  if (signer && !windowContains(signer, at)) {
    return finding(
      'SIGNED_OUTSIDE_VALIDITY',
      where,
      `signed with ${job.department}'s key ${signer.publicKey}, valid ${signer.validFrom} to ${signer.validTo ?? 'now'}, but recorded at ${job.recordedAt}`,
    );
  }
  if (!key) return finding('NO_KEY', where, `no key of ${job.department} is registered as valid at ${job.recordedAt}`);
  return finding('SIGNATURE_INVALID', where, `signature does not verify with ${job.department}'s key ${key.publicKey} (valid at ${job.recordedAt}) nor any registered key`);
}
