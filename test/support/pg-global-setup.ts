// Jest globalSetup (int and e2e projects): ONE embedded PostgreSQL for the whole run, so suites pay for
// initdb once and each creates its own database with createTestDatabase(). Skipped when DATABASE_URL is
// already set (CI with a PostgreSQL service, or the other project's setup already ran in this run).
// Workers inherit process.env from this process, which is how they learn the URL.
//
// Jest loads this file as CommonJS without the @hub/* path aliases, so the server runs in a child process
// (pg-server.ts, through the same swc loader as `npm start`); only Node built-ins are imported here (no
// relative imports either: CommonJS would not map `./x.js` to `./x.ts`).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const START_TIMEOUT_MS = 120_000;

/** Where pg-global-teardown finds the process (same Jest process, separately loaded module). */
export const TEST_POSTGRES = Symbol.for('hub.test.postgres');

export default async function pgGlobalSetup(_globalConfig: unknown, projectConfig: { rootDir: string }): Promise<void> {
  if (process.env['DATABASE_URL']) return;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'test/support/pg-server.ts'], {
    cwd: projectConfig.rootDir,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`test PostgreSQL did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`test PostgreSQL said ${JSON.stringify(line)}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`test PostgreSQL exited during startup (code ${code}, signal ${signal})`));
    });
  });
  child.stdout.resume(); // keep draining whatever it prints later
  (globalThis as Record<symbol, unknown>)[TEST_POSTGRES] = child;
  process.env['DATABASE_URL'] = url;
}
