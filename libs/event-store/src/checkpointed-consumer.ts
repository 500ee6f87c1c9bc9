import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamManager } from '@nats-io/jetstream';
import { backoffMs, type Backoff } from './backoff.js';
import type { NatsConnection } from '@nats-io/transport-node';
import { reconcileDurableConsumer, type ConsumerReconciliation } from './durable-consumer.js';
import { SkippedMessageError } from './errors.js';

export interface ConsumerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A stream message as a handler receives it, before it is trusted to be an event. */
export interface StreamMessage {
  /** JetStream stream sequence. */
  seq: number;
  subject: string;
  data: Uint8Array;
}

export interface ConsumerBatch {
  messages: readonly StreamMessage[];
  lastSeq: number;
  /** Nothing more was pending, in the stream or in this client's buffer, when the batch's last message was taken. */
  caughtUp: boolean;
  /** Acknowledges the batch (AckPolicy.All: its last message acks everything before it). Call it only after the checkpoint is committed. */
  ack(): void;
}

/** One session of a handler: opened with its own connections and state, closed when the session ends. */
export interface ConsumerSession {
  /** The last stream sequence whose effects are committed (0: nothing yet); consuming resumes right after it. */
  readonly checkpoint: number;
  /** The consumer is pulling; `backlog` messages were pending. Runs before the first batch. */
  begin?(info: { backlog: number }): Promise<void>;
  /** Applies a batch and moves the checkpoint to `batch.lastSeq`; may return before committing if it acks later, in order. */
  handle(batch: ConsumerBatch): Promise<void>;
  /** Waits until every batch handed over is committed and acked (before a stop, and when delivery ends). */
  flush?(): Promise<void>;
  /** Releases the session's resources, whether it ended well or not. */
  close(): Promise<void>;
}

export interface CheckpointedConsumerOptions {
  nc: NatsConnection;
  stream: string;
  /** Durable consumer name. */
  name: string;
  /** Messages per batch at most (fewer once nothing more is pending). */
  batchSize: number;
  /** Names the consumer in log lines ("projection", "coordination"). */
  label: string;
  logger: ConsumerLogger;
  /** Starts a session: connects, restores the checkpoint and whatever state the handler keeps. */
  openSession(): Promise<ConsumerSession>;
  /** Told about every failed session (the consumer retries by itself). */
  onSessionError?: (error: Error) => void;
  /** Back-off after a failed session: from `min` doubling up to `max` ms. */
  retryDelayMs?: Backoff;
  /**
   * How long a batch may stay open waiting to fill (ms, default 50). Under a steady flow every message arrives with
   * more pending behind it, so "caught up" never closes the batch: without this bound a batch closed only when full
   * (2,000 messages: a second of latency at 2k events/s, two at 1k).
   */
  maxBatchDelayMs?: number;
  /**
   * Batches that end because nothing more is pending are handed over at least this far apart (ms, default
   * DEFAULT_MIN_BATCH_INTERVAL_MS; 0: at once). Under single-event requests every message arrives alone, so each
   * became a batch of its own (or of the few that came while the previous one committed), and a batch costs the
   * same whatever its size: its transaction, a statement per table it writes, the checkpoint. Held this long, the
   * events of a steady flow share them; a lone event after a quiet stretch is still handed over at once.
   */
  minBatchIntervalMs?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
  /** Waits `ms` while a caught-up batch is held (tests; default a timer that stop() cuts short). */
  hold?: (ms: number) => Promise<void>;
}

/** Whether the batch being gathered is handed over now: full, caught up, or open for `maxDelayMs` already. */
export function batchReady(batch: { length: number; openedAt: number }, options: { batchSize: number; caughtUp: boolean; now: number; maxDelayMs: number }): boolean {
  return batch.length >= options.batchSize || options.caughtUp || options.now - batch.openedAt >= options.maxDelayMs;
}

/**
 * How long a caught-up batch is held for its successors to join it. A batch costs the projector ~8 ms of CPU
 * (node and PostgreSQL) whatever its size; `npm run bench:projector-trickle`, 300 events/s arriving one at a time
 * (2 × AMD EPYC, shared): interval 0 → 3.3 events per batch, node 1,518 + PostgreSQL 1,253 µs per event (the
 * node figure includes the publisher), lag p50 7 / p99 48 ms; 20 ms → 6.2 events, 1,440 + 871 µs, 24 / 43 ms;
 * 50 ms → 15.2 events, 1,110 + 513 µs, 44 / 82 ms. Within the lag budget (issue 16: p99 ≤ 200 ms).
 */
export function batchHoldMs(batch: { openedAt: number }, options: { now: number; lastHandedAt: number; minIntervalMs: number; maxDelayMs: number }): number {
  const intervalLeft = options.minIntervalMs - (options.now - options.lastHandedAt);
  const delayLeft = options.maxDelayMs - (options.now - batch.openedAt);
  return Math.max(0, Math.min(intervalLeft, delayLeft));
}

const DEFAULT_MAX_BATCH_DELAY_MS = 50;

export const DEFAULT_MIN_BATCH_INTERVAL_MS = 50;

const DEFAULT_RETRY_DELAY_MS = { min: 200, max: 5_000 };

/**
 * A durable JetStream consumer whose position is a checkpoint its handler commits elsewhere (PostgreSQL).
 *
 * A session = the handler's session (its connections, its checkpoint, its state) + the durable consumer
 * reconciled to that checkpoint + a pull subscription. Messages are gathered into batches (up to
 * `batchSize`, or fewer once nothing more is pending); the handler commits each batch with its checkpoint
 * and only then acks it. Any failure — the database gone, NATS trouble, a skipped sequence — ends the
 * session without acking; the next session (after a back-off) starts again from the handler's checkpoint,
 * so nothing is lost or applied twice and the consumer heals by itself once its dependencies are back.
 */
export class CheckpointedConsumer {
  private jsm: JetStreamManager | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private messages: ConsumerMessages | undefined;
  private wake: (() => void) | undefined;
  private markReady: (() => void) | undefined;
  private readonly ready: Promise<void>;
  /** Last sequence acked by this process (at least the checkpoint of the latest session). */
  position = 0;

  constructor(private readonly options: CheckpointedConsumerOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** Starts consuming; resolves once the first session is pulling messages (retrying until it can). */
  async start(): Promise<void> {
    this.running ??= this.run();
    await this.ready;
  }

  /** Stops after the batch in flight (if any) has committed or failed; an uncommitted batch stays unacked. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    this.wake?.();
    this.markReady?.();
    await this.running;
  }

  /** The JetStream manager of this consumer's connection (made once, shared with the handler). */
  async manager(): Promise<JetStreamManager> {
    return (this.jsm ??= await jetstreamManager(this.options.nc, { checkAPI: false }));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.session();
        if (!this.stopping) throw new Error('the consumer stopped delivering');
      } catch (error) {
        if (this.stopping) break;
        this.options.onSessionError?.(error as Error);
        failures += 1;
        const delay = backoffMs(this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, failures);
        this.options.logger.warn(`${this.options.label} session failed (${failures}×), retrying in ${delay} ms: ${(error as Error).message}`);
        await this.pause(delay);
      }
    }
  }

  /** Waits `ms` unless stop() comes first. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async session(): Promise<void> {
    const { options } = this;
    const handler = await options.openSession();
    try {
      const { checkpoint } = handler;
      const how: ConsumerReconciliation = await reconcileDurableConsumer(await this.manager(), { stream: options.stream, name: options.name, batchSize: options.batchSize }, checkpoint);
      const consumer = await jetstream(options.nc).consumers.get(options.stream, options.name);
      const backlog = (await consumer.info()).num_pending;
      this.messages = await consumer.consume({ max_messages: options.batchSize * 2 });
      this.position = Math.max(this.position, checkpoint);
      options.logger.log(`consuming ${options.stream} as ${options.name} from seq ${checkpoint + 1} (consumer ${how}, ${backlog} pending)`);
      await handler.begin?.({ backlog });
      this.markReady?.();
      if (this.stopping) return;
      await this.consume(handler, this.messages, checkpoint);
    } finally {
      const messages = this.messages;
      this.messages = undefined;
      await messages?.close().catch(() => undefined);
      await handler.close();
    }
  }

  private async consume(handler: ConsumerSession, messages: ConsumerMessages, checkpoint: number): Promise<void> {
    let expected = checkpoint + 1;
    let batch: StreamMessage[] = [];
    let openedAt = 0;
    const now = this.options.now ?? (() => performance.now());
    const maxDelayMs = this.options.maxBatchDelayMs ?? DEFAULT_MAX_BATCH_DELAY_MS;
    const minIntervalMs = this.options.minBatchIntervalMs ?? DEFAULT_MIN_BATCH_INTERVAL_MS;
    const hold = this.options.hold ?? ((ms: number) => this.pause(ms));
    let lastHandedAt = Number.NEGATIVE_INFINITY;
    for await (const msg of messages) {
      // A redelivery of something this session already handled: the next ack covers it.
      if (msg.seq < expected) continue;
      if (msg.seq > expected) await this.assertNoGap(expected, msg.seq);
      if (batch.length === 0) openedAt = now();
      batch.push({ seq: msg.seq, subject: msg.subject, data: msg.data });
      expected = msg.seq + 1;
      // `info.pending` is what the server still held when it sent this message: under a steady flow each message is
      // sent alone with 0 behind it, and while a batch commits hundreds queue in this client — without asking the
      // iterator too, each of them became a batch of one and the consumer fell further behind the busier it was.
      // (Received minus processed, not getPending(): the iterator's pending count drifts up with each pull status it handles.)
      const caughtUp = msg.info.pending === 0 && messages.getReceived() === messages.getProcessed();
      if (!batchReady({ length: batch.length, openedAt }, { batchSize: this.options.batchSize, caughtUp, now: now(), maxDelayMs })) continue;
      if (caughtUp && batch.length < this.options.batchSize) {
        const ms = batchHoldMs({ openedAt }, { now: now(), lastHandedAt, minIntervalMs, maxDelayMs });
        if (ms > 0 && !this.stopping) {
          await hold(ms);
          // What came in meanwhile waits in this client's buffer: gather it into this batch.
          if (messages.getReceived() !== messages.getProcessed() && !this.stopping) continue;
        }
      }
      lastHandedAt = now();
      const lastSeq = msg.seq;
      const ack = (): void => {
        msg.ack();
        this.position = lastSeq;
      };
      await handler.handle({ messages: batch, lastSeq, caughtUp, ack });
      batch = [];
      if (this.stopping) {
        await handler.flush?.();
        return;
      }
    }
    await handler.flush?.();
  }

  /** A jump in sequence is fine only if the stream really has nothing at `expected` (never happens with deny_delete). */
  private async assertNoGap(expected: number, delivered: number): Promise<void> {
    const jsm = await this.manager();
    const missing = await jsm.streams.getMessage(this.options.stream, { seq: expected }).catch(() => null);
    if (missing !== null) throw new SkippedMessageError(expected, delivered);
    this.options.logger.warn(`stream ${this.options.stream} has no message at seq ${expected}..${delivered - 1}; continuing at ${delivered}`);
  }
}
