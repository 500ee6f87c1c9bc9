// `npm run bench`: every figure of issue 7 in one run on one machine, with the same ~500-byte events:
//  (a) raw JetStream async publish with msg-id and expected subject sequence — the ceiling
//  (b) hub ingest: HTTP batches → gateway → department service → signed append
//  (c) hub ingest through the NATS intake directly (no HTTP, no gateway)
//  (d) the peer: Emmett's PostgreSQL event store appending the same events to the same PostgreSQL
//  (e) projector catch-up, (g) annex query latency on (e)'s data,
//  on the hub as `npm start` runs it (all services, each its own process; issue 16 §3), one hub for all three:
//  (h) 32 clients × single-event requests, (f) end-to-end lag at 2k ev/s in 40-event requests, (i) sustained
//  capacity with lag p99 ≤ 1 s, and that hub's total RSS (peak over the three),
//  (j) entity search latency at BENCH_SEARCH_LEADS leads (1000000; issue 15: p99 ≤ 20 ms),
//  (k) opt-in (BENCH_ONLY=k, not in a default run: filling the hub takes long): the launched hub holding
//  BENCH_RESTART_EVENTS events (1000000) restarted to ready (issue 18: ≤ 60 s), and the bytes it stores per event.
//  (l) the auditors' verify of BENCH_VERIFY_EVENTS events (1000000; issue 16: ≤ 15 s), by `npm run bench:audit`.
// Prints a table with the ratios hub/raw and hub/Emmett and writes bench/results/<date>.json.
// Knobs (env): BENCH_ONLY=a,b,… BENCH_EVENTS (ingest events per round, 20000) BENCH_ROUNDS (3)
// BENCH_PROJECTOR_EVENTS (1000000) BENCH_LAG_SECONDS (30) BENCH_LAG_RATE (2000) BENCH_QUERIES (400)
// BENCH_SINGLE_CLIENTS (32) BENCH_SINGLE_SECONDS (20) BENCH_SUSTAINED_RATES (1000,2000,3000,4000,5000,6000,8000,10000)
// BENCH_SUSTAINED_SECONDS (15) BENCH_HUB_DEPARTMENTS (all thirteen) BENCH_RESTART_EVENTS (1000000).
import './support/interruptible.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPostgres, type BenchPostgres } from './support/bench-postgres.js';
import { emmettPostgreSql } from './scenarios/emmett-postgresql.js';
import { hubHttp } from './scenarios/hub-http.js';
import { hubIntake } from './scenarios/hub-intake.js';
import { endToEndLag } from './scenarios/lag.js';
import { auditVerify } from './scenarios/audit-verify.js';
import { entitySearch } from './scenarios/entity-search.js';
import { singleEventRequests } from './scenarios/single-event.js';
import { sustainedCapacity } from './scenarios/sustained.js';
import { hubRestart } from './scenarios/hub-restart.js';
import { launchBenchHub } from './support/launched-hub.js';
import { hubMemory, memoryPeak } from './support/process-memory.js';
import { projectorAndAnnex, type ProjectorAnnexResult } from './scenarios/projector-annex.js';
import { rawJetStream } from './scenarios/raw-jetstream.js';
import { DEFAULT_BATCH_SIZE } from '../apps/projector/src/projector.config.js';
import { averageBytes, benchSubmissions } from './support/payloads.js';
import { machine } from './support/measure.js';
import { headlineFigures, renderTable, type BenchResults } from './support/report.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,e,f,g,h,i,j,l').split(',').map((s) => s.trim()));
const EVENTS = env('BENCH_EVENTS', 20_000);
const ROUNDS = env('BENCH_ROUNDS', 3);
const WINDOW = 1_024; // appends in flight: the department service's aggregate concurrency

const results: BenchResults = {
  date: new Date().toISOString(),
  machine: machine(),
  eventBytes: averageBytes(benchSubmissions(1_000, 'SIZE')),
  settings: { eventsPerRound: EVENTS, rounds: ROUNDS, window: WINDOW },
  figures: {},
};
console.log(`[bench] ${results.machine.cpus} × ${results.machine.model}, ${results.machine.memoryGiB} GiB, node ${results.machine.node}, load ${results.machine.loadAtStart}; events of ${results.eventBytes} bytes`);

let postgres: BenchPostgres | undefined;
try {
  if (['d', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].some((key) => only.has(key))) {
    postgres = await benchPostgres();
    process.env.DATABASE_URL = postgres.serverUrl; // TestHub's projector database (f)
  }
  const serverUrl = postgres?.serverUrl;
  const { figures } = results;
  if (only.has('a')) figures.rawJetStream = await rawJetStream({ events: EVENTS, rounds: ROUNDS, window: WINDOW });
  if (only.has('b')) {
    figures.hubHttp = await hubHttp({ events: EVENTS, rounds: ROUNDS, batch: env('BENCH_HTTP_BATCH', 5_000), clients: env('BENCH_HTTP_CLIENTS', 2) });
  }
  if (only.has('c')) figures.hubIntake = await hubIntake({ events: EVENTS, rounds: ROUNDS, chunk: 1_000, clients: env('BENCH_INTAKE_CLIENTS', 2) });
  if (only.has('d') && serverUrl) {
    const { createTestDatabase } = await import('@hub/runtime');
    const db = await createTestDatabase(serverUrl);
    try {
      const postgresPid = postgres?.pid;
      figures.emmett = await emmettPostgreSql({ databaseUrl: db.url, events: EVENTS, rounds: ROUNDS, window: env('BENCH_EMMETT_WINDOW', 64), ...(postgresPid ? { postgresPid } : {}) });
    } finally {
      await db.drop().catch(() => undefined);
    }
  }
  if ((only.has('e') || only.has('g')) && serverUrl) {
    const outcome: ProjectorAnnexResult = await projectorAndAnnex({
      serverUrl,
      events: env('BENCH_PROJECTOR_EVENTS', 1_000_000),
      batchSize: env('BENCH_PROJECTOR_BATCH', DEFAULT_BATCH_SIZE),
      queries: env('BENCH_QUERIES', 400),
      ...(postgres?.pid ? { postgresPid: postgres.pid } : {}),
    });
    figures.projectorCatchUp = outcome.catchUpEventsPerSecond;
    figures.projectorCpu = outcome.catchUpCpu;
    figures.projectorEvents = outcome.events;
    figures.annexP50Ms = outcome.annexP50Ms;
    figures.annexP99Ms = outcome.annexP99Ms;
    figures.annexRollupP99Ms = outcome.annexRollupP99Ms;
    figures.annexAsOfP99Ms = outcome.annexAsOfP99Ms;
  }
  if ((only.has('f') || only.has('h') || only.has('i')) && serverUrl) {
    const departments = process.env.BENCH_HUB_DEPARTMENTS?.split(',').map((d) => d.trim());
    const hub = await launchBenchHub(serverUrl, departments);
    try {
      const started = hubMemory();
      console.log(`[bench launched-hub] up: ${started.nodeProcesses} node processes ${started.nodeMiB} MiB + nats-server ${started.natsMiB} MiB RSS`);
      const peak = memoryPeak();
      if (only.has('h')) {
        figures.singleEvent = await singleEventRequests({ hub, clients: env('BENCH_SINGLE_CLIENTS', 32), seconds: env('BENCH_SINGLE_SECONDS', 20), warmUpSeconds: 3, postgresServerUrl: serverUrl });
      }
      if (only.has('f')) {
        const rate = env('BENCH_LAG_RATE', 2_000);
        figures.lag = await endToEndLag({ hub, run: 'LAG', rate, seconds: env('BENCH_LAG_SECONDS', 30), requestsPerSecond: rate / 40, warmUpSeconds: 3 });
      }
      if (only.has('i')) {
        const rates = (process.env.BENCH_SUSTAINED_RATES ?? '1000,2000,3000,4000,5000,6000,8000,10000').split(',').map(Number);
        figures.sustained = await sustainedCapacity({ hub, rates, secondsPerRate: env('BENCH_SUSTAINED_SECONDS', 15), eventsPerRequest: 40, maxLagP99Ms: 1_000 });
      }
      figures.hubMemory = { started, peak: peak.stop() };
      console.log(`[bench launched-hub] RSS at the peak by process (MiB): ${JSON.stringify(figures.hubMemory.peak.byProcess)}`);
    } finally {
      await hub.stop();
    }
  }
  if (only.has('j') && serverUrl) {
    figures.entitySearch = await entitySearch({ serverUrl, leads: env('BENCH_SEARCH_LEADS', 1_000_000), queries: env('BENCH_SEARCH_QUERIES', 2_000) });
  }
  if (only.has('k') && serverUrl) {
    const departments = process.env.BENCH_HUB_DEPARTMENTS?.split(',').map((d) => d.trim());
    figures.hubRestart = await hubRestart({
      serverUrl,
      events: env('BENCH_RESTART_EVENTS', 1_000_000),
      ...(departments ? { departments } : {}),
      ...(postgres?.pid ? { postgresPid: postgres.pid } : {}),
    });
  }
  if (only.has('l')) figures.auditVerify = await auditVerify({ events: env('BENCH_VERIFY_EVENTS', 1_000_000) });
  results.machine.loadAtEnd = Number((loadavg()[0] ?? 0).toFixed(2));
  const { rawJetStream: raw, hubHttp: hub, hubIntake: intake, emmett } = figures;
  if (hub && raw) {
    results.ingestToRaw = Number((hub.eventsPerSecond / raw.eventsPerSecond).toFixed(2));
    results.ingestToRawIdleBound = Number((hub.cpu.idleBoundEventsPerSecond / raw.cpu.idleBoundEventsPerSecond).toFixed(2));
  }
  if (intake && raw) results.intakeToRaw = Number((intake.eventsPerSecond / raw.eventsPerSecond).toFixed(2));
  if (hub && emmett) {
    results.ingestToEmmett = Number((hub.eventsPerSecond / emmett.eventsPerSecond).toFixed(2));
    results.ingestToEmmettIdleBound = Number((hub.cpu.idleBoundEventsPerSecond / emmett.cpu.idleBoundEventsPerSecond).toFixed(2));
  }
  Object.assign(results, headlineFigures(figures));
  const table = renderTable(results);
  console.log(`\n${table}`);
  // Only a full run is a result; a partial one (BENCH_ONLY) goes to the temp dir.
  const dir = process.env.BENCH_ONLY ? tmpdir() : 'bench/results';
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${process.env.BENCH_ONLY ? 'hub-bench-' : ''}${results.date.slice(0, 19).replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ ...results, table }, null, 2)}\n`);
  console.log(`[bench] wrote ${file}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await postgres?.dispose();
}
