// Embedded PostgreSQL: initdb on a new data dir only, database `hub`, loopback only, and the data
// survives a restart on the same dir. Also the per-test database helper.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, startEmbeddedPostgres, type RunningPostgres } from './index.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let dir: string;
  let dataDir: string;
  const started: RunningPostgres[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-pg-'));
    // Under root PostgreSQL runs as user "postgres", which must be able to enter the temp dir.
    await chmod(dir, 0o755);
    dataDir = join(dir, 'data');
  });

  afterAll(async () => {
    for (const server of started) await server.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('initialises a new data dir, creates database hub and answers queries on loopback', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    started.push(server);
    expect(server.initialised).toBe(true);
    expect(server.url).toBe(`postgres://postgres:postgres@127.0.0.1:${server.port}/hub`);
    const [row] = await query<{ db: string; listen: string }>(server.url, "SELECT current_database() AS db, current_setting('listen_addresses') AS listen");
    expect(row).toEqual({ db: 'hub', listen: '127.0.0.1' });
    await query(server.url, 'CREATE TABLE kept (id int PRIMARY KEY, note text NOT NULL)');
    await query(server.url, "INSERT INTO kept VALUES (1, 'first'), (2, 'second')");
    await server.stop();
  }, 60_000); // initdb takes a few seconds, more on a loaded machine

  it('restarts on the same dir without initdb and keeps the rows', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    started.push(server);
    expect(server.initialised).toBe(false);
    expect(await query(server.url, 'SELECT id, note FROM kept ORDER BY id')).toEqual([
      { id: 1, note: 'first' },
      { id: 2, note: 'second' },
    ]);
  }, 30_000);

  it('creates and drops uniquely named test databases on that server', async () => {
    const server = started.at(-1);
    if (server === undefined) throw new Error('no running server');
    const [a, b] = await Promise.all([createTestDatabase(server.url), createTestDatabase(server.url)]);
    if (a === undefined || b === undefined) throw new Error('no databases');
    expect(a.name).not.toBe(b.name);
    await query(a.url, 'CREATE TABLE t (x int)');
    expect(await query(b.url, "SELECT to_regclass('public.t') AS t")).toEqual([{ t: null }]);
    await Promise.all([a.drop(), b.drop()]);
    const left = await query(server.serverUrl, 'SELECT datname FROM pg_database WHERE datname = ANY($1)', [[a.name, b.name]]);
    expect(left).toEqual([]);
  });
});
