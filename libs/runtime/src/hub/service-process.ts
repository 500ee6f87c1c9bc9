import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, type WriteStream } from 'node:fs';
import { backoffMs, type Backoff } from '@hub/event-store';
import { serviceNodeArgs } from '../build/service-command.js';
import { reapOnExit } from '../child-reaper.js';

/**
 * glibc malloc settings every service gets (an operator's own values, inherited, win). Two arenas instead of 8 per
 * core: sixteen services each kept ~30–70 MiB of native memory (OpenSSL, the NATS client) in arenas never returned.
 * Fixed trim and mmap thresholds of 128 KiB, glibc's starting values: by default each freed large block (a batch's
 * buffers) raises both up to 32/64 MiB, after which such blocks come from the heap and stay resident once freed —
 * ~6 MiB per idle department, more in the busy services (issue 16: the launched hub ≤ 2 GiB RSS; bench/README).
 */
export const SERVICE_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** 1 s, 2 s, 4 s… up to 30 s between tries. */
const DEFAULT_BACKOFF: Backoff = { min: 1_000, max: 30_000 };

/**
 * Secrets a service must not inherit from the launcher's own environment (an operator's DATABASE_URL, a
 * seed exported in the shell): each service gets only the ones its spec names, as files.
 */
const INHERITED_SECRETS = ['DATABASE_URL', 'HUB_NATS_SEED', 'HUB_SIGNING_SEED', 'HUB_PROJECTOR_DATABASE_URL', 'HUB_COORDINATION_DATABASE_URL', 'HUB_GATEWAY_DATABASE_URL'];

function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of INHERITED_SECRETS) {
    delete env[name];
    delete env[`${name}_FILE`];
  }
  return env;
}

/**
 * HUB_CPU_PROFILE_DIR: the services the launcher starts write a CPU profile of their run there when they stop (open
 * one in Chrome DevTools), so a bench of the launched hub can show where a process spends its time; all of them, or
 * those HUB_CPU_PROFILE_SERVICES names (`gateway,department-samr`): sixteen profilers sampling at once cost the
 * two cores more than the services they profile. Node refuses `--cpu-prof` in NODE_OPTIONS, hence variables of
 * the launcher's own.
 */
export function cpuProfileFlags(service: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = env['HUB_CPU_PROFILE_DIR'];
  const only = env['HUB_CPU_PROFILE_SERVICES']?.split(',').map((name) => name.trim());
  if (!dir || (only !== undefined && !only.includes(service))) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

export interface ServiceSpec {
  name: string;
  /** The entry point: its JavaScript build (`compiledEntry`), or a `.ts` file run through swc's loader. */
  entry: string;
  env: Record<string, string>;
  logFile: string;
  /**
   * Tries at the first start before the hub gives up on this service (default 5). A service that dies on
   * start at a busy moment (a NATS connect or consumer creation that timed out while sixteen processes
   * start on two cores) is started again; one that cannot start at all (a bad setting) fails after these.
   */
  startAttempts?: number;
  backoff?: Backoff;
  /** Where the supervisor says what it does (default: the launcher's console). */
  say?: (message: string) => void;
}

/** Children report readiness over IPC once they serve; no polling, no sleeping. */
export interface ReadyMessage {
  ready: true;
}

type Attempt = { outcome: 'ready'; child: ChildProcess } | { outcome: 'exited'; code: number | null; signal: NodeJS.Signals | null };

/**
 * One hub service as a supervised child process, like a process manager would run it: started and waited
 * for until it says it is ready; a start that dies is tried again with a growing back-off (at most
 * `startAttempts` times before the first ready); a service that dies later is restarted, again with back-off,
 * for as long as the hub runs; stopped with SIGTERM (SIGKILL after 20 s).
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private cancelRetry: (() => void) | undefined;
  private readonly log: WriteStream;
  private readonly say: (message: string) => void;
  /** How many times the service became ready (1 after the first start; +1 per restart that came up). */
  readyCount = 0;

  constructor(private readonly spec: ServiceSpec) {
    // Logs name units, leads and errors: owner-only, like the secrets (an existing file is tightened too).
    this.log = createWriteStream(spec.logFile, { flags: 'a', mode: 0o600 });
    this.log.once('open', () => chmodSync(spec.logFile, 0o600));
    this.say = spec.say ?? ((message) => console.error(`[hub] ${message}`));
  }

  get name(): string {
    return this.spec.name;
  }

  /** The first start: resolves once ready, rejects after `startAttempts` deaths (or when stopped meanwhile). */
  start(): Promise<void> {
    return this.runUntilReady(this.spec.startAttempts ?? 5);
  }

  private async runUntilReady(maxAttempts: number): Promise<void> {
    const backoff = this.spec.backoff ?? DEFAULT_BACKOFF;
    for (let attempt = 1; ; attempt += 1) {
      if (this.stopping) throw new Error(`${this.spec.name} was stopped while starting`);
      const result = await this.spawnOnce();
      if (result.outcome === 'ready') {
        this.readyCount += 1;
        if (this.readyCount > 1) this.say(`${this.spec.name} is ready again (attempt ${attempt})`);
        else if (attempt > 1) this.say(`${this.spec.name} is ready (attempt ${attempt})`);
        this.superviseAfterReady(result.child);
        return;
      }
      const why = `${this.spec.name} exited before it was ready (code ${result.code}, signal ${result.signal}); see ${this.spec.logFile}`;
      if (this.stopping) throw new Error(why);
      if (attempt >= maxAttempts) throw new Error(`${why} — gave up after ${attempt} attempts`);
      const delay = backoffMs(backoff, attempt);
      this.say(`${why}; trying again in ${delay} ms (attempt ${attempt + 1}${Number.isFinite(maxAttempts) ? ` of ${maxAttempts}` : ''})`);
      await this.wait(delay);
    }
  }

  private spawnOnce(): Promise<Attempt> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...cpuProfileFlags(this.spec.name), ...serviceNodeArgs(this.spec.entry)], {
        env: { ...SERVICE_MALLOC_ENV, ...inheritedEnv(), ...this.spec.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      reapOnExit(child);
      this.child = child;
      child.stdout?.pipe(this.log, { end: false });
      child.stderr?.pipe(this.log, { end: false });
      let ready = false;
      child.on('message', (message: unknown) => {
        if ((message as ReadyMessage | undefined)?.ready && !ready) {
          ready = true;
          resolve({ outcome: 'ready', child });
        }
      });
      child.once('exit', (code, signal) => {
        if (!ready) resolve({ outcome: 'exited', code, signal });
      });
    });
  }

  /** A ready service that dies is started again (no limit: the hub keeps running), with back-off. */
  private superviseAfterReady(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.say(`${this.spec.name} stopped (code ${code}, signal ${signal}); restarting`);
      this.runUntilReady(Number.POSITIVE_INFINITY).catch((error: unknown) => {
        if (!this.stopping) this.say((error as Error).message);
      });
    });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.cancelRetry = resolve;
      this.retryTimer = setTimeout(resolve, ms);
      this.retryTimer.unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    this.cancelRetry?.();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      // 20 s: a department service drains intake and writes its state snapshot before it exits.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    this.log.end();
  }
}
