// `npm run bench:department-start`: how long a department service takes to become ready on a hub holding
// BENCH_EVENTS events (default 1,000,000; the mixed scenario of bench:projector, all departments), first
// with no snapshot (the whole history is folded: id index and heads, lifecycle, referrals, quotas), then
// how long its shutdown snapshot takes, then the restart from that snapshot. BENCH_DEPARTMENT picks the
// department (default samr, the largest share). Figures go to the console and bench/results/.
import './support/interruptible.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { DEFAULT_QUOTA_SETTINGS } from '@hub/domain';
import { ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { inboxPrefixFor, type Principal } from '@hub/runtime';
import { startTestNats } from '@hub/runtime/testing';
import { startDepartmentService } from '../apps/department/src/main.js';
import type { DepartmentConfig } from '../apps/department/src/department.config.js';
import { publishFixtures } from '../test/support/projector-harness.js';
import { mixedScenario } from '../libs/persistence/src/testing/scenario.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DEPARTMENT = process.env.BENCH_DEPARTMENT ?? 'samr';
const CHUNK = 100_000; // generated and published in chunks: a million fixtures at once would hold gigabytes
const say = (message: string): void => console.log(`[bench] ${message}`);
const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(2));
const rssMiB = (): number => Math.round(process.memoryUsage().rss / 1_048_576);

const nats = await startTestNats();
const admin = await connect(nats.connectOptions('admin'));
const snapshotDir = await mkdtemp(join(tmpdir(), 'bench-snapshots-'));

try {
  const cpu = cpus();
  say(`machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  await ensureEventStream(await jetstreamManager(admin));
  let started = performance.now();
  // One scenario, published a chunk at a time (its ids and chains continue across chunks).
  const events = mixedScenario(EVENTS, { seed: 2021, sign: false });
  for (let i = 0; i < events.length; i += CHUNK) {
    await publishFixtures(jetstream(admin), events.slice(i, i + CHUNK), 2_000);
    say(`published ${Math.min(i + CHUNK, events.length)} of ${EVENTS}`);
  }
  const own = events.filter((e) => e.event.source.startsWith(`${DEPARTMENT}/`)).length;
  events.length = 0;
  say(`published ${EVENTS} events (${own} of ${DEPARTMENT}) in ${seconds(started)} s`);

  const principal = `dept:${DEPARTMENT}` as Principal;
  const config: DepartmentConfig = {
    department: DEPARTMENT,
    natsUrl: nats.url,
    natsSeed: nats.secrets.users[principal].seed,
    inboxPrefix: inboxPrefixFor(principal),
    signingSeed: new TextDecoder().decode(createUser().getSeed()),
    stream: EVENT_STREAM,
    maxBatch: 10_000,
    shutdownGraceMs: 0,
    quotas: DEFAULT_QUOTA_SETTINGS,
    snapshotDir,
    snapshotShutdownMs: 120_000,
  };

  started = performance.now();
  let app = await startDepartmentService(config);
  const coldStart = seconds(started);
  say(`ready with no snapshot (whole history folded, snapshot written after start) in ${coldStart} s, rss ${rssMiB()} MiB`);
  started = performance.now();
  await app.close();
  const shutdown = seconds(started);
  say(`stopped, shutdown snapshot included, in ${shutdown} s`);

  started = performance.now();
  app = await startDepartmentService(config);
  const warmStart = seconds(started);
  say(`ready from the snapshot in ${warmStart} s, rss ${rssMiB()} MiB`);
  await app.close();

  const result = { date: new Date().toISOString(), machine: `${cpu.length} × ${cpu[0]?.model ?? '?'}`, events: EVENTS, department: DEPARTMENT, ownEvents: own, coldStartS: coldStart, shutdownS: shutdown, warmStartS: warmStart };
  await mkdir('bench/results', { recursive: true });
  const file = join('bench/results', `department-start-${result.date.slice(0, 19).replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  say(`written ${file}`);
} finally {
  await admin.close();
  await nats.cleanup();
  await rm(snapshotDir, { recursive: true, force: true });
}
