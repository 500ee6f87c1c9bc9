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
 * How far each copy had got when a verification pass compared them. The projector keeps archiving while the
 * pass runs, so the archive it compares with may hold rows past the last stream sequence the pass read.
 */
export interface PassBounds {
  /** The projector's checkpoint when the archive is compared: a stream event after it is simply not archived yet. */
  archivedThrough: number;
  /** The last stream sequence the pass read. */
  streamReadThrough: number;
  /**
   * The projector's checkpoint read at the start of the pass, before the stream: the projector commits rows and
   * checkpoint together, so every row archived before the pass began is at or below it.
   */
  archivedAtStart: number;
}

/**
 * Whether an archive row (with no stream copy the pass read) was stored while the pass ran: past the stream the
 * pass read AND past the checkpoint at its start. Past the stream end alone is not enough: the archive's copies of
 * a stream tail that was lost lie there too, but they were archived before the pass, so at or below its start
 * checkpoint (they are MISSING_IN_STREAM, what reconcile re-appends).
 */
export const archivedDuringPass = (archived: Pick<ArchivedCopy, 'seq'> | undefined, stream: Pick<StreamCopy, 'seq'> | undefined, bounds: PassBounds): boolean =>
  archived !== undefined && stream === undefined && archived.seq > bounds.streamReadThrough && archived.seq > bounds.archivedAtStart;

/**
 * Compares the two durable copies of one event (matched by id). An archive row stored while the pass ran is
 * not compared at all: the pass holds no stream copy for it, and the next pass compares it in full.
 */
export function compareCopies(archived: ArchivedCopy | undefined, stream: StreamCopy | undefined, bounds: PassBounds): Finding[] {
  if ((!archived && !stream) || archivedDuringPass(archived, stream, bounds)) return [];
  if (!archived) {
    const s = stream as StreamCopy;
    const { archivedThrough } = bounds;
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
