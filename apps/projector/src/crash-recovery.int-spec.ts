// Kill the projector mid-batch (its PostgreSQL session dies after part of the batch is written, and the
// process is gone before it can retry), restart it: the read models must equal a fresh rebuild.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CheckpointRepository, EventArchiveRepository, campaignContributions } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { mixedScenario } from '../../../libs/persistence/src/testing/scenario.js';
import { rebuildReadModels } from './rebuild/rebuild.js';
import { ProjectorHarness } from '../../../test/support/projector-harness.js';
import { readModelSnapshot } from '../../../test/support/read-model-snapshot.js';
import { EVENT_STREAM } from '@hub/event-store';

describe('projector killed mid-batch', () => {
  let hub: ProjectorHarness;
  let fresh: TestDatabase;

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    fresh = await createTestDatabase();
  });

  afterAll(async () => {
    await hub?.stop();
    await fresh?.drop();
  });

  it('given a batch half-written when the projector dies, when it restarts, then its tables equal a fresh rebuild', async () => {
    const events = mixedScenario(3_000, { seed: 11 });
    // Duplicates too, so the restart must also get idempotency right across the crash.
    const seqs = await hub.publish(events);
    // Retries stored again under new Nats-Msg-Ids, so the restart must also get idempotency right.
    for (const e of [events[5], events[2_000]]) if (e) await hub.publishRaw(e.streamSubject, JSON.stringify(e.event), `${e.event.id}-retry`);
    const killAfter = seqs[1_500] ?? 0;

    const admin = new pg.Client({ connectionString: hub.db.url });
    await admin.connect();
    let resolveKilled!: (lastSeq: number) => void;
    const killed = new Promise<number>((resolve) => (resolveKilled = resolve));
    let dead = false;
    await hub.startProjector(
      {},
      {
        retryDelayMs: { min: 600_000, max: 600_000 }, // a dead process does not retry; the test ends it
        onPartialWrite: async ({ lastSeq }) => {
          if (dead || lastSeq < killAfter) return;
          dead = true;
          // What a killed process leaves behind: PostgreSQL drops the session and aborts its transaction.
          await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hub-projector'");
          resolveKilled(lastSeq);
        },
      },
    );
    const killedBatchEnd = await killed;
    await hub.stopProjectors();

    const sql = await hub.sql();
    const checkpoint = await new CheckpointRepository(sql).read('projector');
    expect(checkpoint).toBeLessThan(killedBatchEnd);
    expect(await sql.query('SELECT max(seq)::int AS max FROM event_archive')).toEqual([{ max: checkpoint }]); // nothing of the dead batch
    await admin.end();

    const more = await hub.publish(mixedScenario(300, { seed: 12 }));
    await hub.startProjector();
    await hub.waitForCheckpoint(more.at(-1) ?? 0);

    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 1_000 });
    const rebuilt = await hub.sql(fresh.url);
    expect(await new EventArchiveRepository(sql).count()).toBe(events.length + 300);
    expect(await sql.query("SELECT count(*)::int AS n FROM projection_errors WHERE kind = 'duplicate'")).toEqual([{ n: 2 }]);
    expect(await readModelSnapshot(sql)).toEqual(await readModelSnapshot(rebuilt));
  }, 90_000);
});
