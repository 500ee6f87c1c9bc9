// The coordination service's consume → fold → commit → publish cycle without NATS, over PostgreSQL: a stream
// kept in memory, the loop's own writes and restore (state-store.ts), and a publisher that appends the
// outbox to the same stream after each batch — so the joint events interleave with the input the way they
// do when the service runs while the log grows. Each run has its own schema; runs are compared table by table.
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { ClockPolicy, CorrelationOptions, HubEvent } from '@hub/domain';
import { decodeMessage, inTransaction, migrateReadModels, readModelClientConfig, sqlOf, type PositionedEvent, type Sql } from '@hub/persistence';
import { EventLog, type StoredEventFixture } from '../../libs/persistence/src/testing/event-log.js';
import type { CoordinationState } from '../../apps/coordination/src/coordination-state.js';
import { JOINT_UNIT } from '../../apps/coordination/src/joint-publisher.js';
import { coordinationDataSourceOptions, CoordinationCheckpointRepository, OutboxRepository } from '../../apps/coordination/src/persistence/index.js';
import { queueOverdue, restoreState, writeChanges } from '../../apps/coordination/src/state-store.js';

const CONSUMER = 'coordination';

/** HUB_EVENTS as the coordination service sees it: decoded events at sequences 1, 2, … */
export class FoldStream {
  readonly events: PositionedEvent[] = [];

  append(fixture: StoredEventFixture): number {
    const seq = this.events.length + 1;
    const decoded = decodeMessage({ seq, subject: fixture.streamSubject, data: new TextEncoder().encode(JSON.stringify(fixture.event)) });
    if (!decoded.ok) throw new Error(`fixture at ${seq} does not decode: ${decoded.corrupt.reason}`);
    this.events.push(decoded.event);
    return seq;
  }

  get lastSeq(): number {
    return this.events.length;
  }

  /** Sequence → event id (what coordinationSnapshot puts in place of stream positions). */
  ids(): Map<number, string> {
    return new Map(this.events.map((e) => [e.seq, e.event.id]));
  }

  /** The joint office's events, in stream order. */
  joint(): HubEvent[] {
    return this.events.filter((e) => e.event.source === JOINT_UNIT).map((e) => e.event);
  }
}

export interface FoldRunOptions {
  correlation?: CorrelationOptions;
  clocks?: ClockPolicy;
}

/** One coordination service over a FoldStream, with its state in `schema` of the database at `url`. */
export class FoldRun {
  readonly stream = new FoldStream();
  private readonly jointLog = new EventLog();
  private state: CoordinationState | undefined;
  private position = 0;
  private publishedCount = 0;
  batches = 0;

  private constructor(
    private readonly client: pg.Client,
    readonly schema: string,
    private readonly options: FoldRunOptions,
  ) {}

  static async start(url: string, schema: string, options: FoldRunOptions = {}): Promise<FoldRun> {
    const client = await migratedCoordinationClient(url, schema, 'hub-coordination-fold');
    const run = new FoldRun(client, schema, options);
    await run.restart();
    return run;
  }

  get sql(): Sql {
    return sqlOf(this.client);
  }

  get current(): CoordinationState {
    if (this.state === undefined) throw new Error('no state (restart first)');
    return this.state;
  }

  /** A new process: the state as committed, resuming after the checkpoint. */
  async restart(): Promise<void> {
    this.state = undefined;
    this.state = await restoreState(this.sql, this.options);
    this.position = await new CoordinationCheckpointRepository(this.sql).read(CONSUMER);
  }

  /** A process killed after folding the next batch in memory, before its transaction committed; then restarted. */
  async crashInBatch(batchSize: number): Promise<void> {
    const batch = this.stream.events.slice(this.position, this.position + batchSize);
    if (batch.length > 0) this.current.apply(batch, batch[batch.length - 1]?.seq ?? this.position);
    await this.restart();
  }

  /** Consumes at most `batches` batches of up to `batchSize` (fewer when it catches up); publishes after each. */
  async consume(batchSize: number, batches = Infinity): Promise<void> {
    for (let done = 0; done < batches && this.position < this.stream.lastSeq; done++) {
      const batch = this.stream.events.slice(this.position, this.position + batchSize);
      const lastSeq = batch[batch.length - 1]?.seq ?? this.position;
      const changes = this.current.apply(batch, lastSeq);
      await inTransaction(this.client, async (sql) => {
        const checkpoints = new CoordinationCheckpointRepository(sql);
        if ((await checkpoints.lock(CONSUMER)) >= lastSeq) throw new Error(`checkpoint already at ${lastSeq}`);
        await writeChanges(sql, changes);
        await checkpoints.save(CONSUMER, lastSeq);
      });
      this.position = lastSeq;
      this.batches += 1;
      await this.publish();
    }
  }

  /** Consumes until it has committed the whole stream, its own joint events included. */
  async drain(batchSize: number): Promise<void> {
    while (this.position < this.stream.lastSeq) await this.consume(batchSize);
  }

  /** The deadline timer at `now`: queues the clocks that ran out, publishes. */
  async tick(now: Date): Promise<void> {
    await queueOverdue(this.sql, this.current, now, this.options.clocks);
    await this.publish();
  }

  /** Appends the outbox to the stream in order (recordedAt: this run's own append clock, as the pipeline stamps it). */
  private async publish(): Promise<void> {
    const outbox = new OutboxRepository(this.sql);
    for (;;) {
      const pending = await outbox.pending(1_000);
      if (pending.length === 0) return;
      const published = pending.map((entry) => {
        this.publishedCount += 1;
        const recordedAt = new Date(Date.UTC(2030, 0, 1) + this.publishedCount * 1_000 + this.batches).toISOString();
        const fixture = this.jointLog.append(JOINT_UNIT, entry.type, entry.subject, entry.data, { id: entry.eventId, time: entry.time, recordedAt });
        this.stream.append(fixture);
        return entry.key;
      });
      await outbox.markPublished(published);
    }
  }

  async stop(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** A client connected to `schema` after coordination's migrations ran there (a spec's own schema). */
export async function migratedCoordinationClient(url: string, schema: string, applicationName: string): Promise<pg.Client> {
  const dataSource = await new DataSource(coordinationDataSourceOptions(url, { schema, poolSize: 1 })).initialize();
  try {
    await migrateReadModels(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const client = new pg.Client(readModelClientConfig(url, schema, applicationName));
  await client.connect();
  return client;
}
