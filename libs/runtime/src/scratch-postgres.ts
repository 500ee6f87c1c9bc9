import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

export interface ScratchPostgres extends RunningPostgres {
  /** Stops the server and removes its temp dir (idempotent). */
  dispose(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL in a fresh temp dir — the test run's server, a benchmark's — removed again
 * by dispose(). Nothing is left behind when the start fails either. `settings`: further server settings (`-c`).
 */
export async function startScratchPostgres(prefix = 'hub-scratch-pg-', settings: Readonly<Record<string, string>> = {}): Promise<ScratchPostgres> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Under root PostgreSQL runs as user "postgres", which must be able to enter the temp dir.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), settings }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let disposing: Promise<void> | undefined;
  return Object.assign(server, {
    dispose: () =>
      (disposing ??= (async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      })()),
  });
}
