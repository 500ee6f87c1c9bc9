import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { departmentSealSubjects, inclusionPath, isEventSubject, seqsOf, type BatchSeal, type HubEvent, type InclusionProof } from '@hub/domain';

/** How far after an event its seal is looked for: a seal follows its batch's last append within one request. */
const SEAL_SEARCH_MESSAGES = 100_000;

/**
 * The inclusion proof of the event stored at `seq` (DESIGN.md "Seals and checkpoints"): the first seal of
 * its department after it that lists it, and the Merkle path over that seal's events. Undefined when the
 * message is no sealed event (none stored there, a seal or other message, signed on its own, or its seal not stored yet).
 */
export async function proveInclusion(js: JetStreamClient, stream: string, seq: number): Promise<InclusionProof | undefined> {
  const jsm = await js.jetstreamManager();
  const stored = await jsm.streams.getMessage(stream, { seq });
  // A seq an auditor typed may hold a seal: that is no event, and its subject names no event's department.
  if (!stored || !isEventSubject(stored.subject)) return undefined;
  const event = stored.json<HubEvent>();
  if (event.sig !== undefined) return undefined;
  const department = stored.subject.split('.')[2] ?? '';
  const found = await findSeal(js, stream, departmentSealSubjects(department), seq);
  if (!found) return undefined;
  const seqs = seqsOf(found.seal.batch);
  const hashes: string[] = [];
  for (const covered of seqs) {
    const message = covered === seq ? stored : await jsm.streams.getMessage(stream, { seq: covered });
    hashes.push(message?.json<HubEvent>().hash ?? '');
  }
  const leafIndex = seqs.indexOf(seq);
  return { seq, streamSubject: stored.subject, event, leafIndex, treeSize: seqs.length, path: inclusionPath(hashes, leafIndex), sealSeq: found.seq, sealSubject: found.subject, seal: found.seal };
}

async function findSeal(js: JetStreamClient, stream: string, filter: string, seq: number): Promise<{ seq: number; subject: string; seal: BatchSeal } | undefined> {
  const consumer = await js.consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: seq + 1 });
  const info = await consumer.info(true);
  if (info.num_pending === 0) {
    await consumer.delete().catch(() => undefined);
    return undefined;
  }
  const messages = await consumer.consume({ max_messages: 256 });
  try {
    for await (const msg of messages) {
      const seal = msg.json<BatchSeal>();
      if (Array.isArray(seal.batch) && seal.batch.some(([from, to]) => from <= seq && seq <= to)) return { seq: msg.seq, subject: msg.subject, seal };
      if (msg.info.pending === 0 || msg.seq - seq > SEAL_SEARCH_MESSAGES) return undefined;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
  return undefined;
}
