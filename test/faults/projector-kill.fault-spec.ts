// kill -9 the projector process in the middle of a batch (its PostgreSQL transaction open), start it again:
// it resumes from its checkpoint by itself and its read models equal a fresh rebuild of the same log.
// Once in normal mode, once in catch-up mode (secondary indexes dropped while it was killed).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { CheckpointRepository, campaignContributions } from '@hub/persistence';
import { createTestDatabase, inboxPrefixFor, type TestDatabase } from '@hub/runtime';
import { mixedScenario } from '../../libs/persistence/src/testing/scenario.js';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild.js';
import { ProjectorHarness } from '../support/projector-harness.js';
import { readModelSnapshot } from '../support/read-model-snapshot.js';
import { killProcess, startServiceProcess, waitUntil } from './support/processes.js';
import { EVENT_STREAM } from '@hub/event-store';

const PROJECTOR_ENTRY = 'apps/projector/src/main.ts';

describe.each([
  { mode: 'normal', catchUpThreshold: 1_000_000 },
  { mode: 'catch-up', catchUpThreshold: 1_000 },
])('projector killed (-9) mid-batch in $mode mode', ({ catchUpThreshold }) => {
  let hub: ProjectorHarness;
  let fresh: TestDatabase;
  let logDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    fresh = await createTestDatabase();
    logDir = await mkdtemp(join(tmpdir(), 'hub-fault-projector-'));
  });

  afterAll(async () => {
    for (const child of children) await killProcess(child, 'SIGTERM');
    await hub?.stop();
    await fresh?.drop();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  const startProjectorProcess = async (): Promise<ChildProcess> => {
    const child = await startServiceProcess(
      PROJECTOR_ENTRY,
      {
        NATS_URL: hub.nats.url,
        HUB_NATS_SEED: hub.nats.secrets.users.projector.seed,
        HUB_INBOX_PREFIX: inboxPrefixFor('projector'),
        DATABASE_URL: hub.db.url,
        HUB_PROJECTOR_BATCH: '500',
        HUB_PROJECTOR_CATCHUP: String(catchUpThreshold),
      },
      join(logDir, 'projector.log'),
    );
    children.push(child);
    return child;
  };

  it('given a projector killed inside a transaction, when started again, then its read models equal a fresh rebuild', async () => {
    const seqs = await hub.publish(mixedScenario(12_000, { seed: 31 }));
    const sql = await hub.sql();
    const checkpoints = new CheckpointRepository(sql);
    const checkpoint = (): Promise<number> => checkpoints.read('projector').catch(() => 0);

    const first = await startProjectorProcess();
    // Mid-batch: past the first quarter, with the projector's transaction open right now.
    await waitUntil('the projector is inside a batch past the first quarter', async () => {
      if ((await checkpoint()) < (seqs[3_000] ?? 0)) return false;
      const open = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-projector' AND xact_start IS NOT NULL AND state <> 'idle'",
      );
      return (open[0]?.n ?? 0) > 0;
    }, 120_000, 1);
    await killProcess(first);
    const atKill = await checkpoint();
    expect(atKill).toBeLessThan(seqs.at(-1) ?? 0);
    expect(await sql.query('SELECT max(seq)::int AS max FROM event_archive')).toEqual([{ max: atKill }]); // nothing of the open batch

    const more = await hub.publish(mixedScenario(500, { seed: 32 }));
    await startProjectorProcess();
    const end = more.at(-1) ?? 0;
    await waitUntil(`the projector reached seq ${end}`, async () => (await checkpoint()) >= end, 180_000, 100);

    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 2_000 });
    expect(await readModelSnapshot(sql)).toEqual(await readModelSnapshot(await hub.sql(fresh.url)));
  }, 300_000);
});
