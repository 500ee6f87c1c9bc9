// preparedSqlOf runs a statement with parameters as a named prepared statement of the connection, answering as
// sqlOf does; past its limit of texts per connection it runs them unnamed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { preparedSqlOf, sqlOf } from './sql.js';

describe('preparedSqlOf', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const prepared = async (): Promise<string[]> => (await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.statement);

  it('given a statement run repeatedly, then it is prepared once and answers as sqlOf does', async () => {
    const sql = preparedSqlOf(client, 2);
    const text = 'SELECT $1::int + 1 AS n, $2::text[] AS a';
    for (let i = 0; i < 7; i++) {
      expect(await sql.query(text, [i, ['x', `y${i}`]])).toEqual(await sqlOf(client).query(text, [i, ['x', `y${i}`]]));
    }
    expect(await prepared()).toEqual([text]);
  });

  it('given more texts than its limit, then the rest run unnamed, and statements without parameters are never named', async () => {
    const sql = preparedSqlOf(client, 2);
    expect(await sql.query('SELECT $1::int AS n', [3])).toEqual([{ n: 3 }]);
    expect(await sql.query('SELECT $1::int * 2 AS n', [3])).toEqual([{ n: 6 }]);
    expect(await sql.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    expect(await prepared()).toHaveLength(2);
  });
});
