// `npm run bench:audit`: verification and as-of over a large log. Publishes BENCH_EVENTS (default
// 1,000,000) realistic events (the projector bench's mixed scenario, sealed as the department services seal
// them: one seal per department per window of appends, each chained to that department's previous seal) to JetStream on a private nats-server, archives them into PostgreSQL as the projector would, then
// times: verify (hashes, signatures on BENCH_WORKERS threads, chains), verify with the stream/archive
// comparison, the annex as of an instant, and referral/case states as of an instant, all from the log.
// Run with `node --expose-gc` (npm run bench:audit does) for per-phase memory watermarks. The workers read the stream
// by sequence range themselves; BENCH_MAIN_READS=1 has the main thread read and hand bodies over instead, and
// BENCH_COMPARE_READS=1 times that path too, in the same run. BENCH_AUDIT_RESULT_FILE: where to write the plain
// verify pass's figures as JSON (npm run bench's (l) reads them). BENCH_VERIFY_ONLY=1 (the plain passes alone) also
// skips archiving into PostgreSQL, which only the archive comparison reads. BENCH_VERIFY_AGAINST=<a built
// libs/audit/src/index.js, e.g. a copy of an older dist/server>: with BENCH_VERIFY_PASSES, the passes alternate between
// this build's verifyLog and that one's over the same log (an A/B pair per two passes on a machine whose speed drifts).
// PostgreSQL: a scratch database on DATABASE_URL's server, else an embedded one in a temp dir.
import './support/interruptible.js';
import { writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { EventSigner, NET_SWORD_2021, planReplay, rotateKey, sealSubject, signSeal, type KeyRegistry, type SealedLeaf } from '@hub/domain';
import { encodeEvent, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { CheckpointRepository, EventArchiveRepository, openReadModels, readModelClientConfig, sqlOf, type PositionedEvent } from '@hub/persistence';
import { createTestDatabase, generateSigningSeeds, inboxPrefixFor } from '@hub/runtime';
import { startTestNats } from '@hub/runtime/testing';
import { benchPostgres } from './support/bench-postgres.js';
import { treeCpuSeconds } from './support/process-cpu.js';
import { annexFromLog, statesFromLog, verifyLog, type VerifySummary } from '@hub/audit';
import { mixedScenario } from '../libs/persistence/src/testing/scenario.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.min(2, availableParallelism()));
const say = (message: string): void => console.log(`[bench] ${message}`);
const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
}, 200);
/** Starts a phase's memory watermarks from where the process stands now. */
const resetPeaks = (): void => {
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  peakHeap = process.memoryUsage().heapUsed;
};
const peaks = (): string => `peak RSS ${mib(peakRss)}, peak heap ${mib(peakHeap)} (main thread)`;
/**
 * CPU seconds the process (all threads, workers included) spent since `from`: a figure the shared machine's
 * load does not inflate. On an idle 2-core machine the wall time is at least half of it.
 */
const cpuSince = (from: NodeJS.CpuUsage): string => {
  const used = process.cpuUsage(from);
  const cpu = (used.user + used.system) / 1e6;
  return `CPU ${cpu.toFixed(1)} s (≥ ${(cpu / Math.min(2, availableParallelism())).toFixed(1)} s wall on 2 idle cores)`;
};
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

const cpu = cpus();
say(`machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; ${WORKERS} signature worker(s)`);

// Generated before NATS starts: signing a million events blocks the event loop for minutes, long enough
// for a connected client to miss its pings.
// The log: one signing key per department, registered from 2021-01-01.
let started = performance.now();
const events = mixedScenario(EVENTS, { seed: 2021, sign: false });
const departments = [...new Set(events.map((e) => e.event.source.split('/')[0] ?? ''))];
const seeds = generateSigningSeeds(departments);
const signers = new Map(departments.map((d) => [d, new EventSigner(seeds[d] ?? '')]));
for (const e of events) delete e.event.sig; // signed by the seals published with them
let registry: KeyRegistry = { keys: [] };
for (const [department, signer] of signers) registry = rotateKey(registry, department, signer.publicKey, '2021-01-01T00:00:00Z');
say(`generated ${EVENTS} events in ${seconds(started)} s`);

const nats = await startTestNats();
const postgres = await benchPostgres();
const db = await createTestDatabase(postgres.serverUrl);
const admin = await connect(nats.connectOptions('admin'));

/** The events into the archive table as the projector stores them, and its checkpoint at the last. */
async function archive(events: ReturnType<typeof mixedScenario>, seqs: readonly number[]): Promise<void> {
  const dataSource = await openReadModels(db.url);
  await dataSource.destroy();
  const client = new pg.Client(readModelClientConfig(db.url));
  await client.connect();
  try {
    const archive = new EventArchiveRepository(sqlOf(client));
    for (let i = 0; i < events.length; i += 10_000) {
      const chunk: PositionedEvent[] = events.slice(i, i + 10_000).map((e, j) => {
        const [, , department = '', region = '', aggregateType = '', aggregateId = ''] = e.streamSubject.split('.');
        return { seq: seqs[i + j] ?? 0, streamSubject: e.streamSubject, event: e.event, unit: `${department}/${region}`, department, region, aggregateType, aggregateId };
      });
      await archive.insertMany(chunk);
    }
    const checkpoint = new CheckpointRepository(sqlOf(client));
    await checkpoint.lockForUpdate('projector');
    await checkpoint.advance('projector', seqs.at(-1) ?? 0);
  } finally {
    await client.end();
  }
}

// BENCH_VERIFY_AGAINST: another build's verifyLog, for passes alternating with this one's.
const against = process.env.BENCH_VERIFY_AGAINST;
const otherVerifyLog: typeof verifyLog | undefined = against ? ((await import(resolvePath(against))) as { verifyLog: typeof verifyLog }).verifyLog : undefined;

try {
  await ensureEventStream(await jetstreamManager(admin));
  started = performance.now();
  const seqs: number[] = [];
  const js0 = jetstream(admin);
  const prevSeal = new Map<string, string | null>();
  let sealCount = 0;
  for (let i = 0; i < events.length; i += 1_000) {
    // A generous timeout: on a shared, loaded machine a window of acks can take seconds.
    const window = events.slice(i, i + 1_000);
    const acks = await Promise.all(
      window.map((e) => {
        const { body, headers } = encodeEvent(e.event);
        return js0.publish(e.streamSubject, body, { msgID: e.event.id, headers, timeout: 120_000 });
      }),
    );
    seqs.push(...acks.map((ack) => ack.seq));
    // Each department seals its part of the window, as a department service seals a group of requests.
    const byDepartment = new Map<string, SealedLeaf[]>();
    window.forEach((e, j) => {
      const department = e.event.source.split('/')[0] ?? '';
      byDepartment.set(department, [...(byDepartment.get(department) ?? []), { seq: acks[j]?.seq ?? 0, hash: e.event.hash }]);
    });
    for (const [department, leaves] of byDepartment) {
      const seal = signSeal(leaves, { signer: `${department}/bench`, prevSeal: prevSeal.get(department) ?? null, sealedAt: '2021-10-08T01:31:00.000Z' }, signers.get(department) as EventSigner);
      await js0.publish(sealSubject(department, 'bench'), JSON.stringify(seal), { msgID: seal.hash, timeout: 120_000 });
      prevSeal.set(department, seal.hash);
      sealCount += 1;
    }
  }
  say(`published to JetStream in ${seconds(started)} s (${sealCount} seals)`);

  started = performance.now();
  const verifyOnly = process.env.BENCH_VERIFY_ONLY === '1';
  if (!verifyOnly) await archive(events, seqs);
  say(verifyOnly ? 'not archived (BENCH_VERIFY_ONLY=1)' : `archived into PostgreSQL in ${seconds(started)} s`);
  events.length = 0; // what follows reads the log, not this array
  global.gc?.();


  // Generous API timeouts: consumer creation on a busy shared machine can take seconds.
  const js = jetstream(admin, { timeout: 60_000 });
  /** The plain verify pass's figures, for `npm run bench`'s (l) (BENCH_AUDIT_RESULT_FILE). */
  let verified: { events: number; seconds: number; cpuSeconds: number; findings: number } | undefined;
  const timed = async (name: string, databaseUrl?: string, mainReads = process.env.BENCH_MAIN_READS === '1', verify = verifyLog): Promise<VerifySummary> => {
    resetPeaks();
    const cpu0 = process.cpuUsage();
    const natsCpu0 = treeCpuSeconds(nats.pid);
    const t = performance.now();
    // The workers read the stream themselves (BENCH_MAIN_READS=1: through this thread, as before).
    const reader = mainReads ? {} : { reader: { url: nats.url, seed: nats.secrets.users.admin.seed, inboxPrefix: inboxPrefixFor('admin') } };
    const summary = await verify({ js, stream: EVENT_STREAM, plan: planReplay({}), registry, workers: WORKERS, ...reader, ...(databaseUrl ? { databaseUrl } : {}), onFinding: () => undefined });
    const s = (performance.now() - t) / 1000;
    if (!databaseUrl && !mainReads) {
      const used = process.cpuUsage(cpu0);
      verified = { events: summary.events, seconds: Number(s.toFixed(2)), cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)), findings: summary.findings };
    }
    say(`${name}: ${summary.events} events, ${summary.aggregates} aggregates in ${s.toFixed(1)} s = ${Math.round(summary.events / s)} events/s; ` +
      `${summary.seals ?? 0} seals; findings ${summary.findings}; ${cpuSince(cpu0)}; nats-server CPU ${(treeCpuSeconds(nats.pid) - natsCpu0).toFixed(1)} s; ${peaks()}${summary.archive ? `; archive rows ${summary.archive.rows}` : ''}`);
    return summary;
  };
  const phase = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      say(`${name} failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
  /** Every phase after the plain verify pass. */
  async function otherPhases(): Promise<void> {
    // BENCH_COMPARE_READS=1: the same pass again with the main thread reading the stream and handing bodies over.
    if (process.env.BENCH_COMPARE_READS === '1') await phase('verify, main thread reads', () => timed('verify, main thread reads', undefined, true));
    await phase('verify + archive', () => timed('verify + archive comparison', db.url));

    resetPeaks();
    let cpu0 = process.cpuUsage();
    started = performance.now();
    const asOf = '2021-12-05T18:00:00+08:00';
    const report = await annexFromLog({ js, stream: EVENT_STREAM }, NET_SWORD_2021, { kind: 'all' }, { asOf });
    const nonZero = report.rows.filter((row) => row.value !== 0).length;
    say(`annex as of ${asOf} from the log: ${seconds(started)} s (${nonZero} non-zero rows); ${cpuSince(cpu0)}; ${peaks()}`);

    resetPeaks();
    cpu0 = process.cpuUsage();
    started = performance.now();
    const states = await statesFromLog({ js, stream: EVENT_STREAM }, Date.parse(asOf));
    say(`referral and case states as of ${asOf}: ${states.referrals.length} referrals, ${states.cases.length} cases in ${seconds(started)} s; ${cpuSince(cpu0)}; ${peaks()}`);
  }
  // BENCH_VERIFY_PASSES=N repeats the plain pass over the same log (on a shared machine one pass says little); the
  // result file gets the fastest.
  const passes = Number(process.env.BENCH_VERIFY_PASSES ?? 1);
  let fastest: typeof verified;
  for (let pass = 1; pass <= passes && process.env.BENCH_SKIP_PLAIN_VERIFY !== '1'; pass += 1) {
    // With BENCH_VERIFY_AGAINST, the even passes run the other build (and are not this build's figures).
    const other = otherVerifyLog !== undefined && pass % 2 === 0;
    const name = passes > 1 ? `verify (hash, seals, chains), pass ${pass} of ${passes}${other ? `, ${against}` : ''}` : 'verify (hash, seals, chains)';
    verified = undefined;
    await phase('verify', () => timed(name, undefined, undefined, other ? otherVerifyLog : verifyLog));
    // Set by timed() (TypeScript does not see the closure assign it).
    const got = verified as typeof fastest;
    if (!other && got && (!fastest || got.seconds < fastest.seconds)) fastest = got;
  }
  verified = fastest;
  // BENCH_VERIFY_ONLY=1: the plain pass(es) alone.
  if (process.env.BENCH_VERIFY_ONLY !== '1') await otherPhases();
  const resultFile = process.env.BENCH_AUDIT_RESULT_FILE;
  if (resultFile && verified) writeFileSync(resultFile, `${JSON.stringify(verified)}\n`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await admin.drain().catch(() => undefined);
  await nats.cleanup();
  await db.drop().catch(() => undefined);
  await postgres.dispose();
}
