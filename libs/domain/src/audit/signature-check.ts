import { verifySignature } from '../integrity/signing.js';
import type { SignatureJob } from './chain-verifier.js';
import { finding, type Finding } from './findings.js';
import { keyValidAt, windowContains, type KeyRegistry } from './key-registry.js';

/**
 * Checks one event's signature against the key its department had registered at the event's recordedAt.
 * When that fails, every registered key is tried so the finding can say who did sign: another
 * department, or this department with a key outside its validity window (a key replaced without a
 * rotation, or used after it was retired).
 */
export function checkSignature(job: SignatureJob, registry: KeyRegistry): Finding | undefined {
  const at = Date.parse(job.recordedAt);
  const key = keyValidAt(registry, job.department, at);
  if (key && verifySignature(key.publicKey, job.hash, job.sig)) return undefined;
  const where = { seq: job.seq, streamSubject: job.streamSubject, eventId: job.eventId };
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
