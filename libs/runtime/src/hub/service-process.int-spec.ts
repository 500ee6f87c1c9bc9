import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceProcess } from './service-process.js';

const FIXTURE = fileURLToPath(new URL('./testing/flaky-service.ts', import.meta.url));

describe('ServiceProcess (the launcher supervising a hub service)', () => {
  const dirs: string[] = [];
  const running: ServiceProcess[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A supervised flaky service; `said` collects what the supervisor says, `heard(text)` waits for a line. */
  function flaky(env: Record<string, string>, startAttempts = 5) {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    dirs.push(dir);
    const said: string[] = [];
    const waiters: { text: string; resolve: () => void }[] = [];
    const service = new ServiceProcess({
      name: 'flaky',
      entry: FIXTURE,
      env: { FLAKY_COUNTER_FILE: join(dir, 'starts'), ...env },
      logFile: join(dir, 'flaky.log'),
      startAttempts,
      backoff: { min: 20, max: 100 },
      say: (message) => {
        said.push(message);
        for (const waiter of waiters.filter((w) => message.includes(w.text))) waiter.resolve();
      },
    });
    running.push(service);
    const heard = (text: string): Promise<void> =>
      said.some((m) => m.includes(text)) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }));
    const starts = (): number => Number(readFileSync(join(dir, 'starts'), 'utf8'));
    return { service, said, heard, starts };
  }

  it('given a service that dies on its first two starts, when started, then it is tried again with back-off and becomes ready', async () => {
    const { service, said, starts } = flaky({ FLAKY_FAIL_STARTS: '2' });
    await service.start();
    expect(starts()).toBe(3);
    expect(service.readyCount).toBe(1);
    expect(said.filter((m) => m.includes('exited before it was ready (code 1') && m.includes('trying again'))).toHaveLength(2);
    expect(said.at(-1)).toContain('flaky is ready (attempt 3)');
  }, 60_000);

  it('given a service that can never start, when started, then the start fails after the allowed attempts, naming the log', async () => {
    const { service, starts } = flaky({ FLAKY_FAIL_STARTS: '99' }, 3);
    await expect(service.start()).rejects.toThrow(/flaky exited before it was ready \(code 1, signal null\); see .*flaky\.log — gave up after 3 attempts/);
    expect(starts()).toBe(3);
  }, 60_000);

  it('given a ready service that dies, then it is restarted and ready again', async () => {
    const { service, heard, starts } = flaky({ FLAKY_CRASH_ONCE_AFTER_READY: '1' });
    await service.start();
    await heard('flaky stopped (code 3');
    await heard('flaky is ready again');
    expect(service.readyCount).toBe(2);
    expect(starts()).toBe(2);
  }, 60_000);

  it('given the hub stops while a start waits to be tried again, then stop returns and the start fails', async () => {
    const { service, heard } = flaky({ FLAKY_FAIL_STARTS: '99' }, 99);
    const starting = service.start();
    const outcome = starting.then(() => 'ready', (error: Error) => error.message);
    await heard('trying again');
    await service.stop();
    expect(await outcome).toMatch(/flaky (was stopped while starting|exited before it was ready)/);
  }, 60_000);
});
