// The rebuild's swap must never let one reader see the old schema's table beside the new schema's other
// table (CI once saw an old checkpoint beside a new archive in a single statement).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { sqlOf } from '@hub/read-models';
import { inTransaction } from '../projector/transaction.js';
import { SchemaAdmin } from './schema-admin.js';

describe('SchemaAdmin.swap', () => {
  let db: TestDatabase;
  const clients: pg.Client[] = [];

  async function connect(searchPath: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${searchPath}` });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function createSchema(sql: pg.Client, schema: string, value: number): Promise<void> {
    await sql.query(`CREATE SCHEMA ${schema}`);
    await sql.query(`CREATE TABLE ${schema}.a (v int)`);
    await sql.query(`CREATE TABLE ${schema}.b (v int)`);
    await sql.query(`INSERT INTO ${schema}.a VALUES (${value}); INSERT INTO ${schema}.b VALUES (${value})`);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await db?.drop();
  });

  /** Resolves once the swap has committed or is waiting for a table lock the reader holds. */
  async function swapFinishedOrBlocked(observer: pg.Client, swapper: pg.Client, swapped: () => boolean): Promise<void> {
    const pid = (swapper as unknown as { processID: number }).processID;
    for (;;) {
      if (swapped()) return;
      const { rows } = await observer.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [pid]);
      if (rows.length > 0) return;
    }
  }

  it.each([
    ['a', 'b'],
    ['b', 'a'],
  ])('given a reader part-way through (old table %s read, %s not yet), when the schemas are swapped, then the reader reads the old other table and later readers read the new ones', async (first, second) => {
    const live = `live_${first}`; // one set of schemas per case, so a failed case cannot hold up the next
    const admin = await connect('public');
    await createSchema(admin, live, 1);
    await createSchema(admin, `${live}_next`, 2);
    const reader = await connect(live);
    await reader.query('BEGIN');
    const firstRead = (await reader.query<{ v: number }>(`SELECT v FROM ${first}`)).rows[0]?.v;

    const swapper = await connect('public');
    let swapped = false;
    const swap = inTransaction(swapper, (sql) => new SchemaAdmin(sql).swap(live, `${live}_next`, `${live}_old`)).then(() => {
      swapped = true;
    });
    await swapFinishedOrBlocked(admin, swapper, () => swapped);
    const secondRead = (await reader.query<{ v: number }>(`SELECT v FROM ${second}`)).rows[0]?.v;
    expect(swapped).toBe(false);
    await reader.query('COMMIT');
    await swap;

    expect([firstRead, secondRead]).toEqual([1, 1]);
    const later = await connect(live);
    expect((await later.query('SELECT (SELECT v FROM a) AS a, (SELECT v FROM b) AS b')).rows).toEqual([{ a: 2, b: 2 }]);
    expect([await new SchemaAdmin(sqlOf(admin)).exists(`${live}_next`), await new SchemaAdmin(sqlOf(admin)).exists(`${live}_old`)]).toEqual([false, true]);
  });
});
