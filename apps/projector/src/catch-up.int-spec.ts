// Catch-up mode against a real nats-server and PostgreSQL: with a backlog over the threshold the projector
// drops the secondary indexes and defers the annex rollup, then rebuilds both in one go; the read models
// it ends with equal a fresh rebuild's (which rolls up batch by batch). No sleeping: the checks run inside
// the batches (onPartialWrite) and after the catch-up hook.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STREAM } from '@hub/event-store';
import { campaignContributions, type Sql } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { mixedScenario } from '../../../libs/persistence/src/testing/scenario.js';
import { ProjectorHarness } from '../../../test/support/projector-harness.js';
import { readModelSnapshot } from '../../../test/support/read-model-snapshot.js';
import { rebuildReadModels } from './rebuild/rebuild.js';

describe('projector catch-up mode', () => {
  let hub: ProjectorHarness;
  let fresh: TestDatabase;
  let sql: Sql;

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    fresh = await createTestDatabase();
    sql = await hub.sql();
  });

  afterAll(async () => {
    await hub?.stop();
    await fresh?.drop();
  });

  it('given a backlog over the threshold, when caught up, then the rollup deferred meanwhile equals a fresh rebuild and the deferral is over', async () => {
    const events = mixedScenario(4_000, { seed: 41, sign: false, corrections: 0.05, lateFraction: 0.2 });
    await hub.publish(events);
    // A retry stored again under another message id: its batch goes the careful way (applyBatch), deferral and all.
    const retried = events[1_234]!;
    await hub.publishRaw(retried.streamSubject, JSON.stringify(retried.event), randomUUID());
    const end = await hub.lastSeq();

    // Seen from another connection while batches are half-written: what the earlier batches committed.
    const during: { from: number; deferredAfter: string | null; rollupRows: number; contributions: number }[] = [];
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    await hub.startProjector(
      { catchUpThreshold: 1_000, batchSize: 500 },
      {
        onPartialWrite: async ({ from }) => {
          const [row] = await sql.query<{ after: string | null; rollup: number; contributions: number }>(
            `SELECT (SELECT rollup_deferred_after FROM projector_checkpoint WHERE name = 'projector') AS after,
                    (SELECT count(*)::int FROM annex_rollup) AS rollup, (SELECT count(*)::int FROM annex_contributions) AS contributions`,
          );
          during.push({ from, deferredAfter: row?.after ?? null, rollupRows: row?.rollup ?? -1, contributions: row?.contributions ?? -1 });
        },
        onCaughtUp: () => caughtUp(),
      },
    );
    await done;
    await hub.waitForCheckpoint(end);

    expect(during.length).toBeGreaterThan(4);
    expect(during.every((d) => d.deferredAfter === '0' && d.rollupRows === 0)).toBe(true);
    expect(during.at(-1)?.contributions).toBeGreaterThan(1_000);
    expect(await sql.query('SELECT rollup_deferred_after FROM projector_checkpoint')).toEqual([{ rollup_deferred_after: null }]);
    expect(await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM annex_rollup')).not.toEqual([{ n: 0 }]);

    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 700 });
    expect(await readModelSnapshot(sql)).toEqual(await readModelSnapshot(await hub.sql(fresh.url)));
  }, 120_000);
});
