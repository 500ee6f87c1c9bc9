import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { encodeEvent, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { CheckpointRepository, readModelClientConfig, sqlOf, type BatchOutcome, type Sql } from '@hub/persistence';
import { createTestDatabase, inboxPrefixFor, type TestDatabase } from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import type { StoredEventFixture } from '../../libs/persistence/src/testing/event-log.js';
import { startProjector } from '../../apps/projector/src/main.js';
import type { ProjectorConfig } from '../../apps/projector/src/projector.config.js';
import type { ProjectorHooks } from '../../apps/projector/src/projector.service.js';
import { Signal } from './batch-signal.js';

/** Publishes in windows of concurrent acks (the stream orders them; each call returns the sequences in input order). */
export async function publishFixtures(js: JetStreamClient, events: readonly StoredEventFixture[], window = 1_000, timeoutMs?: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < events.length; i += window) {
    const acks = await Promise.all(
      events.slice(i, i + window).map((e) => {
        const { body, headers } = encodeEvent(e.event);
        return js.publish(e.streamSubject, body, { msgID: e.event.id, headers, ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }) });
      }),
    );
    seqs.push(...acks.map((ack) => ack.seq));
  }
  return seqs;
}

/**
 * One suite's world: its own nats-server (temp store, generated users) with the HUB_EVENTS stream, its
 * own database on the run's PostgreSQL, an admin connection for publishing, and projectors started in
 * this process as principal `projector`.
 */
export class ProjectorHarness {
  readonly batches = new Signal<BatchOutcome>();
  readonly sessionErrors = new Signal<Error>();
  private readonly apps = new Set<INestApplicationContext>();
  private readonly clients: pg.Client[] = [];

  private constructor(
    readonly nats: TestNats,
    readonly admin: NatsConnection,
    readonly js: JetStreamClient,
    readonly db: TestDatabase,
  ) {}

  static async start(): Promise<ProjectorHarness> {
    const nats = await startTestNats();
    const admin = await connect(nats.connectOptions('admin'));
    await ensureEventStream(await jetstreamManager(admin));
    const db = await createTestDatabase();
    return new ProjectorHarness(nats, admin, jetstream(admin), db);
  }

  config(overrides: Partial<ProjectorConfig> = {}): ProjectorConfig {
    return {
      natsUrl: this.nats.url,
      natsSeed: this.nats.secrets.users.projector.seed,
      inboxPrefix: inboxPrefixFor('projector'),
      databaseUrl: this.db.url,
      stream: EVENT_STREAM,
      consumer: 'projector',
      schema: 'projection',
      batchSize: 500,
      catchUpThreshold: 1_000_000,
      ...overrides,
    };
  }

  /** Starts a projector whose batches and session failures this harness can wait for. */
  async startProjector(overrides: Partial<ProjectorConfig> = {}, hooks: ProjectorHooks = {}): Promise<INestApplicationContext> {
    const app = await startProjector(this.config(overrides), {
      retryDelayMs: { min: 50, max: 500 },
      ...hooks,
      onBatch: (outcome) => {
        hooks.onBatch?.(outcome);
        this.batches.notify(outcome);
      },
      onSessionError: (error) => {
        hooks.onSessionError?.(error);
        this.sessionErrors.notify(error);
      },
    });
    this.apps.add(app);
    return app;
  }

  async stopProjector(app: INestApplicationContext): Promise<void> {
    this.apps.delete(app);
    await app.close();
  }

  async stopProjectors(): Promise<void> {
    for (const app of [...this.apps]) await this.stopProjector(app);
  }

  publish(events: readonly StoredEventFixture[]): Promise<number[]> {
    return publishFixtures(this.js, events);
  }

  /** Publishes a body as is (e.g. a retry under a new Nats-Msg-Id, or garbage). */
  async publishRaw(subject: string, body: string, msgId: string): Promise<number> {
    return (await this.js.publish(subject, body, { msgID: msgId })).seq;
  }

  /** A connection to the read models of `schema` in `url` (default: this suite's database, live schema). */
  async sql(url = this.db.url, schema = 'projection'): Promise<Sql> {
    const client = new pg.Client(readModelClientConfig(url, schema, 'hub-test'));
    client.on('error', () => undefined); // a dropped test database ends its connections; queries still fail loudly
    await client.connect();
    this.clients.push(client);
    return sqlOf(client);
  }

  /**
   * Waits until the live checkpoint (in `url`, default this suite's database) reaches `seq`: re-reads it
   * after each batch a projector of this harness commits (no sleeping), at most `maxBatches` times.
   */
  async waitForCheckpoint(seq: number, url = this.db.url, maxBatches = 1_000): Promise<void> {
    const sql = await this.sql(url);
    const checkpoints = new CheckpointRepository(sql);
    for (let i = 0; i < maxBatches; i++) {
      const next = this.batches.next();
      if ((await checkpoints.read('projector').catch(() => 0)) >= seq) return;
      await next;
    }
    throw new Error(`checkpoint did not reach ${seq} within ${maxBatches} batches`);
  }

  async lastSeq(): Promise<number> {
    return (await (await jetstreamManager(this.admin)).streams.info(EVENT_STREAM)).state.last_seq;
  }

  async stop(): Promise<void> {
    for (const app of this.apps) await app.close().catch(() => undefined);
    for (const client of this.clients) await client.end().catch(() => undefined);
    await this.admin.drain().catch(() => undefined);
    await this.nats.cleanup();
    await this.db.drop();
  }
}
