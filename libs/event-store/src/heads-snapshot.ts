import type { JetStreamEventStore } from './jetstream-event-store.js';
import type { SubjectHeadsState } from './subject-heads.js';

/** Where the stream stood when heads were folded: a snapshot of another stream (recreated, restored) is refused. */
export interface StreamIdentity {
  stream: string;
  /** JetStream's creation time of the stream: a stream deleted and made again under the same name differs. */
  created: string;
}

export async function streamIdentity(store: JetStreamEventStore): Promise<StreamIdentity> {
  return { stream: store.stream, created: await store.createdAt() };
}

/**
 * Why heads folded earlier (a department's snapshot, the joint office's heads) cannot be continued on this
 * stream, or undefined when they can: same stream (creation time), not ahead of it, and their newest head is
 * the event the stream holds at that sequence.
 */
export async function headsMismatch(store: JetStreamEventStore, taken: StreamIdentity, heads: SubjectHeadsState): Promise<string | undefined> {
  const identity = await streamIdentity(store);
  if (taken.stream !== identity.stream || taken.created !== identity.created) {
    return `taken of stream ${taken.stream} created ${taken.created}, not of ${identity.stream} created ${identity.created}`;
  }
  const streamLast = await store.lastSequence();
  if (heads.lastSeq > streamLast) return `it reaches seq ${heads.lastSeq} but the stream ends at ${streamLast}`;
  const newest = newestHead(heads);
  if (newest) {
    const stored = await store.eventAt(newest.seq).catch(() => null);
    if (stored?.streamSubject !== newest.subject || stored.event.hash !== newest.hash) return `the stream holds another event at seq ${newest.seq}`;
  }
  return undefined;
}

function newestHead(heads: SubjectHeadsState): { subject: string; seq: number; hash: string } | undefined {
  let newest: { subject: string; seq: number; hash: string } | undefined;
  for (const [subject, head] of heads.heads) if (!newest || head.seq > newest.seq) newest = { subject, seq: head.seq, hash: head.hash };
  return newest;
}
