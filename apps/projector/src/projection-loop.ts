import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import {
  BatchPipeline,
  deferSecondaryIndexes,
  ReadModelWriter,
  readModelClientConfig,
  restoreDeferredIndexes,
  type ApplyOptions,
  type BatchOutcome,
  type RawMessage,
} from '@hub/persistence';
import { reconcileDurableConsumer } from '@hub/event-store';

export interface LoopLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionLoopOptions {
  nc: NatsConnection;
  databaseUrl: string;
  schema: string;
  stream: string;
  /** Durable consumer name and checkpoint name. */
  consumer: string;
  batchSize: number;
  /** Backlog (messages pending at session start) from which secondary indexes are dropped until caught up. */
  catchUpThreshold: number;
  contributionsOf: ApplyOptions['contributionsOf'];
  logger: LoopLogger;
  /** Fault-injection seam for tests (see ApplyOptions.onPartialWrite). */
  onPartialWrite?: ApplyOptions['onPartialWrite'];
  onBatch?: (outcome: BatchOutcome) => void;
  /** Told about every failed session (the loop retries by itself). */
  onSessionError?: (error: Error) => void;
  /** Catch-up mode ended: the deferred indexes are back (`restored` of them). */
  onCaughtUp?: (restored: number) => void;
  /** Back-off after a failed session: from `min` doubling up to `max` ms. */
  retryDelayMs?: { min: number; max: number };
}

/** The stream has a message the consumer did not deliver: the session restarts from the checkpoint. */
export class SkippedMessageError extends Error {
  constructor(readonly expected: number, readonly delivered: number) {
    super(`consumer delivered seq ${delivered} but the stream holds ${expected}, which was never delivered`);
    this.name = 'SkippedMessageError';
  }
}

/**
 * The projector's consume → apply → commit → ack cycle, independent of Nest.
 *
 * A session = one PostgreSQL connection + the durable consumer reconciled to the checkpoint + a pull
 * subscription. Messages are gathered into batches (up to `batchSize`, or fewer once nothing more is
 * pending) and each batch is one transaction that also moves the checkpoint; only after COMMIT is the
 * batch's last message acked (AckPolicy.All acks the whole batch). Any failure — PostgreSQL gone, NATS
 * trouble, a skipped sequence — ends the session without acking; the next session (after a back-off)
 * starts again from what PostgreSQL says, so nothing is lost or applied twice, and the projector heals
 * by itself when the database is back.
 */
export class ProjectionLoop {
  private readonly js: JetStreamClient;
  private jsm: JetStreamManager | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private messages: ConsumerMessages | undefined;
  private wake: (() => void) | undefined;
  private markReady: (() => void) | undefined;
  private readonly ready: Promise<void>;
  /** Last sequence committed by this process (0 before the first batch). */
  position = 0;

  constructor(private readonly options: ProjectionLoopOptions) {
    this.js = jetstream(options.nc);
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
        const { min, max } = this.options.retryDelayMs ?? { min: 200, max: 5_000 };
        const delay = Math.min(max, min * 2 ** Math.min(failures - 1, 10));
        this.options.logger.warn(`projection session failed (${failures}×), retrying in ${delay} ms: ${(error as Error).message}`);
        await this.pause(delay);
        continue;
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

  private connect(role: string): pg.Client {
    const { options } = this;
    const client = new pg.Client(readModelClientConfig(options.databaseUrl, options.schema, `hub-${options.consumer}${role}`));
    // A backend killed while idle emits 'error' on the client; the next query fails and ends the session.
    client.on('error', (error) => options.logger.warn(`PostgreSQL connection lost: ${error.message}`));
    return client;
  }

  private async session(): Promise<void> {
    const { options } = this;
    const client = this.connect('');
    const writer = new ReadModelWriter(client, {
      checkpoint: options.consumer,
      contributionsOf: options.contributionsOf,
      lock: true,
      ...(options.onPartialWrite ? { onPartialWrite: options.onPartialWrite } : {}),
      connectReader: async () => {
        const reader = this.connect('-reader');
        await reader.connect();
        return reader;
      },
    });
    try {
      await client.connect();
      const checkpoint = await writer.open();
      this.jsm ??= await jetstreamManager(options.nc, { checkAPI: false });
      const how = await reconcileDurableConsumer(this.jsm, { stream: options.stream, name: options.consumer, batchSize: options.batchSize }, checkpoint);
      const consumer = await this.js.consumers.get(options.stream, options.consumer);
      const backlog = (await consumer.info()).num_pending;
      if (backlog >= options.catchUpThreshold) {
        const dropped = await deferSecondaryIndexes(client, options.consumer);
        options.logger.log(`catch-up mode for a backlog of ${backlog}: ${dropped} secondary indexes dropped until caught up`);
      } else await this.restoreIndexes(client); // left over by a session that died in catch-up mode
      this.messages = await consumer.consume({ max_messages: options.batchSize * 2 });
      this.position = Math.max(this.position, checkpoint);
      options.logger.log(`consuming ${options.stream} as ${options.consumer} from seq ${checkpoint + 1} (consumer ${how}, ${backlog} pending)`);
      this.markReady?.();
      if (this.stopping) return;
      await this.consume(client, new BatchPipeline(writer), this.messages, checkpoint);
    } finally {
      const messages = this.messages;
      this.messages = undefined;
      await messages?.close().catch(() => undefined);
      await writer.close();
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Batches end at `batchSize` or when nothing more is pending. While more is pending the next batch is
   * prepared as the previous one commits; once caught up each batch is committed (and acked) at once.
   */
  private async consume(client: pg.Client, pipeline: BatchPipeline, messages: ConsumerMessages, checkpoint: number): Promise<void> {
    const { options } = this;
    let expected = checkpoint + 1;
    let batch: RawMessage[] = [];
    for await (const msg of messages) {
      // A redelivery of something this session already handled: the next ack covers it.
      if (msg.seq < expected) continue;
      if (msg.seq > expected) await this.assertNoGap(expected, msg.seq);
      batch.push({ seq: msg.seq, subject: msg.subject, data: msg.data });
      expected = msg.seq + 1;
      const caughtUp = msg.info.pending === 0;
      if (batch.length < options.batchSize && !caughtUp) continue;
      await pipeline.push(batch, (outcome) => this.committed(outcome, msg));
      batch = [];
      if (caughtUp || this.stopping) await pipeline.drain();
      if (caughtUp) await this.restoreIndexes(client);
      if (this.stopping) return;
    }
    await pipeline.drain();
  }

  private async restoreIndexes(client: pg.Client): Promise<void> {
    const started = performance.now();
    const restored = await restoreDeferredIndexes(client, this.options.consumer);
    if (restored === 0) return;
    this.options.logger.log(`caught up: ${restored} secondary indexes rebuilt in ${Math.round(performance.now() - started)} ms`);
    this.options.onCaughtUp?.(restored);
  }

  /** After COMMIT: ack the batch's last message (AckPolicy.All acknowledges the whole batch), report. */
  private committed(outcome: BatchOutcome, last: JsMsg): void {
    last.ack();
    this.position = outcome.lastSeq;
    if (outcome.corrupt > 0) this.options.logger.error(`${outcome.corrupt} corrupt message(s) up to seq ${outcome.lastSeq}; see projection_errors`);
    this.options.onBatch?.(outcome);
  }

  /** A jump in sequence is fine only if the stream really has nothing at `expected` (never happens with deny_delete). */
  private async assertNoGap(expected: number, delivered: number): Promise<void> {
    const jsm = (this.jsm ??= await jetstreamManager(this.options.nc, { checkAPI: false }));
    const missing = await jsm.streams.getMessage(this.options.stream, { seq: expected }).catch(() => null);
    if (missing !== null) throw new SkippedMessageError(expected, delivered);
    this.options.logger.warn(`stream ${this.options.stream} has no message at seq ${expected}..${delivered - 1}; continuing at ${delivered}`);
  }
}
