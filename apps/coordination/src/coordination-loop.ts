import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { deterministicEventId, EventSigner, isSealSubject, type LogCheckpoint, type CorrelationError, type HubEvent } from '@hub/domain';
import { CheckpointedConsumer, JetStreamEventStore, type ConsumerBatch, type ConsumerLogger, type ConsumerSession } from '@hub/event-store';
import { decodeMessage, preparedSqlOf, readModelClientConfig, sqlOf, type PositionedEvent, type Sql } from '@hub/persistence';
import { SqlScript } from '@hub/read-models';
import type { BatchChanges } from './batch-changes.js';
import type { CoordinationConfig } from './coordination.config.js';
import type { CoordinationState } from './coordination-state.js';
import { LogCheckpointer } from './log-checkpointer.js';
import { JointHeadsKeeper } from './joint-heads-keeper.js';
import { JointPublisher } from './joint-publisher.js';
import { OutboxPublishing } from './outbox-publishing.js';
import type { RoleEvent, RoleReply } from './role-protocol.js';
import { ClusterRepository, CoordinationCheckpointRepository, isCheckpointNotBelow, OutboxRepository, type MovesOutcome } from './persistence/index.js';
import { queueOverdue, restoreState, writeInputs, writeOutputs } from './state-store.js';

export interface CoordinationHooks {
  /** After every committed batch, timer tick or publish round (tests wait on it). */
  onProgress?: () => void;
  /**
   * Fault-injection seam for tests: called inside a batch's transaction after its rows are written and
   * before the checkpoint moves (the projector's `onPartialWrite`). A test kills the session here.
   */
  onPartialWrite?: (batch: { lastSeq: number }) => Promise<void>;
  /** Fault-injection seam for tests: joint events were appended, the outbox does not know it yet. */
  onPublished?: (published: readonly { key: string; seq: number; duplicate: boolean }[]) => Promise<void>;
  /** Back-off after a failed session: from `min` doubling up to `max` ms (a test playing a dead process sets it long). */
  retryDelayMs?: { min: number; max: number };
}

/** `requestId`: the client's idempotency key (a UUID); a retry with it is answered with the stored decision. */
/** `by`: the deciding person (`account:<id>`) or key, signed into the joint event as its actor. */
export type ManualCommand = { action: 'link' | 'unlink'; clusterId: string; members: string[]; reason: string; requestId?: string; by?: string };
export type ManualEvent = { id: string; type: string; subject: string; time: string; data: Record<string, unknown>; seq: number };
export type ManualReply =
  | { ok: true; duplicate: boolean; event: ManualEvent }
  | { ok: false; error: { code: CorrelationError['code'] | 'UNAVAILABLE' | 'ID_REUSED'; message: string } };

const MANUAL_TYPE = { link: 'cluster.linked', unlink: 'cluster.unlinked' } as const;

/** The event id of a manual decision: from the client's request id when it sent one (retries land on the same id). */
export function manualEventId(requestId: string | undefined): string {
  return requestId === undefined ? randomUUID() : deterministicEventId(`cluster.manual/${requestId.toLowerCase()}`);
}

/** Whether a stored manual decision is what `command` asks for (else its request id was reused for something else). */
export function sameManualDecision(stored: HubEvent, command: ManualCommand): boolean {
  const members = Array.isArray(stored.data['members']) ? (stored.data['members'] as unknown[]) : [];
  return (
    stored.type === MANUAL_TYPE[command.action] &&
    stored.data['clusterId'] === command.clusterId &&
    members.length === command.members.length &&
    command.members.every((m, i) => members[i] === m) &&
    stored.data['reason'] === command.reason
  );
}

/**
 * A batch's script, its statements prepared on the session's connection: the same dozen statements go batch after
 * batch, and PostgreSQL planned each again every time (under the trickle bench, planning was ~40% of the backend's
 * statement time).
 */
const prepared = (): SqlScript => new SqlScript({ prepare: true });

/** How long an event may take from being stamped `recordedAt` by its department service to being in the stream. */
const RECORDING_MARGIN_MS = 10_000;

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
  private readonly jointHeads: JointHeadsKeeper;
  private readonly consumer: CheckpointedConsumer;
  private timer: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly checkpointer: LogCheckpointer;
  private chain: Promise<unknown> = Promise.resolve();
  /** What the outbox holds unpublished (known after its first read in a session: then a batch's conclusions go straight out). */
  private readonly outbox: OutboxPublishing;
  state: CoordinationState | undefined;
  /** The latest `recordedAt` among the events committed by this process (undefined before the first batch). */
  private lastRecordedAt: number | undefined;

  constructor(
    nc: NatsConnection,
    private readonly config: CoordinationConfig,
    private readonly logger: ConsumerLogger,
    private readonly hooks: CoordinationHooks = {},
  ) {
    // search_path: the coordination schema, then the read models (cluster members join `leads`).
    const client = readModelClientConfig(config.databaseUrl, config.schema, 'hub-coordination');
    this.pool = new pg.Pool({ ...client, options: `-c search_path=${config.schema},${config.readModelSchema}`, max: 3 });
    this.pool.on('error', (error) => logger.warn(`PostgreSQL connection lost: ${error.message}`));
    const store = new JetStreamEventStore(nc, config.stream);
    this.publisher = new JointPublisher(store, config.signingSeed, config.instance);
    this.outbox = new OutboxPublishing(this.publisher);
    this.jointHeads = new JointHeadsKeeper(store, this.publisher, logger);
    this.checkpointer = new LogCheckpointer(store, this.publisher, new EventSigner(config.signingSeed));
    this.consumer = new CheckpointedConsumer({
      nc,
      stream: config.stream,
      name: config.consumer,
      batchSize: config.batchSize,
      ...(config.minBatchIntervalMs === undefined ? {} : { minBatchIntervalMs: config.minBatchIntervalMs }),
      label: 'coordination',
      logger,
      openSession: () => this.openSession(),
      ...(hooks.retryDelayMs ? { retryDelayMs: hooks.retryDelayMs } : {}),
    });
  }

  private get now(): Date {
    return (this.config.clock ?? (() => new Date()))();
  }

  /** Last sequence committed by this process. */
  get position(): number {
    return this.consumer.position;
  }

  async start(): Promise<void> {
    await this.consumer.start();
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.logger.warn(`deadline timer: ${(error as Error).message}`)), this.config.timerIntervalMs);
    const every = this.config.checkpointIntervalMs ?? 60_000;
    if (every > 0) this.checkpointTimer = setInterval(() => void this.checkpoint().catch((error: unknown) => this.logger.warn(`log checkpoint: ${(error as Error).message}`)), every);
  }

  /** Signs and publishes the tree head over the log so far (after the outbox: never between a batch and its conclusions). */
  async checkpoint(): Promise<LogCheckpoint | undefined> {
    const checkpoint = await this.exclusive(() => this.checkpointer.checkpoint());
    if (checkpoint) this.logger.log(`log checkpoint: ${checkpoint.treeSize} events up to seq ${checkpoint.uptoSeq}, root ${checkpoint.root}`);
    return checkpoint;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.checkpointTimer);
    this.publisher.close();
    await this.consumer.stop();
    await this.chain.catch(() => undefined);
    // Everything this run published is in the heads now: saved, the next start reads none of it again. (A published
    // mark still waiting for its batch is left as a crash leaves it: the next start's publish answers duplicates.)
    await this.withClient((sql) => this.jointHeads.saveIfBehind(sql, 1)).catch((error: unknown) => this.logger.warn(`saving the joint heads at shutdown failed: ${(error as Error).message}`));
    await this.pool.end().catch(() => undefined);
  }

  /** Runs `work` after everything queued before it: batches, ticks, publishing and manual decisions never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * A client checked out of the pool has no 'error' listener of the pool's: a connection that dies while
   * it is in use (PostgreSQL restarted, the session terminated) would be an uncaught 'error' event and
   * take the process down. Listen, and let the failing query end the session instead.
   */
  private async connect(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    if (client.listenerCount('error') === 0) client.on('error', (error) => this.logger.warn(`PostgreSQL connection lost: ${error.message}`));
    return client;
  }

  /** A session resumes at the committed checkpoint with the state as committed, and first publishes what is pending. */
  private async openSession(): Promise<ConsumerSession> {
    const client = await this.connect();
    this.outbox.forget();
    try {
      const sql = sqlOf(client);
      const checkpoint = await new CoordinationCheckpointRepository(sql).read(this.config.consumer);
      const restoring = Date.now();
      this.state = await this.restore(sql);
      this.logger.log(`restored the committed state (${this.state.size}) in ${Date.now() - restoring} ms`);
      const saved = await this.jointHeads.load(sql);
      const read = await this.publisher.catchUp((error) => this.logger.warn(`sealing a peer's leftover joint events failed: ${error.message}`), saved);
      this.logger.log(`joint heads: ${saved === undefined ? 'none saved' : `saved up to seq ${saved.lastSeq}`}, ${read} joint events read`);
      await this.jointHeads.saveIfBehind(sql);
      return {
        checkpoint,
        // Clocks that ran out while the service was down, and conclusions committed but not yet published.
        begin: () => this.tick(),
        handle: (batch) => this.handle(client, batch),
        close: () => Promise.resolve(client.release()),
      };
    } catch (error) {
      client.release();
      throw error;
    }
  }

  /** The state as committed (state-store.ts), with this service's options. */
  private restore(sql: Sql): Promise<CoordinationState> {
    // The joint key signs each committed draw's hash: the seed no drawing unit can know when it commits.
    const seedSigner = new EventSigner(this.config.signingSeed);
    return restoreState(sql, {
      ...(this.config.correlation ? { correlation: this.config.correlation } : {}),
      ...(this.config.clocks ? { clocks: this.config.clocks } : {}),
      signDrawSeed: (message) => seedSigner.sign(message),
    });
  }

  private async handle(client: pg.PoolClient, batch: ConsumerBatch): Promise<void> {
    const events: PositionedEvent[] = [];
    for (const message of batch.messages) {
      if (isSealSubject(message.subject)) continue; // a batch seal signs events, it is none
      const decoded = decodeMessage(message);
      if (decoded.ok) events.push(decoded.event);
      else this.logger.error(`seq ${message.seq} is corrupt and was not coordinated: ${decoded.corrupt.reason}`);
    }
    await this.exclusive(() => this.commit(client, events, batch.lastSeq));
    batch.ack();
    this.hooks.onProgress?.();
    if (this.outbox.idle) return;
    void this.exclusive(() => this.publishPending()).catch((error: unknown) => this.logger.warn(`publishing: ${(error as Error).message}`));
  }

  /** Applies and commits a batch (its conclusions then wait to be published). */
  private async commit(client: pg.PoolClient, events: readonly PositionedEvent[], lastSeq: number): Promise<void> {
    const state = this.state;
    if (state === undefined) throw new Error('no state');
    let changes: BatchChanges;
    try {
      changes = state.apply(events, lastSeq);
      await this.write(client, changes, lastSeq, this.outbox.takeUnmarked());
    } catch (error) {
      // The in-memory state may be ahead of what was committed: the next session restores it.
      this.state = undefined;
      throw error;
    }
    // A key queued before (an alert's after a restart) is not queued again; publishing it again is answered as a
    // duplicate by its id, as after a crash.
    this.outbox.queued(changes.outbox);
    for (const e of events) {
      const at = Date.parse(e.event.recordedAt);
      if (!(at <= (this.lastRecordedAt ?? -Infinity))) this.lastRecordedAt = at;
    }
  }

  /**
   * One transaction: the checkpoint locked, the batch's changes (state-store.ts) and the checkpoint moved. A batch
   * costs about the same whatever its size, and under single-event requests it is a few events, so the statements
   * go in as few round trips as their results allow (SqlScript): BEGIN, the checkpoint locked and asserted below
   * the batch, every write whose result is not read, the checkpoint and COMMIT in one; with cluster moves, two: the
   * first ends with the moves, whose answer decides what the second writes (writeClusters' halves). A failed assertion (the checkpoint is missing, or another instance
   * is coordinating) rolls back, and the batch goes again with the lock's answer looked at first.
   */
  private async write(client: pg.PoolClient, changes: BatchChanges, lastSeq: number, published: readonly string[]): Promise<void> {
    try {
      await this.writeBatch(client, changes, lastSeq, published, 'assert');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!isCheckpointNotBelow(error)) throw error;
      try {
        await this.writeBatch(client, changes, lastSeq, published, 'lock');
      } catch (again) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw again;
      }
    }
  }

  /**
   * write()'s transaction; `published`: outbox keys published since the last batch, their mark written here
   * (OutboxPublishing); `begin`: assert the checkpoint in the first script, or lock and read it first (creating it when missing).
   */
  private async writeBatch(client: pg.PoolClient, changes: BatchChanges, lastSeq: number, published: readonly string[], begin: 'assert' | 'lock'): Promise<void> {
    const { consumer } = this.config;
    // The cluster moves, the same few statements every batch, prepared too.
    const sql = preparedSqlOf(client);
    let script = prepared().add('BEGIN');
    if (begin === 'lock') {
      const selected = await CoordinationCheckpointRepository.lockingSelect(script, consumer).run<{ last_seq: string }>(client);
      const committed = await new CoordinationCheckpointRepository(sql).lock(consumer, selected);
      if (committed >= lastSeq) throw new Error(`checkpoint ${committed} is already at or past ${lastSeq}: another instance is coordinating`);
      script = prepared();
    } else {
      await new CoordinationCheckpointRepository(script.sql).assertBelow(consumer, lastSeq);
    }
    await writeInputs(script.sql, changes);
    if (changes.clusterEvents.length > 0) {
      // The members move in one statement sent last in this script (its answer is the script's); what settles
      // them only writes, so it goes in the next. A batch that must move them change by change does it between.
      const events = changes.clusterEvents;
      const moves = ClusterRepository.movesAtOnce(events);
      if (moves !== undefined) {
        // PostgreSQL kept planning this statement afresh for every batch (its custom plans looked cheaper than the
        // generic one: ~600 µs of planning a batch, more than its execution under a trickle); the generic plan makes
        // the same look-ups by index (the statement's LATERAL … OFFSET 0). The batch's
        // other statements go back to PostgreSQL's choice once the moves are done (below).
        script.add('SET LOCAL plan_cache_mode = force_generic_plan');
        await script.sql.query(moves.text, moves.values);
      }
      const moved = await script.run<MovesOutcome>(client);
      script = prepared();
      // Only the moves run their generic plan: the published mark's `key = ANY(…)` took ten times as long in its own.
      if (moves !== undefined) script.add('SET LOCAL plan_cache_mode TO DEFAULT');
      if (moves === undefined || !(await new ClusterRepository(script.sql).settleMoved(events, moved))) {
        if (script.size > 0) {
          await script.run(client);
          script = prepared();
        }
        await new ClusterRepository(sql).applyOneByOne(events);
      }
    }
    await writeOutputs(script.sql, changes);
    await new OutboxRepository(script.sql).markPublished(published);
    if (this.hooks.onPartialWrite) {
      await script.run(client);
      await this.hooks.onPartialWrite({ lastSeq });
      script = prepared();
    }
    await new CoordinationCheckpointRepository(script.sql).save(consumer, lastSeq);
    await script.add('COMMIT').run(client);
  }

  /**
   * The instant up to which clocks may be judged. A clock that ran out at D is overdue only if no answer was
   * recorded before D, and such an answer may still sit in the stream beyond what was consumed (a backlog
   * after downtime, batches in flight). So: `now` once everything in the stream is committed; otherwise the
   * newest consumed `recordedAt` minus a margin for events stamped but not yet appended; undefined (judge
   * nothing yet) while a backlog is pending and nothing was consumed. What is left: an answer stamped just
   * before D and still in flight when a caught-up timer runs just after D — a window of milliseconds.
   */
  private async judgementHorizon(now: Date): Promise<number | undefined> {
    const jsm = await this.consumer.manager();
    const info = await jsm.consumers.info(this.config.stream, this.config.consumer);
    const caughtUp = info.num_pending === 0 && info.delivered.stream_seq <= this.position;
    if (caughtUp) return now.getTime();
    return this.lastRecordedAt === undefined ? undefined : Math.min(now.getTime(), this.lastRecordedAt - RECORDING_MARGIN_MS);
  }

  /** Deadline timer: queues referral.overdue, closure.overdue and case.overdue for every clock that ran out by now, then publishes. */
  async tick(): Promise<void> {
    await this.exclusive(async () => {
      const state = this.state;
      if (state === undefined) return;
      const horizon = await this.judgementHorizon(this.now);
      if (horizon === undefined) return;
      const now = new Date(horizon);
      const queued = await this.withClient((db) => queueOverdue(db, state, now, this.config.clocks));
      if (queued.length > 0) {
        this.outbox.queued(queued);
        this.logger.log(`${queued.length} clock(s) ran out by ${now.toISOString()}`);
      }
    });
    await this.exclusive(() => this.publishPending());
    await this.exclusive(() => this.withClient((sql) => this.jointHeads.saveIfBehind(sql)));
    this.hooks.onProgress?.();
  }

  /** `prepared`: its statements with parameters prepared on the connection (a statement every publish round). */
  private async withClient<T>(work: (sql: Sql) => Promise<T>, prepared = false): Promise<T> {
    const client = await this.connect();
    try {
      return await work(prepared ? preparedSqlOf(client) : sqlOf(client));
    } finally {
      client.release();
    }
  }

  /** Publishes the outbox in order until it is empty or the stream is unavailable. */
  private async publishPending(): Promise<void> {
    await this.withClient((sql) =>
      this.outbox.publish(sql, {
        ...(this.hooks.onPublished ? { onPublished: this.hooks.onPublished } : {}),
        onFailed: (failure) => this.logger.error(`joint event ${failure.key} cannot be published: ${failure.error}`),
        onPaused: (error) => this.logger.warn(`publishing paused: ${error}`),
        ...(this.hooks.onProgress ? { onRound: this.hooks.onProgress } : {}),
      }),
      true,
    );
  }

  /** A coordinator's link/unlink: checked against the current clusters, then published as a joint event. */
  manual(command: ManualCommand): Promise<ManualReply> {
    return this.exclusive(async () => {
      const state = this.state;
      if (state === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: 'coordination is restoring its state; retry' } } as const;
      const id = manualEventId(command.requestId);
      // A retry: answered with what was stored, not decided again (the link may since have changed the cluster).
      const earlier = command.requestId === undefined ? undefined : await this.publisher.stored(id);
      if (earlier !== undefined) {
        if (!sameManualDecision(earlier.event, command)) {
          return { ok: false, error: { code: 'ID_REUSED', message: `id ${command.requestId ?? ''} was used for another decision (${earlier.event.type} of ${String(earlier.event.data['clusterId'])})` } } as const;
        }
        const { event } = earlier;
        return { ok: true, duplicate: true, event: { id: event.id, type: event.type, subject: event.subject, time: event.time, data: event.data, seq: earlier.seq } } as const;
      }
      const decision =
        command.action === 'link'
          ? state.engine.decideLink({ clusterId: command.clusterId, members: command.members, reason: command.reason })
          : state.engine.decideUnlink({ clusterId: command.clusterId, members: command.members, reason: command.reason });
      if (!decision.ok) return { ok: false, error: { code: decision.error.code, message: decision.error.message } } as const;
      const event = { id, type: decision.type, subject: decision.subject, time: this.now.toISOString(), data: { ...decision.data } as Record<string, unknown> };
      const outcome = await this.publisher.publish([{ key: `manual/${event.id}`, eventId: event.id, ...event }], command.by);
      const stored = outcome.published[0];
      if (stored === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: outcome.failed[0]?.error ?? 'not published' } } as const;
      return { ok: true, duplicate: stored.duplicate, event: { ...event, seq: stored.seq } } as const;
    });
  }

  /**
   * A joint decision an admin or a line supervisor asked for (a grant, a revocation, a returned filing), already
   * checked against the catalogue: published as a joint event. `refuse`: looks at the joint office's latest event on the decision's aggregate and names why this decision
   * may not follow it (e.g. a filing already returned). It runs inside the exclusive section, so two concurrent
   * requests cannot both pass it; a retry of a stored decision (same id) skips it and is answered as a duplicate.
   */
  publishDecision(event: Omit<RoleEvent, 'seq'>, refuse?: (latest: HubEvent | undefined) => string | undefined): Promise<RoleReply> {
    return this.exclusive(async () => {
      if (this.state === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: 'coordination is restoring its state; retry' } } as const;
      if (refuse !== undefined && (await this.publisher.stored(event.id)) === undefined) {
        const [aggregateType, ...rest] = event.subject.split('/');
        const refusal = refuse(await this.publisher.latestOn(aggregateType ?? '', rest.join('/')));
        if (refusal !== undefined) return { ok: false, error: { code: 'CONFLICT', message: refusal } } as const;
      }
      // The person who decided (data.by) is also the event's signed actor.
      const by = event.data['by'];
      const outcome = await this.publisher.publish([{ key: `decision/${event.id}`, eventId: event.id, ...event }], typeof by === 'string' ? by : undefined);
      const stored = outcome.published[0];
      if (stored === undefined) return { ok: false, error: { code: 'UNAVAILABLE', message: outcome.failed[0]?.error ?? 'not published' } } as const;
      return { ok: true, duplicate: stored.duplicate, event: { ...event, seq: stored.seq } } as const;
    });
  }
}
