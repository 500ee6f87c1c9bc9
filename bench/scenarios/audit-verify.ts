// (l) The auditors' verify of a large log (issue 16 §1: 1M events ≤ 15 s on 2 cores), measured by
// `npm run bench:audit` in its own process, from the JavaScript build (it needs --expose-gc, a large heap, and its own nats-server and
// database) and read back from the figures file it writes.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '@hub/runtime';

export interface AuditVerifyResult {
  events: number;
  seconds: number;
  /** CPU of all its threads: what the load of a shared machine does not inflate. */
  cpuSeconds: number;
  findings: number;
}

export async function auditVerify(options: { events: number }): Promise<AuditVerifyResult> {
  await buildServer(process.cwd());
  const dir = await mkdtemp(join(tmpdir(), 'bench-audit-'));
  const resultFile = join(dir, 'verify.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      // From the JavaScript build, as `npm run bench:audit` runs it (its worker threads then start without the loader).
      const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join('dist', 'server', 'bench', 'audit.bench.js')], {
        env: { ...process.env, BENCH_EVENTS: String(options.events), BENCH_AUDIT_RESULT_FILE: resultFile },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`bench:audit exited with ${code}`);
    return JSON.parse(await readFile(resultFile, 'utf8')) as AuditVerifyResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
