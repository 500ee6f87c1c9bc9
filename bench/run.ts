// `npm run bench`: every figure of issue 7 in one run on one machine, with the same ~500-byte events:
//  (a) raw JetStream async publish with msg-id and expected subject sequence — the ceiling
//  (b) hub ingest: HTTP batches → gateway → department service → signed append
//  (c) hub ingest through the NATS intake directly (no HTTP, no gateway)
//  (d) the peer: Emmett's PostgreSQL event store appending the same events to the same PostgreSQL
//  (e) projector catch-up, (f) end-to-end lag at a steady rate, (g) annex query latency on (e)'s data,
//  (h) entity search latency at BENCH_SEARCH_LEADS leads (1000000; issue 15: p99 ≤ 20 ms).
// Prints a table with the ratios hub/raw and hub/Emmett and writes bench/results/<date>.json.
// Knobs (env): BENCH_ONLY=a,b,… BENCH_EVENTS (ingest events per round, 20000) BENCH_ROUNDS (3)
// BENCH_PROJECTOR_EVENTS (1000000) BENCH_LAG_SECONDS (30) BENCH_LAG_RATE (2000) BENCH_QUERIES (400).
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPostgres, type BenchPostgres } from './support/bench-postgres.js';
import { emmettPostgreSql } from './scenarios/emmett-postgresql.js';
import { hubHttp } from './scenarios/hub-http.js';
import { hubIntake } from './scenarios/hub-intake.js';
import { endToEndLag, type LagResult } from './scenarios/lag.js';
import { entitySearch } from './scenarios/entity-search.js';
import { projectorAndAnnex, type ProjectorAnnexResult } from './scenarios/projector-annex.js';
import { rawJetStream } from './scenarios/raw-jetstream.js';
import { averageBytes, benchSubmissions } from './support/payloads.js';
import { machine } from './support/measure.js';
import { renderTable, type BenchResults } from './support/report.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,e,f,g,h').split(',').map((s) => s.trim()));
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
  if (only.has('d') || only.has('e') || only.has('f') || only.has('g') || only.has('h')) {
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
      batchSize: env('BENCH_PROJECTOR_BATCH', 2_000),
      queries: env('BENCH_QUERIES', 400),
      ...(postgres?.pid ? { postgresPid: postgres.pid } : {}),
    });
    figures.projectorCatchUp = outcome.catchUpEventsPerSecond;
    figures.projectorCpu = outcome.catchUpCpu;
    figures.projectorEvents = outcome.events;
    figures.annexP50Ms = outcome.annexP50Ms;
    figures.annexP99Ms = outcome.annexP99Ms;
  }
  if (only.has('f') && serverUrl) {
    const lag: LagResult = await endToEndLag({ serverUrl, rate: env('BENCH_LAG_RATE', 2_000), seconds: env('BENCH_LAG_SECONDS', 30), requestsPerSecond: 50, warmUpSeconds: 3 });
    figures.lag = lag;
  }
  if (only.has('h') && serverUrl) {
    figures.entitySearch = await entitySearch({ serverUrl, leads: env('BENCH_SEARCH_LEADS', 1_000_000), queries: env('BENCH_SEARCH_QUERIES', 2_000) });
  }
  results.machine.loadAtEnd = Number((loadavg()[0] ?? 0).toFixed(2));
  const { rawJetStream: raw, hubHttp: hub, emmett } = figures;
  if (hub && raw) {
    results.ingestToRaw = Number((hub.eventsPerSecond / raw.eventsPerSecond).toFixed(2));
    results.ingestToRawIdleBound = Number((hub.cpu.idleBoundEventsPerSecond / raw.cpu.idleBoundEventsPerSecond).toFixed(2));
  }
  if (hub && emmett) {
    results.ingestToEmmett = Number((hub.eventsPerSecond / emmett.eventsPerSecond).toFixed(2));
    results.ingestToEmmettIdleBound = Number((hub.cpu.idleBoundEventsPerSecond / emmett.cpu.idleBoundEventsPerSecond).toFixed(2));
  }
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
