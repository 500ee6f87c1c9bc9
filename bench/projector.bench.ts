// `npm run bench:projector`: how fast the projector catches up. Publishes BENCH_EVENTS (default 200,000)
// realistic events (~500 bytes: leads with entities, takedowns, inspections, cases through their
// lifecycle, referrals …; real hashes, placeholder signatures) straight to JetStream on a private
// nats-server, then times a projector catching up from sequence 0 to the end into a fresh database.
// PostgreSQL: a scratch database on DATABASE_URL's server, else an embedded one in a temp dir.
// BENCH_BATCH sets the projector's batch size; BENCH_REBUILD=1 also times a blue/green rebuild.
import './support/interruptible.js';
import { cpus, totalmem } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { campaignContributions } from '@hub/persistence';
import { createTestDatabase } from '@hub/runtime';
import { startTestNats } from '@hub/runtime/testing';
import { benchPostgres } from './support/bench-postgres.js';
import { benchProjectorConfig } from './support/bench-projector.js';
import { startProjector } from '../apps/projector/src/main.js';
import { DEFAULT_BATCH_SIZE } from '../apps/projector/src/projector.config.js';
import { rebuildReadModels } from '../apps/projector/src/rebuild/rebuild.js';
import { publishFixtures } from '../test/support/projector-harness.js';
import { mixedScenario } from '../libs/persistence/src/testing/scenario.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { childrenCpuSeconds, ownCpuSeconds, threadCpuSeconds, treeCpuSeconds } from './support/process-cpu.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? DEFAULT_BATCH_SIZE);
const say = (message: string): void => console.log(`[bench] ${message}`);

const nats = await startTestNats();
const postgres = await benchPostgres();
const databases = [await createTestDatabase(postgres.serverUrl), await createTestDatabase(postgres.serverUrl)];
const [db, rebuildDb] = databases as [(typeof databases)[0], (typeof databases)[0]];
const admin = await connect(nats.connectOptions('admin'));

/**
 * Generates the events and publishes them. The fixtures live in this function only: kept until the end of the run
 * (as they were before 2026-12-08), 200k of them held ~230 MiB of this process's heap (~1.1 GiB at 1M) that every
 * major GC of the catch-up marked again — CPU the projector, a process of its own in the hub, does not spend.
 */
async function publishScenario(): Promise<void> {
  const started = performance.now();
  const events = mixedScenario(EVENTS, { seed: 2021, sign: false });
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.event)), 0);
  say(`generated ${EVENTS} events (${Math.round(bytes / EVENTS)} bytes on average) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const publishing = performance.now();
  await publishFixtures(jetstream(admin), events, 2_000);
  say(`published to JetStream in ${((performance.now() - publishing) / 1000).toFixed(1)} s`);
}

try {
  const cpu = cpus();
  const version = await (async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
    } finally {
      await client.end();
    }
  })();
  say(`machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, PostgreSQL ${version}`);

  await ensureEventStream(await jetstreamManager(admin));
  await publishScenario();

  let started = 0;
  // Done = every event committed and, in catch-up mode, the deferred indexes rebuilt.
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let committedAll = false;
  let indexesBack = EVENTS < Number(process.env.BENCH_CATCHUP ?? 50_000);
  let batches = 0;
  // Embedded PostgreSQL only: a DATABASE_URL server's processes are not ours to find.
  const pgPid = postgres.pid;
  const profile = process.env.BENCH_PROFILE ? await startCpuProfile() : undefined;
  // The main thread alone (its task has the process's id): with the preparing thread the process spans two cores.
  const mainThreadCpu = (): number => threadCpuSeconds(process.pid, process.pid);
  const cpuAtStart = { node: ownCpuSeconds(), main: mainThreadCpu(), nats: treeCpuSeconds(nats.pid), pg: pgPid ? treeCpuSeconds(pgPid) : 0 };
  started = performance.now();
  let firstBatchAt = 0;
  const app = await startProjector(
    benchProjectorConfig(nats, db.url, { batchSize: BATCH, catchUpThreshold: Number(process.env.BENCH_CATCHUP ?? 50_000) }),
    {
      onBatch: (outcome) => {
        batches += 1;
        if (batches === 1) firstBatchAt = performance.now();
        if (outcome.lastSeq >= EVENTS) committedAll = true;
        if (committedAll && indexesBack) resolveDone();
      },
      onCaughtUp: () => {
        indexesBack = true;
        if (committedAll) resolveDone();
      },
    },
  );
  const ready = performance.now();
  await done;
  const finished = performance.now();
  const seconds = (finished - started) / 1000;
  const spent = {
    node: ownCpuSeconds() - cpuAtStart.node,
    main: mainThreadCpu() - cpuAtStart.main,
    nats: treeCpuSeconds(nats.pid) - cpuAtStart.nats,
    pg: pgPid ? treeCpuSeconds(pgPid) - cpuAtStart.pg : 0,
  };
  // BENCH_PG_BREAKDOWN=1: which of PostgreSQL's processes spent it (the writer's backend, the reader's, walwriter …).
  if (pgPid && process.env.BENCH_PG_BREAKDOWN === '1') {
    for (const child of childrenCpuSeconds(pgPid)) if (child.cpuSeconds >= 0.05) say(`PostgreSQL ${child.pid} ${child.command}: ${child.cpuSeconds.toFixed(2)} s`);
  }
  if (profile && process.env.BENCH_PROFILE) say(`CPU profile of the catch-up: ${await profile.stop(process.env.BENCH_PROFILE)}`);
  await app.close();
  say(`projector: ${EVENTS} events in ${seconds.toFixed(2)} s = ${Math.round(EVENTS / seconds)} events/s end to end ` +
    `(start-up incl. migrations ${((ready - started) / 1000).toFixed(2)} s; ${batches} batches of up to ${BATCH}; ` +
    `steady ${Math.round((EVENTS - BATCH) / ((finished - firstBatchAt) / 1000))} events/s after the first batch)`);
  // Load-independent: CPU per event. With the work spread over the machine's cores and nothing else
  // running, throughput is bounded by the busiest process and by total CPU / cores.
  const perEvent = (s: number): string => `${((s / EVENTS) * 1e6).toFixed(1)} µs`;
  // Each thread is bounded by one core: node's main thread, node's other threads together (V8's GC helpers, a worker
  // thread if one prepared batches), PostgreSQL's backend (taken as all of PostgreSQL).
  const bound = Math.round(EVENTS / Math.max(spent.main, spent.node - spent.main, spent.pg, (spent.node + spent.pg + spent.nats) / cpus().length));
  say(`CPU per event: node ${perEvent(spent.node)} (main thread ${perEvent(spent.main)}), PostgreSQL ${pgPid ? perEvent(spent.pg) : 'n/a (DATABASE_URL)'}, ` +
    `nats-server ${perEvent(spent.nats)}; on an idle machine of ${cpus().length} cores that bounds catch-up at ≈ ${bound} events/s`);

  if (process.env.BENCH_REBUILD === '1') {
    started = performance.now();
    const result = await rebuildReadModels({ nc: admin, databaseUrl: rebuildDb.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 5_000 });
    const s = (performance.now() - started) / 1000;
    say(`rebuild (deferred indexes, async commit): ${result.events} events in ${s.toFixed(2)} s = ${Math.round(result.events / s)} events/s`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await admin.drain().catch(() => undefined);
  await nats.cleanup();
  for (const database of databases) await database.drop().catch(() => undefined);
  await postgres.dispose();
}
