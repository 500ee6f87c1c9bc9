// The end of a catch-up on two connections (restoreDeferredIndexes with a helper): the same read models, indexes and
// deferral state as on one, and a helper that fails part-way leaves the deferral in place for the next attempt.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { NET_SWORD_2021 } from '@hub/domain';
import { campaignContributions, sqlOf } from '@hub/read-models';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { readModelSnapshot } from '../../../../test/support/read-model-snapshot.js';
import { openReadModels, readModelClientConfig } from '../data-source.js';
import { chunks, rawMessages } from '../testing/raw-messages.js';
import { mixedScenario } from '../testing/scenario.js';
import { deferSecondaryIndexes, restoreDeferredIndexes, type RestoreHelper } from './catch-up-indexes.js';
import { commitBatch } from './transaction.js';

const contributionsOf = campaignContributions([NET_SWORD_2021]);
const batches = chunks(rawMessages(mixedScenario(600, { seed: 17, sign: false, corrections: 0.05 })), 100);

describe('restoreDeferredIndexes on two connections', () => {
  let one: TestDatabase;
  let two: TestDatabase;
  const clients: pg.Client[] = [];

  const connect = async (db: TestDatabase): Promise<pg.Client> => {
    const client = new pg.Client(readModelClientConfig(db.url));
    await client.connect();
    clients.push(client);
    return client;
  };

  /** The database caught up in catch-up mode: indexes dropped and rollup deferred before the first batch. */
  const caughtUpDeferred = async (db: TestDatabase): Promise<pg.Client> => {
    await (await openReadModels(db.url)).destroy();
    const client = await connect(db);
    await commitBatch(client, [], { checkpoint: 'projector', contributionsOf });
    await deferSecondaryIndexes(client, 'projector');
    for (const batch of batches) await commitBatch(client, batch, { checkpoint: 'projector', contributionsOf });
    return client;
  };

  const state = async (client: pg.Client): Promise<unknown> => {
    const [row] = (await client.query<{ after: string | null; n: number }>("SELECT rollup_deferred_after::text AS after, cardinality(deferred_indexes) AS n FROM projector_checkpoint WHERE name = 'projector'")).rows;
    const indexes = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema()")).rows[0]?.n;
    return { ...row, indexes };
  };

  beforeEach(async () => {
    [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await Promise.all([one?.drop(), two?.drop()]);
  });

  it('given a deferred catch-up, when restored with a helper, then tables, indexes and deferral end as on one connection', async () => {
    const alone = await caughtUpDeferred(one);
    const paired = await caughtUpDeferred(two);
    const restoredAlone = await restoreDeferredIndexes(alone, 'projector');
    let helpers = 0;
    const restoredPaired = await restoreDeferredIndexes(paired, 'projector', async () => {
      helpers += 1;
      return connect(two);
    });

    expect(helpers).toBe(1);
    expect(restoredPaired).toBe(restoredAlone);
    expect(restoredAlone).toBeGreaterThan(10);
    expect(await state(paired)).toEqual(await state(alone));
    expect(await state(paired)).toMatchObject({ after: null, n: 0 });
    expect(await readModelSnapshot(sqlOf(paired))).toEqual(await readModelSnapshot(sqlOf(alone)));
  }, 60_000);

  it('given a helper that fails part-way, when restored, then nothing is ended and the next restore completes it', async () => {
    const alone = await caughtUpDeferred(one);
    const paired = await caughtUpDeferred(two);
    await restoreDeferredIndexes(alone, 'projector');
    const before = await state(paired);
    // The helper's connection dies after its first statement: what it built stays, the caller's transaction rolls back.
    const failing: RestoreHelper = async () => {
      const client = await connect(two);
      let statements = 0;
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
        statements += 1;
        if (statements > 1) throw new Error('helper connection lost');
        return query(...args);
      };
      return client;
    };

    await expect(restoreDeferredIndexes(paired, 'projector', failing)).rejects.toThrow('helper connection lost');
    expect(await state(paired)).toMatchObject({ after: (before as { after: string }).after, n: (before as { n: number }).n });
    expect((await paired.query<{ n: number }>('SELECT count(*)::int AS n FROM annex_rollup')).rows).toEqual([{ n: 0 }]);

    await restoreDeferredIndexes(paired, 'projector', () => connect(two));
    expect(await state(paired)).toEqual(await state(alone));
    expect(await readModelSnapshot(sqlOf(paired))).toEqual(await readModelSnapshot(sqlOf(alone)));
  }, 60_000);
});
