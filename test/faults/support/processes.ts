import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { buildServer, compiledEntry, serviceNodeArgs, startNatsServer, type RunningNats } from '@hub/runtime';
import { type TestNats } from '@hub/runtime/testing';

/** Starts nats-server again on a test server's config: same port, same store, same users. */
export function restartNats(nats: TestNats): Promise<RunningNats> {
  return startNatsServer({ configFile: nats.configFile, logFile: nats.logFile, unref: true });
}

/**
 * `node`'s arguments for a hub service entry point (`apps/projector/src/main.ts`) as the launcher runs it: its
 * JavaScript build, brought up to date first (a no-op when fresh).
 */
export async function builtServiceArgs(entry: string): Promise<string[]> {
  await buildServer(process.cwd());
  return serviceNodeArgs(compiledEntry(entry));
}

/** A hub service entry point in its own process (so it can be killed -9), ready when it says so over IPC. */
export async function startServiceProcess(entry: string, env: Record<string, string>, logFile: string): Promise<ChildProcess> {
  const { child, ready } = spawnServiceProcess(await builtServiceArgs(entry), env, logFile);
  await ready;
  return child;
}

/**
 * {@link startServiceProcess} without waiting, from `node`'s arguments ({@link builtServiceArgs}): the child at once,
 * and when it said it is ready (the time; for a standby only once it took the lease over). `ready` rejects if the
 * process exits first.
 */
export function spawnServiceProcess(args: readonly string[], env: Record<string, string>, logFile: string): { child: ChildProcess; ready: Promise<number> } {
  const entry = args.at(-1) ?? '';
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if ((message as { ready?: boolean } | undefined)?.ready) resolve(Date.now());
    });
    child.once('exit', (code, signal) => reject(new Error(`${entry} exited before it was ready (code ${code}, signal ${signal}); see ${logFile}`)));
  });
  ready.catch(() => undefined); // a standby killed while waiting is no unhandled rejection; awaiting it still throws
  return { child, ready };
}

/** Sends `signal` and resolves once the process is gone. */
export function killProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return exited;
}

/**
 * Re-checks `probe` until it holds: waiting for a state (a checkpoint, a stream position) that another
 * process reaches, with a short pause between looks and a deadline.
 */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000, pauseMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
