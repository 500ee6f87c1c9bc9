// Restart PostgreSQL while the projector is in the middle of catching up: nobody restarts the projector,
// it notices, backs off, reconnects and finishes by itself — with read models equal to a fresh rebuild.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { campaignContributions, readModelClientConfig, sqlOf } from '@hub/persistence';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres, type TestDatabase } from '@hub/runtime';
import { mixedScenario } from '../../libs/persistence/src/testing/scenario.js';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild.js';
import { startProjector } from '../../apps/projector/src/main.js';
import { ProjectorHarness } from '../support/projector-harness.js';
import { readModelSnapshot } from '../support/read-model-snapshot.js';
import { waitUntil } from './support/processes.js';
import { EVENT_STREAM } from '@hub/event-store';

/** The projector's checkpoint, read over a fresh connection (PostgreSQL may be down: then 0). */
async function checkpointIn(url: string): Promise<number> {
  const client = new pg.Client(readModelClientConfig(url, 'projection', 'hub-fault-probe'));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ last_seq: string }>("SELECT last_seq FROM projector_checkpoint WHERE name = 'projector'");
    return Number(rows[0]?.last_seq ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('PostgreSQL restarted mid-projection', () => {
  let hub: ProjectorHarness;
  let dir: string;
  let postgres: RunningPostgres | undefined;
  let projector: INestApplicationContext | undefined;
  let fresh: TestDatabase | undefined;

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    dir = await mkdtemp(join(tmpdir(), 'hub-fault-pg-'));
    await chmod(dir, 0o755); // under root PostgreSQL runs as user postgres
    postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await projector?.close();
    await fresh?.drop().catch(() => undefined);
    await postgres?.stop();
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given the projector mid-way through a backlog, when PostgreSQL restarts, then the projector recovers by itself and equals a fresh rebuild', async () => {
    const server = postgres as RunningPostgres;
    const seqs = await hub.publish(mixedScenario(20_000, { seed: 41 }));
    const last = seqs.at(-1) ?? 0;
    let sessionErrors = 0;
    projector = await startProjector(hub.config({ databaseUrl: server.url, batchSize: 500 }), {
      retryDelayMs: { min: 50, max: 1_000 },
      onSessionError: () => (sessionErrors += 1),
    });

    await waitUntil('the projector is past the first tenth', async () => (await checkpointIn(server.url)) >= (seqs[2_000] ?? 0), 120_000, 5);
    const before = await checkpointIn(server.url);
    await server.stop();
    postgres = await startEmbeddedPostgres({ dataDir: server.dataDir, port: server.port });
    expect(before).toBeLessThan(last);

    await waitUntil(`the projector reached seq ${last} on its own`, async () => (await checkpointIn(server.url)) >= last, 180_000, 100);
    expect(sessionErrors).toBeGreaterThan(0);

    fresh = await createTestDatabase(postgres.serverUrl);
    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 2_000 });
    const live = new pg.Client(readModelClientConfig(server.url, 'projection', 'hub-fault-check'));
    const rebuilt = new pg.Client(readModelClientConfig(fresh.url, 'projection', 'hub-fault-check'));
    await live.connect();
    await rebuilt.connect();
    try {
      expect(await readModelSnapshot(sqlOf(live))).toEqual(await readModelSnapshot(sqlOf(rebuilt)));
    } finally {
      await live.end();
      await rebuilt.end();
    }
  }, 300_000);
});
