// Jest globalTeardown: stops the PostgreSQL that pg-global-setup started (if it started one). Registered
// for two projects, so the second call finds nothing left to stop.
import type { ChildProcess } from 'node:child_process';

export default async function pgGlobalTeardown(): Promise<void> {
  const slot = globalThis as Record<symbol, ChildProcess | undefined>;
  const key = Symbol.for('hub.test.postgres'); // TEST_POSTGRES in pg-global-setup.ts (no imports: loaded as CommonJS)
  const child = slot[key];
  delete slot[key];
  if (child === undefined) return;
  delete process.env['DATABASE_URL'];
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end(); // the server stops PostgreSQL, removes its data dir and exits
  await exited;
}
