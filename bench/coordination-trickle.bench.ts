// npm run bench:coordination-trickle — the coordination service under a trickle of leads, as under (h), with the
// batch size fixed: BENCH_COORD_BATCH (5) of the bench's leads (one USCC and phone for all: one cluster that grows
// by each lead) are published, and the next only once coordination committed them, published its conclusions and
// consumed those too. BENCH_COORD_EVENTS (2,000) leads after 200 of warm-up. Prints CPU per lead of this process
// (the service runs in it, with the publisher and the waiting) and of coordination's PostgreSQL backends. On the
// launched hub the batch size follows the load, which moves the CPU per event more than most changes do; here
// it does not. With BENCH_PG_STATEMENTS=1, also planning and execution per lead of the top statements.
import './support/interruptible.js';
import pg from 'pg';
import { reportingUnits } from '@hub/domain';
import { EventLog } from '../libs/persistence/src/testing/event-log.js';
import { CoordinationHarness } from '../test/support/coordination-harness.js';
import { outboxPendingCountSql } from '../apps/coordination/src/persistence/index.js';
import { benchPostgres } from './support/bench-postgres.js';
import { PostgresProbe } from './support/postgres-probe.js';
import { benchSubmission } from './support/payloads.js';
import { cpuSecondsOf, ownCpuSeconds } from './support/process-cpu.js';

const EVENTS = Number(process.env['BENCH_COORD_EVENTS'] ?? 2_000);
const BATCH = Number(process.env['BENCH_COORD_BATCH'] ?? 5);
const WARM_UP = 200;
const PENDING = outboxPendingCountSql('coordination');

const server = await benchPostgres();
process.env['DATABASE_URL'] = server.serverUrl;
const harness = await CoordinationHarness.start();
harness.now = new Date();
await harness.startCoordination({ minBatchIntervalMs: 0 });
const units = reportingUnits(2021).filter((unit) => unit.startsWith('samr/'));
const log = new EventLog({ sign: false });
let n = 0;
const leads = (count: number) =>
  Array.from({ length: count }, () => {
    n += 1;
    const submission = benchSubmission(n, 'coord');
    const now = new Date().toISOString();
    return log.append(units[n % units.length] ?? 'samr/650000', 'lead.reported', String(submission['subject']), submission['data'] as Record<string, unknown>, { time: now, recordedAt: now });
  });

const probe = new pg.Client({ connectionString: harness.hub.db.url, application_name: 'hub-bench-probe' });
await probe.connect();
const backends = async (): Promise<number[]> =>
  (await probe.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'hub-coordination%'")).rows.map((r) => r.pid);
const backendCpu = (pids: readonly number[]): Map<number, number> => new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]));

// One connection for the waiting (the harness's coordinated() opens one per call).
const waiter = new pg.Client({ connectionString: harness.hub.db.url, application_name: 'hub-bench-waiter' });
await waiter.connect();
async function round(count: number): Promise<void> {
  const seqs = await harness.hub.publish(leads(count));
  const published = seqs.at(-1) ?? 0;
  for (;;) {
    const next = harness.progress.next();
    const [row] = (
      await waiter.query<{ last_seq: string | null; pending: string }>(
        `SELECT (SELECT last_seq FROM coordination.coordination_checkpoint WHERE name = 'coordination') AS last_seq, ${PENDING} AS pending`,
      )
    ).rows;
    // Past the leads, with nothing left to publish, and the joint events that came of them consumed too.
    if (Number(row?.last_seq ?? 0) > published && Number(row?.pending ?? 1) === 0 && Number(row?.last_seq ?? 0) >= (await harness.hub.lastSeq())) return;
    await next;
  }
}

try {
  for (let i = 0; i < WARM_UP; i += BATCH) await round(BATCH);
  const statements = process.env['BENCH_PG_STATEMENTS'] ? await PostgresProbe.connect(server.serverUrl) : undefined;
  await statements?.start();
  const pids = await backends();
  const pgBefore = backendCpu(pids);
  const nodeBefore = ownCpuSeconds();
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += BATCH) await round(BATCH);
  const wall = Date.now() - started;
  const node = ownCpuSeconds() - nodeBefore;
  const after = backendCpu(await backends());
  const postgres = [...after].reduce((sum, [pid, cpu]) => sum + cpu - (pgBefore.get(pid) ?? 0), 0);
  const per = (seconds: number): number => Math.round((seconds * 1e6) / EVENTS);
  console.log(
    `[bench coordination-trickle] ${EVENTS} leads in batches of ${BATCH}: ${wall} ms; CPU per lead: node ${per(node)} µs (the service, the publisher, the waiting), coordination's PostgreSQL ${per(postgres)} µs (${after.size} backends); load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}`,
  );
  const window = await statements?.stop(EVENTS);
  await statements?.close();
  if (window?.totalUs) console.log(`PostgreSQL statements per lead: planning ${window.totalUs.plan} µs, execution ${window.totalUs.exec} µs`);
  for (const s of window?.statements.slice(0, 15) ?? []) console.log(`  ${s.planUs} + ${s.execUs} µs/lead, ${s.calls} calls: ${s.query.slice(0, 150)}`);
} finally {
  await probe.end().catch(() => undefined);
  await waiter.end().catch(() => undefined);
  await harness.stop();
  await server.dispose();
}
