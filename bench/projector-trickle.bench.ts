// `npm run bench:projector-trickle`: the projector kept up with a steady trickle, as under single-event requests
// (bench (h)), rather than catching up. Publishes BENCH_TRICKLE_RATE events/s (default 300) one message at a time
// for BENCH_TRICKLE_SECONDS (20) to a projector that is caught up, and reports its CPU per event (node and
// PostgreSQL), its batches and the lag from publish to commit. Under a trickle every event arrives alone, so what a
// batch costs whatever its size (its transaction, a statement per table, the checkpoint) is paid by few events:
// the figure to compare the consumers' batch interval by (BENCH_INTERVAL ms, HUB_PROJECTOR_BATCH_INTERVAL_MS; the
// consumer's default when unset). PostgreSQL: a scratch database on DATABASE_URL's server, else an embedded one.
import './support/interruptible.js';
import { cpus, loadavg } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { encodeEvent, ensureEventStream, DEFAULT_MIN_BATCH_INTERVAL_MS } from '@hub/event-store';
import { createTestDatabase } from '@hub/runtime';
import { startTestNats } from '@hub/runtime/testing';
import { benchPostgres } from './support/bench-postgres.js';
import { benchProjectorConfig } from './support/bench-projector.js';
import { percentile } from './support/measure.js';
import { PostgresProbe } from './support/postgres-probe.js';
import { ownCpuSeconds, treeCpuSeconds } from './support/process-cpu.js';
import { startProjector } from '../apps/projector/src/main.js';
import { DEFAULT_BATCH_SIZE } from '../apps/projector/src/projector.config.js';
import { mixedScenario } from '../libs/persistence/src/testing/scenario.js';

const RATE = Number(process.env.BENCH_TRICKLE_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_TRICKLE_SECONDS ?? 20);
const INTERVAL = Number(process.env.BENCH_INTERVAL ?? DEFAULT_MIN_BATCH_INTERVAL_MS);
/** Publishing ticks per second: each tick publishes its share of the rate, one message per publish. */
const TICKS = 100;
const say = (message: string): void => console.log(`[bench] ${message}`);

const nats = await startTestNats();
const postgres = await benchPostgres();
const db = await createTestDatabase(postgres.serverUrl);
const admin = await connect(nats.connectOptions('admin'));

try {
  const total = RATE * SECONDS;
  const events = mixedScenario(total, { seed: 2021, sign: false });
  await ensureEventStream(await jetstreamManager(admin));
  const committedAt: { lastSeq: number; at: number; size: number }[] = [];
  const app = await startProjector(
    benchProjectorConfig(nats, db.url, { batchSize: DEFAULT_BATCH_SIZE, minBatchIntervalMs: INTERVAL }),
    { onBatch: (outcome) => committedAt.push({ lastSeq: outcome.lastSeq, at: performance.now(), size: outcome.lastSeq - outcome.from }) },
  );
  const js = jetstream(admin);
  const pgPid = postgres.pid;
  const probe = await PostgresProbe.connect(postgres.serverUrl);
  await probe.start();
  const cpuAtStart = { node: ownCpuSeconds(), nats: treeCpuSeconds(nats.pid), pg: pgPid ? treeCpuSeconds(pgPid) : 0 };
  const publishedAt = new Float64Array(total + 1);
  const started = performance.now();
  const acks: Promise<unknown>[] = [];
  let next = 0;
  while (next < total) {
    // Catch up to where the clock says the trickle should be, then wait for the next tick.
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; next < due; next += 1) {
      const fixture = events[next];
      if (fixture === undefined) break;
      const { body, headers } = encodeEvent(fixture.event);
      const seq = next + 1;
      publishedAt[seq] = performance.now();
      acks.push(js.publish(fixture.streamSubject, body, { msgID: fixture.event.id, headers }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 / TICKS));
  }
  await Promise.all(acks);
  while ((committedAt.at(-1)?.lastSeq ?? 0) < total) await new Promise((resolve) => setTimeout(resolve, 10));
  const spent = { node: ownCpuSeconds() - cpuAtStart.node, nats: treeCpuSeconds(nats.pid) - cpuAtStart.nats, pg: pgPid ? treeCpuSeconds(pgPid) - cpuAtStart.pg : 0 };
  const pgWindow = await probe.stop(total);
  await probe.close();
  await app.close();
  // An event's lag: from its publish to the commit of the batch that held it.
  const lags: number[] = [];
  let batch = 0;
  for (let seq = 1; seq <= total; seq += 1) {
    while ((committedAt[batch]?.lastSeq ?? Number.POSITIVE_INFINITY) < seq) batch += 1;
    const commit = committedAt[batch];
    if (commit !== undefined) lags.push(commit.at - (publishedAt[seq] ?? 0));
  }
  lags.sort((a, b) => a - b);
  const perEvent = (s: number): string => `${((s / total) * 1e6).toFixed(0)} µs`;
  say(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}; load ${(loadavg()[0] ?? 0).toFixed(2)} at the end`);
  say(
    `trickle of ${RATE} events/s for ${SECONDS} s, batch interval ${INTERVAL} ms: ${committedAt.length} batches (${(total / committedAt.length).toFixed(1)} events each); ` +
      `lag p50 ${percentile(lags, 50).toFixed(1)} ms, p99 ${percentile(lags, 99).toFixed(1)} ms`,
  );
  say(`CPU per event: node ${perEvent(spent.node)} (this process: the projector and the publisher), PostgreSQL ${pgPid ? perEvent(spent.pg) : 'n/a (DATABASE_URL)'}, nats-server ${perEvent(spent.nats)}`);
  const byClient = Object.entries(pgWindow.cpuUsByClient).map(([client, us]) => `${client} ${us}`);
  say(`PostgreSQL CPU per event by client (µs): ${byClient.join(', ')}`);
  if (pgWindow.totalUs) say(`PostgreSQL statements per event: planning ${pgWindow.totalUs.plan} µs, execution ${pgWindow.totalUs.exec} µs`);
  for (const s of pgWindow.statements.slice(0, 15)) say(`  ${s.planUs} + ${s.execUs} µs/event, ${s.calls} calls: ${s.query.slice(0, 150)}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await admin.drain().catch(() => undefined);
  await nats.cleanup();
  await db.drop().catch(() => undefined);
  await postgres.dispose();
}
