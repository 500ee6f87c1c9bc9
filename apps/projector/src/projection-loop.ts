import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import {
  BatchPipeline,
  DEFAULT_CACHE_ROWS,
  deferSecondaryIndexes,
  ReadModelWriter,
  readModelClientConfig,
  restoreDeferredIndexes,
  type ApplyOptions,
  type BatchOutcome,
} from '@hub/persistence';
import { CheckpointedConsumer, type ConsumerBatch, type ConsumerLogger, type ConsumerSession } from '@hub/event-store';

export interface ProjectionLoopOptions {
  nc: NatsConnection;
  databaseUrl: string;
  schema: string;
  stream: string;
  /** Durable consumer name and checkpoint name. */
  consumer: string;
  batchSize: number;
  /** Caught-up batches are committed at least this far apart (ms; CheckpointedConsumer's default when absent). */
  minBatchIntervalMs?: number;
  /** Backlog (messages pending at session start) from which secondary indexes are dropped until caught up. */
  catchUpThreshold: number;
  contributionsOf: ApplyOptions['contributionsOf'];
  logger: ConsumerLogger;
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

/**
 * The projector's apply → commit → ack cycle on a CheckpointedConsumer, independent of Nest.
 *
 * A session is one PostgreSQL connection (plus a reader) whose checkpoint row says where to resume. Each
 * batch is one transaction that also moves the checkpoint; only after COMMIT is the batch acked. While more
 * is pending the next batch is prepared as the previous one commits (BatchPipeline); once caught up each
 * batch is committed (and acked) at once. A large backlog is caught up with secondary indexes dropped.
 */
export class ProjectionLoop {
  private readonly consumer: CheckpointedConsumer;

  constructor(private readonly options: ProjectionLoopOptions) {
    this.consumer = new CheckpointedConsumer({
      nc: options.nc,
      stream: options.stream,
      name: options.consumer,
      batchSize: options.batchSize,
      ...(options.minBatchIntervalMs === undefined ? {} : { minBatchIntervalMs: options.minBatchIntervalMs }),
      label: 'projection',
      logger: options.logger,
      openSession: () => this.openSession(),
      ...(options.onSessionError ? { onSessionError: options.onSessionError } : {}),
      ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
    });
  }

  /** Last sequence committed by this process (0 before the first batch). */
  get position(): number {
    return this.consumer.position;
  }

  /** Starts consuming; resolves once the first session is pulling messages (retrying until it can). */
  start(): Promise<void> {
    return this.consumer.start();
  }

  /** Stops after the batch in flight (if any) has committed or failed; an uncommitted batch stays unacked. */
  stop(): Promise<void> {
    return this.consumer.stop();
  }

  private connect(role: string): pg.Client {
    const { options } = this;
    const client = new pg.Client(readModelClientConfig(options.databaseUrl, options.schema, `hub-${options.consumer}${role}`));
    // A backend killed while idle emits 'error' on the client; the next query fails and ends the session.
    client.on('error', (error) => options.logger.warn(`PostgreSQL connection lost: ${error.message}`));
    return client;
  }

  private async openSession(): Promise<ConsumerSession> {
    const { options } = this;
    const client = this.connect('');
    const writer = new ReadModelWriter(client, {
      checkpoint: options.consumer,
      contributionsOf: options.contributionsOf,
      lock: true,
      // Four batches at least, whatever the batch size: keys of batches in flight must stay cached.
      cacheCapacity: Math.max(DEFAULT_CACHE_ROWS, 4 * options.batchSize),
      ...(options.onPartialWrite ? { onPartialWrite: options.onPartialWrite } : {}),
      connectReader: async () => {
        const reader = this.connect('-reader');
        await reader.connect();
        return reader;
      },
    });
    const close = async (): Promise<void> => {
      await writer.close();
      await client.end().catch(() => undefined);
    };
    try {
      await client.connect();
      const checkpoint = await writer.open();
      const pipeline = new BatchPipeline(writer);
      return {
        checkpoint,
        begin: ({ backlog }) => this.chooseIndexMode(client, backlog),
        handle: (batch) => this.handle(client, pipeline, batch),
        flush: () => pipeline.drain(),
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** A large backlog is caught up without secondary indexes; otherwise restore any a dead session left dropped. */
  private async chooseIndexMode(client: pg.Client, backlog: number): Promise<void> {
    if (backlog < this.options.catchUpThreshold) return this.restoreIndexes(client);
    const dropped = await deferSecondaryIndexes(client, this.options.consumer);
    this.options.logger.log(`catch-up mode for a backlog of ${backlog}: ${dropped} secondary indexes dropped until caught up`);
  }

  private async handle(client: pg.Client, pipeline: BatchPipeline, batch: ConsumerBatch): Promise<void> {
    let settled = false;
    await pipeline.push(batch.messages, (outcome) => {
      settled = outcome.settled === true;
      this.committed(outcome, batch);
    });
    if (!batch.caughtUp) return;
    await pipeline.drain();
    // A batch that saw nothing deferred under the checkpoint's lock leaves nothing to restore: without this check
    // every caught-up batch (all of them under a trickle) cost a second transaction of five statements.
    if (!settled) await this.restoreIndexes(client);
  }

  private async restoreIndexes(client: pg.Client): Promise<void> {
    const started = performance.now();
    // A second connection takes half the rebuild (catch-up-indexes.ts): the projector has nothing else to do meanwhile.
    const restored = await restoreDeferredIndexes(client, this.options.consumer, async () => {
      const helper = this.connect('-restore');
      await helper.connect().catch(async (error: unknown) => {
        await helper.end().catch(() => undefined);
        throw error;
      });
      return helper;
    });
    if (restored === 0) return;
    this.options.logger.log(`caught up: ${restored} secondary indexes rebuilt in ${Math.round(performance.now() - started)} ms`);
    this.options.onCaughtUp?.(restored);
  }

  /** After COMMIT: ack the batch, report. */
  private committed(outcome: BatchOutcome, batch: ConsumerBatch): void {
    batch.ack();
    if (outcome.corrupt > 0) this.options.logger.error(`${outcome.corrupt} corrupt message(s) up to seq ${outcome.lastSeq}; see projection_errors`);
    this.options.onBatch?.(outcome);
  }
}
