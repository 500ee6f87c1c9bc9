// Blue/green rebuild while the live projector keeps consuming: readers never see a half-built model,
// events published during the rebuild (even while the swap holds the lock) end up exactly once, and
// the swapped-in tables equal a fresh rebuild.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { campaignContributions, SchemaAdmin } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { mixedScenario } from '../../../../libs/persistence/src/testing/scenario.js';
import { ProjectorHarness } from '../../../../test/support/projector-harness.js';
import { readModelSnapshot } from '../../../../test/support/read-model-snapshot.js';
import { rebuildReadModels, type RebuildProgress } from './rebuild.js';
import { EVENT_STREAM } from '@hub/event-store';

describe('rebuild (blue/green)', () => {
  let hub: ProjectorHarness;
  let fresh: TestDatabase;

  beforeAll(async () => {
    hub = await ProjectorHarness.start();
    fresh = await createTestDatabase();
    await hub.startProjector({ batchSize: 200 });
  });

  afterAll(async () => {
    await hub?.stop();
    await fresh?.drop();
  });

  it('given a live projector, when the read models are rebuilt and swapped, then nothing is lost, doubled or seen half-built', async () => {
    const before = await hub.publish(mixedScenario(2_500, { seed: 21, corrections: 0.05 }));
    await hub.waitForCheckpoint(before.at(-1) ?? 0);
    const during = mixedScenario(1_200, { seed: 22, corrections: 0.05 });
    const whileLocked = mixedScenario(60, { seed: 23 });
    const after = mixedScenario(80, { seed: 24 });

    // Readers: one statement each (one name resolution), the archive must always match the checkpoint.
    const reader = await hub.sql();
    let done = false;
    let reads = 0;
    const inconsistent: unknown[] = [];
    const readers = (async () => {
      while (!done) {
        const [row] = await reader.query<{ checkpoint: string; archived: string }>(
          "SELECT (SELECT last_seq FROM projector_checkpoint WHERE name = 'projector') AS checkpoint, (SELECT max(seq) FROM event_archive) AS archived",
        );
        reads += 1;
        if (row?.checkpoint !== row?.archived) inconsistent.push(row);
      }
    })();
    const publishing = (async () => {
      for (let i = 0; i < during.length && !done; i += 100) await hub.publish(during.slice(i, i + 100));
    })();
    const phases: RebuildProgress['phase'][] = [];
    let lockedWhilePublishing = 0;

    const result = await rebuildReadModels({
      nc: hub.admin,
      databaseUrl: hub.db.url,
      stream: EVENT_STREAM,
      contributionsOf: campaignContributions(),
      batchSize: 400,
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      },
      onLocked: async () => {
        // The live projector receives these now but cannot commit until the swap has committed.
        lockedWhilePublishing = (await hub.publish(whileLocked)).length;
      },
    });
    done = true;
    await Promise.all([readers, publishing]);
    const last = (await hub.publish(after)).at(-1) ?? 0;
    await hub.waitForCheckpoint(last);

    expect(phases).toEqual(['bulk', 'indexes', 'catch-up', 'swap', 'done']);
    expect(lockedWhilePublishing).toBe(whileLocked.length);
    expect(result.lastSeq).toBeGreaterThanOrEqual(before.length + whileLocked.length);
    expect(reads).toBeGreaterThan(0);
    expect(inconsistent).toEqual([]);
    const admin = new SchemaAdmin(await hub.sql(hub.db.url, 'public'));
    expect([await admin.exists('projection'), await admin.exists('projection_next'), await admin.exists('projection_old')]).toEqual([true, false, false]);

    const live = await hub.sql();
    expect(await live.query('SELECT count(*)::int AS n FROM event_archive')).toEqual([{ n: last }]);
    await rebuildReadModels({ nc: hub.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions() });
    expect(await readModelSnapshot(live)).toEqual(await readModelSnapshot(await hub.sql(fresh.url)));
  }, 90_000);
});
