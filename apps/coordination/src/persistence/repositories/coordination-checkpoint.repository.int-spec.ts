// A batch sent in one round trip cannot look at the checkpoint before its writes: assertBelow fails the transaction
// where lock() would have answered otherwise (no checkpoint yet, or one at or past the batch), and passes, holding
// the row's lock, where lock() would have let the batch go on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { preparedSqlOf } from '@hub/persistence';
import { SqlScript } from '@hub/read-models';
import { migratedCoordinationClient } from '../../../../../test/support/coordination-fold.js';
import { CoordinationCheckpointRepository, isCheckpointNotBelow } from './coordination-checkpoint.repository.js';

describe('CoordinationCheckpointRepository.assertBelow', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let other: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await migratedCoordinationClient(db.url, 'checkpoint_spec', 'hub-checkpoint-spec');
    other = await migratedCoordinationClient(db.url, 'checkpoint_spec', 'hub-checkpoint-spec-other');
  });

  afterAll(async () => {
    await client?.end();
    await other?.end();
    await db?.drop();
  });

  /** assertBelow(name, lastSeq) in a prepared script, as the loop sends it: the error it raised, if any (rolled back then). */
  async function assertBelow(name: string, lastSeq: number, commit = true): Promise<unknown> {
    const script = new SqlScript({ prepare: true }).add('BEGIN');
    await new CoordinationCheckpointRepository(script.sql).assertBelow(name, lastSeq);
    try {
      await (commit ? script.add('COMMIT') : script).run(client);
      return undefined;
    } catch (error) {
      await client.query('ROLLBACK');
      return error;
    }
  }

  it('given no checkpoint row, when asserted, then the transaction fails as not below', async () => {
    expect(isCheckpointNotBelow(await assertBelow('missing', 5))).toBe(true);
  });

  it('given a checkpoint, when asserted below, at and past it, then only below passes (run often enough for a generic plan)', async () => {
    const checkpoints = new CoordinationCheckpointRepository(preparedSqlOf(client));
    await checkpoints.lock('c');
    await checkpoints.save('c', 10);
    for (let i = 0; i < 8; i++) {
      expect(await assertBelow('c', 11 + i)).toBeUndefined();
      expect(isCheckpointNotBelow(await assertBelow('c', 10))).toBe(true);
      expect(isCheckpointNotBelow(await assertBelow('c', 9 - i))).toBe(true);
    }
  });

  it('given a passed assertion, when another session locks the checkpoint, then it waits for the first to end', async () => {
    await new CoordinationCheckpointRepository(preparedSqlOf(client)).lock('held');
    expect(await assertBelow('held', 1, false)).toBeUndefined();
    await other.query("SET lock_timeout = '200ms'");
    await expect(other.query("SELECT last_seq FROM coordination_checkpoint WHERE name = 'held' FOR UPDATE")).rejects.toMatchObject({ code: '55P03' });
    await client.query('ROLLBACK');
    expect((await other.query("SELECT last_seq FROM coordination_checkpoint WHERE name = 'held' FOR UPDATE")).rows).toEqual([{ last_seq: '0' }]);
  });
});
