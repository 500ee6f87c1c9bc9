import type { KeyRegistry } from '@hub/domain';
import { HEADER_RECONCILED_FROM, type LogMessage } from './log-message.js';
import { BatchChecker, type CheckedBatch } from './message-check.js';
import { headerValue } from './wire/frame-parser.js';
import { StreamRangeSocket } from './wire/stream-range-socket.js';

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
   * decoding a header block costs about as much as parsing the body.
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

/**
 * Where each message of a batch sits in the stream, in columns (message i: seqs[i], subjects[i], storedAt[i]), as the
 * in-order half of verification reads them: no object per message (a million-event pass made one for each).
 */
export interface BatchPlaces {
  seqs: ArrayLike<number>;
  subjects: readonly string[];
  storedAt: ArrayLike<number>;
  /** Hub-Reconciled-From of re-appended events, by message index. */
  reconciledFrom: ReadonlyMap<number, number>;
}

/** The places of a range's messages (no bodies: those stayed in the worker). */
export function placesOfRange(range: RangeChecked): BatchPlaces {
  return { seqs: range.seqs, subjects: range.subjects === '' ? [] : range.subjects.split(' '), storedAt: range.storedAt, reconciledFrom: range.reconciledFrom };
}

/** The places of messages the main thread read itself. */
export function placesOfMessages(messages: readonly LogMessage[]): BatchPlaces {
  const reconciledFrom = new Map<number, number>();
  messages.forEach((message, i) => {
    if (message.reconciledFrom !== undefined) reconciledFrom.set(i, message.reconciledFrom);
  });
  return { seqs: messages.map((m) => m.seq), subjects: messages.map((m) => m.streamSubject), storedAt: messages.map((m) => m.storedAt), reconciledFrom };
}

/**
 * Reads every message of `range` (all subjects) and checks it, on the calling (worker) thread: the bodies never
 * cross to the main thread, which gets columns back.
 */
export async function readAndCheckRange(reader: StreamRangeSocket, range: SeqRange, registry: KeyRegistry): Promise<RangeChecked> {
  const capacity = Math.max(0, range.toSeq - range.fromSeq + 1);
  const seqs = new Float64Array(capacity);
  const storedAt = new Float64Array(capacity);
  const subjects: string[] = [];
  const reconciledFrom = new Map<number, number>();
  // Each message is checked as it arrives: none outlives its check (see BatchChecker).
  const checker = new BatchChecker(registry, capacity);
  await reader.readRange(range.stream, range.fromSeq, range.toSeq, (seq, subject, at, body, frame) => {
    const i = checker.size;
    seqs[i] = seq;
    storedAt[i] = at;
    subjects.push(subject);
    const reconciled = range.reconciled === true ? headerValue(frame.headers, HEADER_RECONCILED_FROM) : undefined;
    if (reconciled) reconciledFrom.set(i, Number(reconciled));
    checker.add(seq, subject, body, at);
  });
  const n = checker.size;
  return { seqs: seqs.slice(0, n), storedAt: storedAt.slice(0, n), subjects: subjects.join(' '), reconciledFrom, checked: checker.finish() };
}

/** The worker's own connection, opened on its first range (and again if it was lost). */
export function readerConnector(reader: ReaderConnection): () => Promise<StreamRangeSocket> {
  let connection: Promise<StreamRangeSocket> | undefined;
  let open: StreamRangeSocket | undefined;
  return async () => {
    if (open?.closed) connection = undefined;
    connection ??= StreamRangeSocket.open({ url: reader.url, name: 'hub-audit-reader', ...(reader.seed ? { seed: reader.seed } : {}), ...(reader.inboxPrefix ? { inboxPrefix: reader.inboxPrefix } : {}) }).then(
      (socket) => (open = socket),
      (error: unknown) => {
        connection = undefined;
        throw error;
      },
    );
    return connection;
  };
}
