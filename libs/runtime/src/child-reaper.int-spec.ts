import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PARENT = fileURLToPath(new URL('./testing/reaping-parent.ts', import.meta.url));
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the state (the pid gone), with a deadline: a reaped child is gone within milliseconds. */
async function gone(pid: number, deadlineMs = 10_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

async function startParent(mode: 'wait' | 'exit') {
  const parent = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', PARENT, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(parent, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const [line] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string];
  const pids = JSON.parse(line) as { parent: number; child: number };
  started.push(pids.child);
  return { parent, pids, exited };
}

afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('children started by a process do not outlive it (reapOnExit, exitOnInterrupt)', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('given a bench-like parent, when it gets %s, then it exits 130 and its child is stopped too', async (signal) => {
    const { parent, pids, exited } = await startParent('wait');
    expect(alive(pids.child)).toBe(true);
    parent.kill(signal);
    const [code] = await exited;
    expect(code).toBe(130);
    expect(await gone(pids.child)).toBe(true);
  }, 30_000);

  it('given a parent that ends on its own, when it exits, then its child is stopped too', async () => {
    const { pids, exited } = await startParent('exit');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(await gone(pids.child)).toBe(true);
  }, 30_000);
});
