/**
 * What an audit found. Every finding names the stream sequence and the aggregate it is about (or the
 * archive row, for what only the archive holds), so an auditor can replay exactly that spot.
 */
export type FindingCode =
  /** The stored message is not a readable event envelope. */
  | 'CORRUPT_EVENT'
  /** The envelope's source/subject disagree with the stream subject it is stored under. */
  | 'SUBJECT_MISMATCH'
  /** The event's content does not hash to its `hash`: it was altered after sealing. */
  | 'HASH_MISMATCH'
  /** No key of the publishing department was valid at the event's recordedAt. */
  | 'NO_KEY'
  /** The signature verifies with no registered key. */
  | 'SIGNATURE_INVALID'
  /** The signature verifies with another department's key. */
  | 'SIGNED_BY_OTHER_DEPARTMENT'
  /** The signature verifies with the department's key, but one that was not valid at recordedAt. */
  | 'SIGNED_OUTSIDE_VALIDITY'
  /** The aggregate's version does not continue its previous event (an event missing, repeated or moved). */
  | 'VERSION_GAP'
  /** `prevHash` is not the hash of the aggregate's previous event. */
  | 'CHAIN_BROKEN'
  /** The stream holds an event the archive lacks (although the projector has passed it). */
  | 'MISSING_IN_ARCHIVE'
  /** The archive holds an event the stream lacks (reconcile can re-append it). */
  | 'MISSING_IN_STREAM'
  /** The archived copy no longer hashes to its `hash`: the archive row was altered. */
  | 'ARCHIVE_ALTERED'
  /** The archived copy's hash, signature or subject differ from the stream's. */
  | 'ARCHIVE_DIFFERS'
  /** The archive records the event at another stream sequence. */
  | 'ARCHIVE_SEQ_DIFFERS'
  /** A message on a seal subject is not a readable seal. */
  | 'CORRUPT_SEAL'
  /** The seal's content does not hash to its `hash`. */
  | 'SEAL_HASH_MISMATCH'
  /** The seal's prevSeal is not its signer's previous seal (one missing, moved or forged). */
  | 'SEAL_CHAIN_BROKEN'
  /** The root over the events a seal lists is not the root it signs (an event altered, dropped or moved). */
  | 'SEAL_ROOT_MISMATCH'
  /** A seal lists a sequence that is no event awaiting a seal (already sealed, absent, or after the seal). */
  | 'SEAL_COVERS_UNKNOWN'
  /** A seal covers another department's event. */
  | 'SEAL_FOREIGN_EVENT'
  /** An event has no signature of its own and no seal covers it. */
  | 'UNSEALED';

export interface Finding {
  code: FindingCode;
  /** Stream sequence (for archive-only findings: the archive's sequence). */
  seq: number | null;
  /** `hub.evt.<dept>.<region>.<aggregateType>.<aggregateId>`. */
  streamSubject: string | null;
  eventId: string | null;
  message: string;
}

export const finding = (code: FindingCode, at: { seq: number | null; streamSubject: string | null; eventId: string | null }, message: string): Finding => ({
  code,
  seq: at.seq,
  streamSubject: at.streamSubject,
  eventId: at.eventId,
  message,
});
