import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import type { CorrelationError, Referral } from '@hub/domain';
import { JetStreamEventStore, reconcileDurableConsumer } from '@hub/event-store';
import {
  ClusterRepository,
  CoordinationCheckpointRepository,
  CoordinationReferralRepository,
  CorrelationRepository,
  decodeMessage,
  inTransaction,
  OutboxRepository,
  readModelClientConfig,
  sqlOf,
  type PositionedEvent,
  type Sql,
} from '@hub/persistence';
import type { BatchChanges } from './batch-changes.js';
import type { CoordinationConfig } from './coordination.config.js';
import { CoordinationState } from './coordination-state.js';
import { JointPublisher } from './joint-publisher.js';

export interface LoopLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CoordinationHooks {
  /** After every committed batch, timer tick or publish round (tests wait on it). */
  onProgress?: () => void;
}

export type ManualCommand = { action: 'link' | 'unlink'; clusterId: string; members: string[]; reason: string };
export type ManualReply =
  | { ok: true; event: { id: string; type: string; subject: string; time: string; data: Record<string, unknown>; seq: number } }
  | { ok: false; error: { code: CorrelationError['code'] | 'UNAVAILABLE'; message: string } };

/**
 * The coordination service's consume → decide → commit → ack → publish cycle.
 *
 * A batch of the `coordination` durable consumer is folded into the in-memory state (correlation engine,
 * referral lifecycles); what it changes — new members, manual decisions, referral states, the clusters
 * read model, and the joint events it concluded (the outbox) — is committed in one transaction with the
 * checkpoint, and only then acked. The outbox is then published. A failed session restores the state
 * from PostgreSQL and resumes at the checkpoint, so nothing is decided twice; the deadline timer queues
 * each referral.overdue once by its key, including every clock that ran out while the service was down.
 */
export class CoordinationLoop {
  private readonly pool: pg.Pool;
  private readonly publisher: JointPublisher;
  private jsm: JetStreamManager | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private messages: ConsumerMessages | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private markReady: (() => void) | undefined;
  private readonly ready: Promise<void>;
  private chain: Promise<unknown> = Promise.resolve();
  state: CoordinationState | undefined;
  /** Last sequence committed by this process. */
  position = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly config: CoordinationConfig,
    private readonly logger: LoopLogger,
    private readonly hooks: CoordinationHooks = {},
  ) {
    // search_path: the coordination schema, then the read models (cluster members join `leads`).
    const client = readModelClientConfig(config.databaseUrl, config.schema, 'hub-coordination');
    this.pool = new pg.Pool({ ...client, options: `-c search_path=${config.schema},${config.readModelSchema}`, max: 3 });
    this.pool.on('error', (error) => logger.warn(`PostgreSQL connection lost: ${error.message}`));
    this.publisher = new JointPublisher(new JetStreamEventStore(nc, config.stream), config.signingSeed);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  private get now(): Date {
    return (this.config.clock ?? (() => new Date()))();
  }

  async start(): Promise<void> {
    this.running ??= this.run();
    await this.ready;
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.warn(`deadline timer: ${(error as Error).message}`)), this.config.timerIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.messages?.stop();
    this.wake?.();
    this.markReady?.();
    await this.running;
    await this.chain.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  /** Runs `work` after everything queued before it: batches, ticks, publishing and manual decisions never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.session();
        if (!this.stopping) throw new Error('the consumer stopped delivering');
      } catch (error) {
        if (this.stopping) break;
        failures += 1;
        const delay = Math.min(5_000, 200 * 2 ** Math.min(failures - 1, 10));
        this.logger.warn(`coordination session failed (${failures}×), retrying in ${delay} ms: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async session(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const sql = sqlOf(client);
      const checkpoint = await new CoordinationCheckpointRepository(sql).read(this.config.consumer);
      this.state = await this.restore(sql);
      await this.publisher.catchUp();
      this.jsm ??= await jetstreamManager(this.nc, { checkAPI: false });
      const how = await reconcileDurableConsumer(this.jsm, { stream: this.config.stream, name: this.config.consumer, batchSize: this.config.batchSize }, checkpoint);
      const consumer = await jetstream(this.nc).consumers.get(this.config.stream, this.config.consumer);
      const backlog = (await consumer.info()).num_pending;
      this.messages = await consumer.consume({ max_messages: this.config.batchSize * 2 });
      this.position = Math.max(this.position, checkpoint);
      this.logger.log(`consuming ${this.config.stream} as ${this.config.consumer} from seq ${checkpoint + 1} (consumer ${how}, ${backlog} pending)`);
      // Clocks that ran out while the service was down, and conclusions committed but not yet published.
      await this.tick();
      this.markReady?.();
      if (this.stopping) return;
      await this.consume(client, this.messages, checkpoint);
    } finally {
      const messages = this.messages;
      this.messages = undefined;
      await messages?.close().catch(() => undefined);
      client.release();
    }
  }

  /** The state as committed: correlation inputs in arrival order, manual decisions, referral lifecycles. */
  private async restore(sql: Sql): Promise<CoordinationState> {
    const correlation = new CorrelationRepository(sql);
    const members: [string, string, string, string[]][] = [];
    for await (const page of correlation.members()) for (const m of page) members.push([m.member, m.department, m.region, m.keys]);
    const manual = (await correlation.manual()).map((m) => ({ afterMembers: m.afterMembers, type: m.type, data: m.data as never }));
    const referrals = await new CoordinationReferralRepository(sql).all<Referral>();
    const over = new Map((await correlation.over()).map((o) => [o.key, o.count] as const));
    return new CoordinationState({ members, manual, referrals, over }, { ...(this.config.correlation ? { correlation: this.config.correlation } : {}) });
  }

  private async consume(client: pg.PoolClient, messages: ConsumerMessages, checkpoint: number): Promise<void> {
    let expected = checkpoint + 1;
    let batch: PositionedEvent[] = [];
    let last: JsMsg | undefined;
    for await (const msg of messages) {
      if (msg.seq < expected) continue; // a redelivery of what this session already handled
      if (msg.seq > expected) await this.assertNoGap(expected, msg.seq);
      expected = msg.seq + 1;
      last = msg;
      const decoded = decodeMessage({ seq: msg.seq, subject: msg.subject, data: msg.data });
      if (decoded.ok) batch.push(decoded.event);
      else this.logger.error(`seq ${msg.seq} is corrupt and was not coordinated: ${decoded.corrupt.reason}`);
      if (batch.length < this.config.batchSize && msg.info.pending > 0) continue;
      const events = batch;
      const lastSeq = msg.seq;
      batch = [];
      await this.exclusive(() => this.commit(client, events, lastSeq));
      last.ack();
      this.hooks.onProgress?.();
      void this.exclusive(() => this.publishPending()).catch((error: unknown) => this.logger.warn(`publishing: ${(error as Error).message}`));
      if (this.stopping) return;
    }
  }

  private async commit(client: pg.PoolClient, events: readonly PositionedEvent[], lastSeq: number): Promise<void> {
    const state = this.state;
    if (state === undefined) throw new Error('no state');
    let changes: BatchChanges;
    try {
      changes = state.apply(events, lastSeq);
      await inTransaction(client, async (sql) => {
        const checkpoints = new CoordinationCheckpointRepository(sql);
        const committed = await checkpoints.lock(this.config.consumer);
        if (committed >= lastSeq) throw new Error(`checkpoint ${committed} is already at or past ${lastSeq}: another instance is coordinating`);
        const correlation = new CorrelationRepository(sql);
        await correlation.insertMembers(changes.members);
        await correlation.insertManual(changes.manual);
        await correlation.upsertOver(changes.over);
        await new CoordinationReferralRepository(sql).upsert([...changes.referrals.values()]);
        const clusters = new ClusterRepository(sql);
        for (const event of changes.clusterEvents) await clusters.apply(event);
        await clusters.upsertSuggestions(changes.suggestions);
        await new OutboxRepository(sql).enqueue(changes.outbox);
        await checkpoints.save(this.config.consumer, lastSeq);
      });
    } catch (error) {
      // The in-memory state may be ahead of what was committed: the next session restores it.
      this.state = undefined;
      throw error;
    }
    this.position = lastSeq;
  }

  /** Deadline timer: queues referral.overdue for every clock that ran out by now, then publishes. */
  async tick(): Promise<void> {
    await this.exclusive(async () => {
      const state = this.state;
      if (state === undefined) return;
      const now = this.now;
      await this.withClient(async (db) => {
        const due = await new CoordinationReferralRepository(db).due<Referral>(now);
        if (due.length === 0) return;
        const outbox = new OutboxRepository(db);
        const candidates = state.overdue(due, now, new Set());
        const queued = await outbox.known(candidates.map((c) => c.key));
        const fresh = candidates.filter((c) => !queued.has(c.key));
        if (fresh.length > 0) {
          await outbox.enqueue(fresh);
          this.logger.log(`${fresh.length} referral clock(s) ran out by ${now.toISOString()}`);
        }
      });
    });
    await this.exclusive(() => this.publishPending());
    this.hooks.onProgress?.();
  }

  private async withClient<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(sqlOf(client));
    } finally {
      client.release();
    }
  }

  /** Publishes the outbox in order until it is empty or the stream is unavailable. */
  private async publishPending(): Promise<void> {
    await this.withClient(async (sql) => {
      const outbox = new OutboxRepository(sql);
      for (;;) {
        const pending = await outbox.pending(1_000);
        if (pending.length === 0) return;
        const outcome = await this.publisher.publish(pending);
        await outbox.markPublished(outcome.published);
        for (const failure of outcome.failed.filter((f) => !f.retry)) {
          this.logger.error(`joint event ${failure.key} cannot be published: ${failure.error}`);
          await outbox.markFailed(failure.key, failure.error);
        }
        if (outcome.failed.some((f) => f.retry)) {
          this.logger.warn(`publishing paused: ${outcome.failed.find((f) => f.retry)?.error ?? ''}`);
          return;
        }
        this.hooks.onProgress?.();
      }
    });
  }

  /** A coordinator's link/unlink: checked against the current clusters, then published as a joint event. */
  manual(command: ManualCommand): Promise<ManualReply> {
    return this.exclusive(async () => {
      const state = this.state;
      if (state === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: 'coordination is restoring its state; retry' } } as const;
      const decision =
        command.action === 'link'
          ? state.engine.decideLink({ clusterId: command.clusterId, members: command.members, reason: command.reason })
          : state.engine.decideUnlink({ clusterId: command.clusterId, members: command.members, reason: command.reason });
      if (!decision.ok) return { ok: false, error: { code: decision.error.code, message: decision.error.message } } as const;
      const event = { id: randomUUID(), type: decision.type, subject: decision.subject, time: this.now.toISOString(), data: { ...decision.data } as Record<string, unknown> };
      const outcome = await this.publisher.publish([{ key: `manual/${event.id}`, eventId: event.id, ...event }]);
      const stored = outcome.published[0];
      if (stored === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: outcome.failed[0]?.error ?? 'not published' } } as const;
      return { ok: true, event: { ...event, seq: stored.seq } } as const;
    });
  }

  private async assertNoGap(expected: number, delivered: number): Promise<void> {
    const jsm = (this.jsm ??= await jetstreamManager(this.nc, { checkAPI: false }));
    const missing = await jsm.streams.getMessage(this.config.stream, { seq: expected }).catch(() => null);
    if (missing !== null) throw new Error(`consumer delivered seq ${delivered} but the stream holds ${expected}, which was never delivered`);
  }
}
