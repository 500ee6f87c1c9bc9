// The test run's PostgreSQL, as a child of Jest's globalSetup (which runs as CommonJS without path aliases,
// so it cannot load @hub/runtime itself). Prints one JSON line {"url": …} when ready; stops the server and
// removes its temp dir when its stdin closes (teardown, or Jest dying) or on SIGTERM.
import { startScratchPostgres } from '@hub/runtime';

const server = await startScratchPostgres('hub-jest-pg-');
const stop = (): Promise<void> => server.dispose();

process.stdin.on('end', () => void stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
