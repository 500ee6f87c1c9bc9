// Issue 12 §4–5, PostgreSQL: npm start's database as the launcher makes it (startLocalPostgres: embedded
// server, random superuser password, one role per service), against the real server. The services' own
// migrations run as their own roles; then what the gateway's role can and cannot do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { freePort, ensureServiceRoles, generateRolePasswords, startEmbeddedPostgres, startLocalPostgres, urlAs, type LocalDatabase } from '@hub/runtime';
import { migrateReadModels, openReadModels, readModelClientConfig, sqlOf } from '@hub/persistence';
import { coordinationDataSourceOptions } from '../../apps/coordination/src/persistence/index.js';
import { ensurePeopleSchema } from '../../apps/gateway/src/people/people.schema.js';

let home: string;
let database: LocalDatabase;
const urls = {} as Record<'projector' | 'coordination' | 'gateway', string>;

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with (or 'ok'). */
async function sqlState(url: string, sql: string): Promise<string> {
  return query(url, sql).then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );
}

const INSUFFICIENT_PRIVILEGE = '42501';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'hub-pg-roles-'));
  await chmod(home, 0o755); // under root PostgreSQL runs as "postgres", which must enter the data dir's parents
  database = await startLocalPostgres(home, await freePort(), { gatewayStatementTimeoutMs: 1_500 });
  for (const service of ['projector', 'coordination', 'gateway'] as const) urls[service] = (await readFile(database.urlFiles[service], 'utf8')).trim();
  // Each service's own start-up, as its own role: projector migrations, coordination migrations, people tables.
  await (await openReadModels(urls.projector, { poolSize: 1 })).destroy();
  const coordination = await new DataSource(coordinationDataSourceOptions(urls.coordination, { poolSize: 1 })).initialize();
  await migrateReadModels(coordination);
  await coordination.destroy();
  const people = new pg.Client(readModelClientConfig(urls.gateway));
  await people.connect();
  await ensurePeopleSchema(sqlOf(people));
  await people.end();
});

afterAll(async () => {
  await database?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('secrets of the embedded PostgreSQL', () => {
  it('keeps a random superuser password and each service’s URL in 0600 files of 0700 directories', async () => {
    const password = (await readFile(join(home, 'secrets', 'postgres', 'password'), 'utf8')).trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    for (const file of [join(home, 'secrets', 'postgres', 'password'), ...Object.values(database.urlFiles)]) {
      expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    }
    for (const dir of ['secrets', 'secrets/postgres', 'secrets/gateway', 'secrets/projector', 'secrets/coordination']) {
      expect(((await stat(join(home, dir))).mode & 0o777).toString(8)).toBe('700');
    }
    expect(new URL(urls.gateway).username).toBe('hub_gateway');
    expect(new URL(urls.projector).username).toBe('hub_projector');
  });

  it('no longer lets postgres/postgres in', async () => {
    expect(await sqlState(urlAs(urls.gateway, 'postgres', 'postgres'), 'SELECT 1')).toBe('28P01'); // invalid_password
  });
});

describe('the gateway’s role (hub_gateway)', () => {
  it('reads the read models and the coordination state', async () => {
    expect((await query(urls.gateway, 'SELECT count(*)::int AS n FROM projection.leads')).rows).toEqual([{ n: 0 }]);
    expect(await sqlState(urls.gateway, 'SELECT * FROM coordination.coordination_checkpoint')).toBe('ok');
  });

  it('cannot write, alter or drop the read models nor the coordination state', async () => {
    for (const sql of [
      `INSERT INTO projection.projector_checkpoint SELECT * FROM projection.projector_checkpoint`,
      'UPDATE projection.leads SET status = status',
      'DELETE FROM projection.event_archive',
      'TRUNCATE projection.cases',
      'DROP TABLE projection.cases',
      'ALTER TABLE projection.cases ADD COLUMN x int',
      'CREATE TABLE projection.forged (x int)',
      'DELETE FROM coordination.coordination_checkpoint',
      'CREATE SCHEMA forged',
    ]) {
      expect([sql, await sqlState(urls.gateway, sql)]).toEqual([sql, INSUFFICIENT_PRIVILEGE]);
    }
  });

  it('writes only its own tables (accounts, sessions, API keys)', async () => {
    expect(await sqlState(urls.gateway, "INSERT INTO people.accounts (id, username, display_name, password_hash, created_by) VALUES ('A-1', 'u1', '用户', 'h', 't')")).toBe('ok');
    expect(await sqlState(urls.gateway, "DELETE FROM people.sessions WHERE account_id = 'A-1'")).toBe('ok');
  });

  it('runs under the role’s statement_timeout, which cancels a long statement', async () => {
    expect((await query(urls.gateway, 'SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '1500ms' }]);
    const started = Date.now();
    // A statement that computes for minutes (no sleeping: ten billion rows counted), cancelled by the timeout.
    expect(await sqlState(urls.gateway, 'SELECT count(*) FROM generate_series(1::bigint, 10000000000::bigint)')).toBe('57014'); // query_canceled
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('can read a schema the projector’s rebuild swaps in later (default privileges)', async () => {
    await query(urls.projector, 'CREATE SCHEMA projection_next; CREATE TABLE projection_next.leads_probe (x int); INSERT INTO projection_next.leads_probe VALUES (1)');
    expect((await query(urls.gateway, 'SELECT x FROM projection_next.leads_probe')).rows).toEqual([{ x: 1 }]);
    expect(await sqlState(urls.gateway, 'DELETE FROM projection_next.leads_probe')).toBe(INSUFFICIENT_PRIVILEGE);
    await query(urls.projector, 'DROP SCHEMA projection_next CASCADE');
  });
});

describe('the other roles', () => {
  it('coordination reads the read models but cannot write them; the projector cannot touch coordination or people', async () => {
    expect(await sqlState(urls.coordination, 'SELECT count(*) FROM projection.leads')).toBe('ok');
    expect(await sqlState(urls.coordination, 'DELETE FROM projection.leads')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(urls.projector, 'SELECT * FROM coordination.coordination_checkpoint')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlState(urls.projector, 'SELECT * FROM people.accounts')).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('are re-made idempotently with fresh passwords at the next start (the old ones stop working)', async () => {
    const superuser = urlAs(urls.gateway, 'postgres', (await readFile(join(home, 'secrets', 'postgres', 'password'), 'utf8')).trim());
    const next = await ensureServiceRoles(superuser, generateRolePasswords(), { gatewayStatementTimeoutMs: 1_500 });
    expect(await sqlState(urls.gateway, 'SELECT 1')).toBe('28P01');
    expect(await sqlState(next.gateway, 'SELECT count(*) FROM projection.leads')).toBe('ok');
    expect(await sqlState(next.gateway, 'DELETE FROM projection.leads')).toBe(INSUFFICIENT_PRIVILEGE);
  });
});

describe('a .hub from before (cluster initialised with postgres/postgres)', () => {
  it('gets a random superuser password at the next start, and postgres/postgres stops working', async () => {
    const old = await mkdtemp(join(tmpdir(), 'hub-pg-legacy-'));
    await chmod(old, 0o755);
    try {
      const port = await freePort();
      const legacy = await startEmbeddedPostgres({ dataDir: join(old, 'postgres'), port });
      // The read models as the old launcher made them: owned by the superuser.
      await (await openReadModels(legacy.url, { poolSize: 1 })).destroy();
      await legacy.stop();
      const upgraded = await startLocalPostgres(old, port);
      try {
        const password = (await readFile(join(old, 'secrets', 'postgres', 'password'), 'utf8')).trim();
        expect(password).not.toBe('postgres');
        const gateway = (await readFile(upgraded.urlFiles.gateway, 'utf8')).trim();
        expect(await sqlState(urlAs(gateway, 'postgres', 'postgres'), 'SELECT 1')).toBe('28P01');
        expect(await sqlState(urlAs(gateway, 'postgres', password), 'SELECT 1')).toBe('ok');
        expect(await sqlState(gateway, 'CREATE TABLE projection.forged (x int)')).toBe(INSUFFICIENT_PRIVILEGE);
        // The superuser's old tables now belong to the projector; the gateway reads them and writes none.
        expect(await sqlState(gateway, 'SELECT count(*) FROM projection.leads')).toBe('ok');
        expect(await sqlState(gateway, 'DELETE FROM projection.leads')).toBe(INSUFFICIENT_PRIVILEGE);
        const projector = (await readFile(upgraded.urlFiles.projector, 'utf8')).trim();
        expect(await sqlState(projector, 'DELETE FROM projection.leads')).toBe('ok');
        expect((await query(projector, "SELECT tableowner FROM pg_tables WHERE schemaname = 'projection' AND tablename = 'leads'")).rows).toEqual([{ tableowner: 'hub_projector' }]);
      } finally {
        await upgraded.stop();
      }
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  });
});
