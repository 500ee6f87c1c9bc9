import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { KeyRegistry } from '@hub/domain';
// Not the package index: a worker thread compiles what it imports at start, and the index pulls in the whole store.
import { natsConnectionOptions } from '../../event-store/src/nats-connection.js';
import { HEADER_RECONCILED_FROM, type LogMessage } from './log-message.js';
import { BatchChecker, type CheckedBatch } from './message-check.js';

/** How a worker thread connects to NATS itself (a connection cannot be handed to a thread): URL and the principal's seed. */
export interface ReaderConnection {
  url: string;
  seed?: string;
  inboxPrefix?: string;
}

/** A range of stream sequences for one worker to read and check. */
export interface SeqRange {
  stream: string;
  fromSeq: number;
  toSeq: number;
  /**
   * Read each message's Hub-Reconciled-From header: only a pass that compares with the archive uses it, and
   * nats.js decodes a message's headers as slowly as JSON.parse reads its body.
   */
  reconciled?: boolean;
}

/** What a worker read in a range (each message's place in the stream) and its checks, in columns. */
export interface RangeChecked {
  seqs: Float64Array;
  storedAt: Float64Array;
  /** Stream subjects, joined by spaces (a subject holds none). */
  subjects: string;
  /** Hub-Reconciled-From of re-appended events, by message index (read only when the range asked for it). */
  reconciledFrom: Map<number, number>;
  checked: CheckedBatch;
}

/** The messages of a range as the in-order half of verification sees them (no bodies: those stayed in the worker). */
export function messagesOf(range: RangeChecked): Omit<LogMessage, 'data'>[] {
  const subjects = range.subjects === '' ? [] : range.subjects.split(' ');
  return subjects.map((streamSubject, i) => {
    const reconciledFrom = range.reconciledFrom.get(i);
    return { seq: range.seqs[i] as number, streamSubject, storedAt: range.storedAt[i] as number, ...(reconciledFrom === undefined ? {} : { reconciledFrom }) };
  });
}

/**
 * Reads every message of `range` (all subjects) with an ordered consumer and checks it, on the calling
 * (worker) thread: the bodies never cross to the main thread, which gets columns back.
 */
export async function readAndCheckRange(nc: NatsConnection, range: SeqRange, registry: KeyRegistry): Promise<RangeChecked> {
  const js = jetstream(nc, { timeout: 60_000 });
  const consumer = await js.consumers.get(range.stream, { filter_subjects: '>', deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: range.fromSeq });
  const capacity = Math.max(0, range.toSeq - range.fromSeq + 1);
  const seqs = new Float64Array(capacity);
  const storedAt = new Float64Array(capacity);
  const subjects: string[] = [];
  const reconciledFrom = new Map<number, number>();
  // Each message is checked as it arrives: none outlives its check (see BatchChecker).
  const checker = new BatchChecker(registry, capacity);
  if ((await consumer.info(true)).num_pending === 0) await consumer.delete().catch(() => undefined);
  else {
    const delivered = await consumer.consume({ max_messages: Math.min(4_000, capacity) });
    try {
      for await (const msg of delivered) {
        if (msg.seq > range.toSeq) break;
        const i = checker.size;
        const at = Math.floor(msg.info.timestampNanos / 1e6);
        seqs[i] = msg.seq;
        storedAt[i] = at;
        subjects.push(msg.subject);
        const reconciled = range.reconciled === true ? msg.headers?.get(HEADER_RECONCILED_FROM) : undefined;
        if (reconciled) reconciledFrom.set(i, Number(reconciled));
        checker.add(msg.seq, msg.subject, msg.data, at);
        if (msg.seq >= range.toSeq || msg.info.pending === 0) break;
      }
    } finally {
      await delivered.close().catch(() => undefined);
    }
  }
  const n = checker.size;
  return { seqs: seqs.slice(0, n), storedAt: storedAt.slice(0, n), subjects: subjects.join(' '), reconciledFrom, checked: checker.finish() };
}

/** The worker's own connection, opened on its first range. */
export function readerConnector(reader: ReaderConnection): () => Promise<NatsConnection> {
  let connection: Promise<NatsConnection> | undefined;
  return () => (connection ??= connect(natsConnectionOptions({ url: reader.url, name: 'hub-audit-reader', ...(reader.seed ? { seed: reader.seed } : {}), ...(reader.inboxPrefix ? { inboxPrefix: reader.inboxPrefix } : {}) })));
}
