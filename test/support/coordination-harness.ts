import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STREAM } from '@hub/event-store';
import type { Sql } from '@hub/persistence';
import { generateSigningSeeds, inboxPrefixFor } from '@hub/runtime';
import { Signal } from './batch-signal.js';
import { ProjectorHarness } from './projector-harness.js';
import { CoordinationService } from '../../apps/coordination/src/coordination.module.js';
import type { CoordinationConfig } from '../../apps/coordination/src/coordination.config.js';
import type { CoordinationHooks, CoordinationLoop } from '../../apps/coordination/src/coordination-loop.js';
import { startCoordination } from '../../apps/coordination/src/main.js';
import { outboxPendingCountSql } from '../../apps/coordination/src/persistence/index.js';

/**
 * One suite's world for the coordination service: its own nats-server with HUB_EVENTS and database
 * (the projector harness's), the joint office's signing seed, and coordination services started in
 * this process whose progress the test can wait for.
 */
export class CoordinationHarness {
  readonly progress = new Signal();
  readonly seed = generateSigningSeeds(['joint'])['joint'] ?? '';
  private app: INestApplicationContext | undefined;
  now = new Date('2021-09-01T00:00:00Z');

  private constructor(readonly hub: ProjectorHarness) {}

  static async start(): Promise<CoordinationHarness> {
    return new CoordinationHarness(await ProjectorHarness.start());
  }

  config(overrides: Partial<CoordinationConfig> = {}): CoordinationConfig {
    return {
      natsUrl: this.hub.nats.url,
      natsSeed: this.hub.nats.secrets.users.coordination.seed,
      inboxPrefix: inboxPrefixFor('coordination'),
      signingSeed: this.seed,
      databaseUrl: this.hub.db.url,
      stream: EVENT_STREAM,
      consumer: 'coordination',
      schema: 'coordination',
      readModelSchema: 'projection',
      batchSize: 200,
      timerIntervalMs: 600_000, // the test ticks by itself
      checkpointIntervalMs: 0, // joint events compared between runs: no checkpoint may slip in
      clock: () => this.now,
      ...overrides,
    };
  }

  async startCoordination(overrides: Partial<CoordinationConfig> = {}, hooks: CoordinationHooks = {}): Promise<CoordinationLoop> {
    if (this.app) throw new Error('a coordination service is running already');
    this.app = await startCoordination(this.config(overrides), {
      ...hooks,
      onProgress: () => {
        hooks.onProgress?.();
        this.progress.notify();
      },
    });
    return this.app.get(CoordinationService).loop;
  }

  async stopCoordination(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    await app?.close();
  }

  async sql(): Promise<Sql> {
    return this.hub.sql(this.hub.db.url, 'coordination');
  }

  /** Waits (no sleeping) until the running service committed the whole stream and published its outbox. */
  async coordinated(maxRounds = 5_000): Promise<void> {
    const sql = await this.sql();
    for (let i = 0; i < maxRounds; i += 1) {
      const next = this.progress.next();
      const target = await this.hub.lastSeq();
      const [row] = await sql.query<{ last_seq: string | null; pending: string }>(
        `SELECT (SELECT last_seq FROM coordination_checkpoint WHERE name = 'coordination') AS last_seq,
                ${outboxPendingCountSql()} AS pending`,
      );
      if (Number(row?.last_seq ?? 0) >= target && Number(row?.pending ?? 1) === 0) return;
      await next;
    }
    throw new Error('coordination did not catch up');
  }

  async stop(): Promise<void> {
    await this.stopCoordination().catch(() => undefined);
    await this.hub.stop();
  }
}
