import { finding, type Finding } from './findings.js';

/** An archive row as the comparison sees it; `contentHash` is the hash recomputed from the row's content. */
export interface ArchivedCopy {
  seq: number;
  id: string;
  streamSubject: string;
  contentHash: string;
  hash: string;
  sig: string;
}

/** What the stream holds for one event id. `originalSeq` differs from `seq` only for events reconcile re-appended. */
export interface StreamCopy {
  seq: number;
  originalSeq: number;
  id: string;
  streamSubject: string;
  hash: string;
  sig: string;
}

/**
 * Compares the two durable copies of one event (matched by id). `archivedThrough` is how far the projector
 * has archived the stream: a stream event after it is simply not archived yet.
 */
export function compareCopies(archived: ArchivedCopy | undefined, stream: StreamCopy | undefined, archivedThrough: number): Finding[] {
  if (!archived && !stream) return [];
  if (!archived) {
    const s = stream as StreamCopy;
    if (s.seq > archivedThrough) return [];
    return [finding('MISSING_IN_ARCHIVE', { seq: s.seq, streamSubject: s.streamSubject, eventId: s.id }, `in the stream at ${s.seq} but not in the archive, which the projector has filled through ${archivedThrough}`)];
  }
  const where = { seq: stream?.seq ?? archived.seq, streamSubject: archived.streamSubject, eventId: archived.id };
  const findings: Finding[] = [];
  if (archived.contentHash !== archived.hash) {
    findings.push(finding('ARCHIVE_ALTERED', { ...where, seq: archived.seq }, `archive row ${archived.seq} hashes to ${archived.contentHash}, not to its hash ${archived.hash}: altered in the archive`));
  }
  if (!stream) {
    findings.push(finding('MISSING_IN_STREAM', { ...where, seq: archived.seq }, `archived at ${archived.seq} but missing from the stream (reconcile re-appends it)`));
    return findings;
  }
  const differences = [
    archived.hash !== stream.hash ? `hash ${archived.hash} ≠ ${stream.hash}` : '',
    archived.sig !== stream.sig ? 'signature differs' : '',
    archived.streamSubject !== stream.streamSubject ? `subject ${archived.streamSubject} ≠ ${stream.streamSubject}` : '',
  ].filter((text) => text !== '');
  if (differences.length > 0) findings.push(finding('ARCHIVE_DIFFERS', where, `archive and stream disagree: ${differences.join(', ')}`));
  if (archived.seq !== stream.originalSeq) {
    findings.push(finding('ARCHIVE_SEQ_DIFFERS', where, `archived at sequence ${archived.seq}, stored in the stream at ${stream.originalSeq}`));
  }
  return findings;
}
