import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, type WriteStream } from 'node:fs';

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

export interface ServiceSpec {
  name: string;
  /** The TypeScript entry point, run through swc's ESM loader. */
  entry: string;
  env: Record<string, string>;
  logFile: string;
}

/** Children report readiness over IPC once they serve; no polling, no sleeping. */
export interface ReadyMessage {
  ready: true;
}

/**
 * One hub service as a child process: started, waited for until it says it is ready, restarted if it
 * dies (with a growing back-off), stopped with SIGTERM.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;
  private readonly log: WriteStream;

  constructor(private readonly spec: ServiceSpec) {
    // Logs name units, leads and errors: owner-only, like the secrets (an existing file is tightened too).
    this.log = createWriteStream(spec.logFile, { flags: 'a', mode: 0o600 });
    this.log.once('open', () => chmodSync(spec.logFile, 0o600));
  }

  get name(): string {
    return this.spec.name;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      // A 64 MiB young generation: ingest allocates fast and short-lived; at the default size scavenges
      // cost the department service ~7% more CPU per event (bench/README: npm run bench, CPU per event).
      const args = ['--enable-source-maps', '--max-semi-space-size=64', '--import', '@swc-node/register/esm-register', this.spec.entry];
      const child = spawn(process.execPath, args, {
        env: { ...inheritedEnv(), ...this.spec.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      this.child = child;
      child.stdout?.pipe(this.log, { end: false });
      child.stderr?.pipe(this.log, { end: false });
      let ready = false;
      child.on('message', (message: unknown) => {
        if ((message as ReadyMessage | undefined)?.ready && !ready) {
          ready = true;
          this.restarts = 0;
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        if (!ready) reject(new Error(`${this.spec.name} exited before it was ready (code ${code}, signal ${signal}); see ${this.spec.logFile}`));
        else if (!this.stopping) this.restartLater(code, signal);
      });
    });
  }

  private restartLater(code: number | null, signal: NodeJS.Signals | null): void {
    this.restarts += 1;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6));
    console.error(`[hub] ${this.spec.name} stopped (code ${code}, signal ${signal}); restarting in ${delay} ms`);
    setTimeout(() => {
      if (!this.stopping) this.start().catch((error: unknown) => console.error(`[hub] ${(error as Error).message}`));
    }, delay).unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.log.end();
  }
}
