// Finds, starts and stops a local nats-server (JetStream) child process. Readiness is event-driven:
// we watch the server's log for its client listener and "Server is ready", then confirm with one TCP
// connection that receives the server's INFO line. Nothing sleeps; a deadline bounds the wait.
import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { reapOnExit } from './child-reaper.js';
import { freePort } from './free-port.js';
import { LineSplitter, LogTail } from './log-tail.js';
import { renderNatsConfig, type NatsConfigOptions } from './nats-config.js';
import { generateNatsSecrets, natsClientOptions, type NatsSecrets } from './nats-secrets.js';
import type { Principal } from './principals.js';

export const NATS_INSTALL_HINT =
  'Install nats-server: on Debian/Ubuntu `apt-get install -y nats-server`; otherwise download a release from ' +
  'https://github.com/nats-io/nats-server/releases (or `go install github.com/nats-io/nats-server/v2@latest`) ' +
  'and put it on PATH, or set NATS_SERVER_BIN to its path.';

export class NatsServerNotFoundError extends Error {
  constructor(searched: readonly string[]) {
    super(`nats-server was not found (searched ${searched.join(', ')}). ${NATS_INSTALL_HINT}`);
    this.name = 'NatsServerNotFoundError';
  }
}

export class NatsServerStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
    options?: ErrorOptions,
  ) {
    super(`${message}\n--- nats-server log tail ---\n${logTail}`, options);
    this.name = 'NatsServerStartError';
  }
}

const EXTRA_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/usr/bin'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of the nats-server binary: `$NATS_SERVER_BIN`, else PATH, else /usr/sbin, /usr/local/bin, … */
export function findNatsServer(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['NATS_SERVER_BIN'];
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new NatsServerNotFoundError([`NATS_SERVER_BIN=${explicit}`]);
  }
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  const candidates = [...new Set(dirs)].map((d) => join(d, 'nats-server'));
  const found = candidates.find(isExecutable);
  if (found === undefined) throw new NatsServerNotFoundError(candidates);
  return found;
}

export interface StartNatsServerOptions {
  configFile: string;
  /**
   * Enables JetStream with this store dir (`-js -sd`), for configs without a `store_dir`
   * (nats-server refuses a store_dir given both ways).
   */
  storeDir?: string;
  /** Overrides the config's client port (`-p`). */
  port?: number;
  /** Overrides the config's client host (`-a`). */
  host?: string;
  /** Where the server's output goes; default `<config dir>/nats-server.log` (appended). */
  logFile?: string;
  /** Binary; default findNatsServer(). */
  binary?: string;
  /** Extra environment, e.g. nkeyEnvironment(secrets) for configs with `$HUB_NKEY_*` placeholders. */
  env?: Record<string, string>;
  /** Deadline for readiness; default 20 s. */
  readyTimeoutMs?: number;
  /** Deadline for a graceful stop before SIGKILL; default 15 s. */
  stopTimeoutMs?: number;
  /**
   * Don't let the server (and its output pipes) keep this Node process alive; it is SIGKILLed when the
   * process exits. For tests, so a forgotten server cannot hang the runner. Default false.
   */
  unref?: boolean;
}

export interface NatsExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningNats {
  /** `nats://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  pid: number;
  logFile: string;
  configFile: string;
  /** Resolves when the process has exited (for whatever reason). */
  exited: Promise<NatsExit>;
  /** The last lines the server logged. */
  logTail(lines?: number): string;
  /**
   * Resolves with the first log line (already logged or still to come) matching `pattern`, e.g.
   * `/metadata leader/` once a cluster has elected its JetStream leader. Rejects after `timeoutMs`
   * (default 20 s) or when the server exits first.
   */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * SIGTERM (graceful: JetStream flushes and closes its stores; nats-server 2.9 then exits with code 1),
   * wait for exit; SIGKILL after stopTimeoutMs. No-op when already exited.
   */
  stop(): Promise<void>;
  /** SIGKILL (a crash), wait for exit. */
  kill(): Promise<void>;
}

const HISTORY_LINES = 2_000;
const LISTEN_RE = /Listening for client connections on (\S+):(\d+)/;
const READY_RE = /Server is ready/;

/**
 * Connects and waits for the server's `INFO {…}` greeting. A refused or silently closed connection is
 * retried at once (event-driven, `attempts` times); each attempt is bounded by `timeoutMs`.
 */
function probeNats(host: string, port: number, attempts: number, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = (left: number): void => {
      const socket = netConnect({ host, port });
      let buffered = '';
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (err === undefined) resolve();
        else if (left > 1) attempt(left - 1);
        else reject(err);
      };
      socket.setEncoding('utf8');
      socket.setTimeout(timeoutMs, () => finish(new Error(`${host}:${port} sent no INFO within ${timeoutMs} ms`)));
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        if (buffered.startsWith('INFO ')) finish();
        else if (buffered.length >= 5) finish(new Error(`${host}:${port} is not a NATS server: ${JSON.stringify(buffered.slice(0, 80))}`));
      });
      socket.once('error', (err) => finish(err));
      socket.once('close', () => finish(new Error(`${host}:${port} closed the connection before INFO`)));
    };
    attempt(attempts);
  });
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) resolve();
    else stream.end(() => resolve());
  });
}

/** Starts nats-server with a config file and resolves once it accepts client connections. */
export async function startNatsServer(opts: StartNatsServerOptions): Promise<RunningNats> {
  const binary = opts.binary ?? findNatsServer();
  const logFile = opts.logFile ?? join(dirname(opts.configFile), 'nats-server.log');
  await mkdir(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const tail = new LogTail();

  const args = ['-c', opts.configFile];
  if (opts.storeDir !== undefined) args.push('-js', '-sd', opts.storeDir);
  if (opts.port !== undefined) args.push('-p', String(opts.port));
  if (opts.host !== undefined) args.push('-a', opts.host);

  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  // Killed if this process exits first, so a failed test run leaves no servers behind.
  reapOnExit(child);
  if (opts.unref === true) {
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
  }
  child.on('error', (err) => tail.push(`[runtime] child process error: ${err.message}\n`));
  // 'close' rather than 'exit': the process is gone AND its last output (e.g. a [FTL] line) has been read.
  const exited = new Promise<NatsExit>((resolve) => {
    child.once('close', (code, signal) => {
      resolve({ code, signal });
    });
    // A spawn failure (ENOENT, EACCES) emits 'error' and never 'exit'.
    child.once('error', () => {
      if (child.pid === undefined) {
        resolve({ code: null, signal: null });
      }
    });
  });

  let listen: { host: string; port: number } | undefined;
  let sawReady = false;
  let onProgress: (() => void) | undefined;
  const history: string[] = [];
  const lineWatchers = new Set<(line: string) => void>();
  const lines = new LineSplitter((line) => {
    history.push(line);
    if (history.length > HISTORY_LINES) history.splice(0, history.length - HISTORY_LINES);
    const m = LISTEN_RE.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) listen = { host: m[1], port: Number(m[2]) };
    if (READY_RE.test(line)) sawReady = true;
    onProgress?.();
    for (const watch of lineWatchers) watch(line);
  });
  const onOutput = (chunk: Buffer): void => {
    log.write(chunk);
    const text = chunk.toString('utf8');
    tail.push(text);
    lines.push(text);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  const readyTimeoutMs = opts.readyTimeoutMs ?? 20_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        done(new NatsServerStartError(`nats-server (${opts.configFile}) was not ready within ${readyTimeoutMs} ms`, tail.tail()));
      }, readyTimeoutMs);
      let settled = false;
      const done = (err?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        onProgress = undefined;
        if (err) reject(err);
        else resolve();
      };
      child.once('error', (err) => {
        done(new NatsServerStartError(`could not run ${binary}: ${err.message}`, tail.tail(), { cause: err }));
      });
      void exited.then(({ code, signal }) => {
        if (settled) return;
        lines.flush();
        done(new NatsServerStartError(`nats-server exited during startup (code ${code}, signal ${signal})`, tail.tail()));
      });
      onProgress = () => {
        if (sawReady && listen !== undefined) done();
      };
    });
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await closeStream(log);
    throw err;
  }

  if (listen === undefined) throw new NatsServerStartError('nats-server did not report its client listener', tail.tail());
  const host = listen.host === '0.0.0.0' || listen.host === '[::]' || listen.host === '::' ? '127.0.0.1' : listen.host;
  const port = listen.port;
  try {
    await probeNats(host, port, 5);
  } catch (cause) {
    child.kill('SIGKILL');
    await exited;
    await closeStream(log);
    throw new NatsServerStartError(`nats-server reported ready but ${host}:${port} did not greet`, tail.tail(), { cause });
  }

  const stopTimeoutMs = opts.stopTimeoutMs ?? 15_000;
  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.ref(); // an unref'd server still gets waited for once someone asks it to stop
      child.kill(signal);
      if (signal !== 'SIGKILL') timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    }
    await exited;
    clearTimeout(timer);
    lines.flush();
    await closeStream(log);
  };

  const waitForLog = (pattern: RegExp, timeoutMs = 20_000): Promise<string> => {
    const seen = history.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      let finished = false;
      const finish = (err: Error | undefined, line = ''): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        lineWatchers.delete(watch);
        if (err) reject(err);
        else resolve(line);
      };
      const watch = (line: string): void => {
        if (pattern.test(line)) finish(undefined, line);
      };
      const timer = setTimeout(() => {
        finish(new NatsServerStartError(`nats-server did not log ${String(pattern)} within ${timeoutMs} ms`, tail.tail()));
      }, timeoutMs);
      lineWatchers.add(watch);
      void exited.then(() => finish(new NatsServerStartError(`nats-server exited before logging ${String(pattern)}`, tail.tail())));
    });
  };

  if (child.pid === undefined) throw new NatsServerStartError('nats-server has no pid', tail.tail());
  return {
    url: `nats://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    pid: child.pid,
    logFile,
    configFile: opts.configFile,
    exited,
    logTail: (n?: number) => tail.tail(n),
    waitForLog,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
  };
}

export interface StartTestNatsOptions {
  /** Reuse secrets (e.g. to restart on the same store); default: fresh ones. */
  secrets?: NatsSecrets;
  /** Extra config options (port/host/storeDir are chosen here). */
  config?: Partial<Omit<NatsConfigOptions, 'host' | 'port' | 'storeDir'>>;
  readyTimeoutMs?: number;
}

export interface TestNats extends RunningNats {
  secrets: NatsSecrets;
  /** Temp directory holding nats.conf, the store and the log; removed by cleanup(). */
  dir: string;
  storeDir: string;
  /** `{ servers, authenticator, inboxPrefix, name }` for `connect()` as that principal. */
  connectOptions(principal: Principal): ConnectionOptions;
  /** Stops the server (if running) and removes `dir`. */
  cleanup(): Promise<void>;
}

/**
 * A private nats-server for a test: temp dir, generated secrets and config on a free loopback port,
 * JetStream store inside the temp dir. Never the machine's shared server.
 */
export async function startTestNats(opts: StartTestNatsOptions = {}): Promise<TestNats> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-nats-'));
  const secrets = opts.secrets ?? generateNatsSecrets();
  const storeDir = join(dir, 'store');
  const configFile = join(dir, 'nats.conf');
  let running: RunningNats | undefined;
  try {
    for (let attempt = 1; running === undefined; attempt++) {
      const port = await freePort();
      await writeFile(configFile, renderNatsConfig(secrets, { ...opts.config, host: '127.0.0.1', port, storeDir }));
      try {
        running = await startNatsServer({ configFile, logFile: join(dir, 'nats-server.log'), readyTimeoutMs: opts.readyTimeoutMs, unref: true });
      } catch (err) {
        // Someone took the port between freePort() and the bind: pick another.
        if (attempt < 3 && err instanceof NatsServerStartError && /address already in use/.test(err.logTail)) continue;
        throw err;
      }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const server = running;
  return {
    ...server,
    secrets,
    dir,
    storeDir,
    connectOptions: (principal) => ({ servers: server.url, ...natsClientOptions(secrets, principal) }),
    cleanup: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
