// The test run's PostgreSQL, as a child of Jest's globalSetup (which runs as CommonJS without path aliases,
// so it cannot load @hub/runtime itself). Prints one JSON line {"url": …} when ready; stops the server and
// removes its temp dir when its stdin closes (teardown, or Jest dying) or on SIGTERM.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@hub/runtime';

const dir = await mkdtemp(join(tmpdir(), 'hub-jest-pg-'));
// Under root PostgreSQL runs as user "postgres", which must be able to enter the temp dir.
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data') }).catch(async (error: unknown) => {
  await rm(dir, { recursive: true, force: true });
  throw error;
});

let stopping: Promise<void> | undefined;
const stop = (): Promise<void> =>
  (stopping ??= (async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  })());

process.stdin.on('end', () => void stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
