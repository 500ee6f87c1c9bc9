import type { CpuPerEvent, IngestFigure, Machine } from './measure.js';
import type { AuditVerifyResult } from '../scenarios/audit-verify.js';
import type { LagResult } from '../scenarios/lag.js';
import type { SingleEventResult } from '../scenarios/single-event.js';
import type { SustainedResult } from '../scenarios/sustained.js';
import type { HubMemory } from './process-memory.js';
import type { HubRestartResult } from '../scenarios/hub-restart.js';

export interface BenchResults {
  date: string;
  machine: Machine;
  eventBytes: number;
  settings: Record<string, number>;
  figures: {
    rawJetStream?: IngestFigure;
    hubHttp?: IngestFigure;
    hubIntake?: IngestFigure;
    emmett?: IngestFigure;
    projectorCatchUp?: number;
    projectorCpu?: CpuPerEvent;
    projectorEvents?: number;
    annexP50Ms?: number;
    annexP99Ms?: number;
    /** (g) split by path: without asOf (the rollup) and with asOf (the exact scan). */
    annexRollupP99Ms?: number;
    annexAsOfP99Ms?: number;
    /** (j) Entity search at `leads` leads (issue 15: p99 ≤ 20 ms; was (h) before issue 16 named the launched-hub scenarios). */
    entitySearch?: { leads: number; keys: number; p50Ms: number; p99Ms: number; hotP99Ms: number };
    /** (f), (h), (i) and memory: the hub as `npm start` runs it. */
    lag?: LagResult;
    singleEvent?: SingleEventResult;
    sustained?: SustainedResult;
    hubMemory?: { started: HubMemory; peak: HubMemory };
    /** (k) The launched hub holding `events` events restarted to ready (issue 18: ≤ 60 s at 1M), and its bytes per event. */
    hubRestart?: HubRestartResult;
    /** (l) The auditors' verify (bench:audit's plain pass). */
    auditVerify?: AuditVerifyResult;
  };
  /** Issue 16 §5's headline figures of the launched hub. */
  singleEventReqPerS?: number;
  singleEventP99ms?: number;
  lagP99ms?: number;
  sustainedEvPerS?: number;
  hubRssMiB?: number;
  /** (e) projector catch-up, events/s (issue 16 §4: ≥ 25,000). */
  projectorEvPerS?: number;
  /** (l) verify of 1,000,000 events, seconds (issue 16 §1: ≤ 15); absent when (l) ran on another size. */
  verify1M_s?: number;
  /** (g) annex with asOf, p99 ms (issue 16 §4: ≤ 50). */
  annexAsOfP99ms?: number;
  /** (b) / (a): the hub's ingest over HTTP against raw JetStream (issue 16 §2: ≥ 0.5). */
  ingestToRaw?: number;
  /** (c) / (a): the hub's NATS intake against raw JetStream (issue 16 §2: ≥ 0.8). */
  intakeToRaw?: number;
  /** (b) / (d): the hub's ingest against Emmett on PostgreSQL (target ≥ 3). */
  ingestToEmmett?: number;
  /** The same ratios from CPU per event (what each would do on an idle machine): independent of other load. */
  ingestToRawIdleBound?: number;
  ingestToEmmettIdleBound?: number;
}

/** Issue 16 §3's targets for the hub as `npm start` runs it. */
export const LAUNCHED_TARGETS = { singleEventReqPerS: 2_000, singleEventP99ms: 100, lagP99ms: 200, sustainedEvPerS: 5_000, hubRssMiB: 2_048 } as const;

/** Issue 16 §2 and §4's ingest, projector and annex targets; issue 3's annex and issue 18's restart targets. */
export const INGEST_TARGETS = { httpToRaw: 0.5, intakeToRaw: 0.8, httpToEmmett: 3, projectorEvPerS: 25_000, annexP99ms: 20, annexAsOfP99ms: 50, restartS: 60 } as const;

/** Issue 16 §5's headline figures (top-level keys of the results JSON) from the scenarios that ran. */
export function headlineFigures(f: BenchResults['figures']): Partial<BenchResults> {
  return {
    ...(f.singleEvent ? { singleEventReqPerS: f.singleEvent.requestsPerSecond, singleEventP99ms: f.singleEvent.p99Ms } : {}),
    ...(f.lag ? { lagP99ms: f.lag.p99Ms } : {}),
    ...(f.sustained ? { sustainedEvPerS: f.sustained.eventsPerSecond } : {}),
    ...(f.hubMemory ? { hubRssMiB: f.hubMemory.peak.totalMiB } : {}),
    ...(f.projectorCatchUp !== undefined ? { projectorEvPerS: f.projectorCatchUp } : {}),
    ...(f.annexAsOfP99Ms !== undefined ? { annexAsOfP99ms: f.annexAsOfP99Ms } : {}),
    ...(f.auditVerify?.events === 1_000_000 ? { verify1M_s: f.auditVerify.seconds } : {}),
  };
}

const fmt = (n: number | undefined, unit = ''): string => (n === undefined || Number.isNaN(n) ? '—' : `${n.toLocaleString('en-US')}${unit}`);
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'met' : 'MISSED');

const cpuOf = (f: IngestFigure | undefined): string =>
  f ? `${f.cpu.nodeUs} + ${f.cpu.natsUs}${f.cpu.postgresUs > 0 ? ` + PG ${f.cpu.postgresUs}` : ''} µs` : '—';

/** A Markdown table (the README shows the latest one). */
export function renderTable(results: BenchResults): string {
  const f = results.figures;
  const T = LAUNCHED_TARGETS;
  const raw = f.rawJetStream;
  const ratio = (x: IngestFigure | undefined): string => (x && raw ? `${(x.eventsPerSecond / raw.eventsPerSecond).toFixed(2)}×` : '—');
  const idleRatio = (x: IngestFigure | undefined): string =>
    x && raw ? `${(x.cpu.idleBoundEventsPerSecond / raw.cpu.idleBoundEventsPerSecond).toFixed(2)}×` : '—';
  const ingest = (label: string, x: IngestFigure | undefined, target: string, met: boolean | undefined): string[] => [
    label,
    fmt(x?.eventsPerSecond, ' ev/s'),
    ratio(x),
    cpuOf(x),
    fmt(x?.cpu.idleBoundEventsPerSecond, ' ev/s'),
    idleRatio(x),
    target,
    verdict(met),
  ];
  const other = (label: string, figure: string, target: string, met: boolean | undefined): string[] => [label, figure, '', '', '', '', target, verdict(met)];
  const I = INGEST_TARGETS;
  const atLeast = (value: number | undefined, target: number): boolean | undefined => (value === undefined ? undefined : value >= target);
  const atMost = (value: number | undefined, target: number): boolean | undefined => (value === undefined ? undefined : value <= target);
  const httpMet = results.ingestToRaw === undefined ? undefined : results.ingestToRaw >= I.httpToRaw && (results.ingestToEmmett ?? I.httpToEmmett) >= I.httpToEmmett;
  const rows = [
    ingest('(a) raw JetStream publish (msg-id + expected subject seq)', raw, 'ceiling', undefined),
    ingest('(b) hub: HTTP batches → gateway → department → sealed append', f.hubHttp, `≥ ${I.httpToRaw}× (a), ≥ ${I.httpToEmmett}× (d)`, httpMet),
    ingest('(c) hub: NATS intake directly', f.hubIntake, `≥ ${I.intakeToRaw}× (a)`, atLeast(results.intakeToRaw, I.intakeToRaw)),
    ingest('(d) Emmett PostgreSQL event store', f.emmett, '', undefined),
    [
      `(e) projector catch-up (${fmt(f.projectorEvents)} events)`,
      fmt(f.projectorCatchUp, ' ev/s'),
      '',
      f.projectorCpu ? `${f.projectorCpu.nodeUs} + ${f.projectorCpu.natsUs} + PG ${f.projectorCpu.postgresUs} µs` : '',
      fmt(f.projectorCpu?.idleBoundEventsPerSecond, ' ev/s'),
      '',
      `≥ ${fmt(I.projectorEvPerS)} ev/s`,
      verdict(atLeast(f.projectorCatchUp, I.projectorEvPerS)),
    ],
    other(
      `(g) annex query with ${fmt(f.projectorEvents)} events without asOf (the rollup), p99; all requests p50 / p99`,
      f.annexP99Ms === undefined ? '—' : `${fmt(f.annexRollupP99Ms, ' ms')}; ${f.annexP50Ms} / ${f.annexP99Ms} ms`,
      `p99 ≤ ${I.annexP99ms} ms`,
      atMost(f.annexRollupP99Ms, I.annexP99ms),
    ),
    other(
      `(g) annex query with ${fmt(f.projectorEvents)} events with asOf (the exact path), p99`,
      fmt(f.annexAsOfP99Ms, ' ms'),
      `p99 ≤ ${I.annexAsOfP99ms} ms`,
      atMost(f.annexAsOfP99Ms, I.annexAsOfP99ms),
    ),
    other(
      `(h) launched hub: ${fmt(f.singleEvent?.clients)} clients × single-event requests, requests/s; p50 / p99`,
      f.singleEvent ? `${fmt(f.singleEvent.requestsPerSecond, ' req/s')}; ${f.singleEvent.p50Ms} / ${f.singleEvent.p99Ms} ms` : '—',
      `≥ ${fmt(T.singleEventReqPerS)} req/s, p99 ≤ ${T.singleEventP99ms} ms`,
      f.singleEvent === undefined ? undefined : f.singleEvent.requestsPerSecond >= T.singleEventReqPerS && f.singleEvent.p99Ms <= T.singleEventP99ms,
    ),
    other(
      `(f) launched hub: end-to-end lag at ${fmt(f.lag?.achievedEventsPerSecond)} ev/s in 40-event requests, p50 / p99`,
      f.lag ? `${f.lag.p50Ms} / ${f.lag.p99Ms} ms (HTTP answer ${f.lag.ingestP50Ms} / ${f.lag.ingestP99Ms} ms${f.lag.refusedRequests ? `, ${f.lag.refusedRequests} refused` : ''})` : '—',
      `p99 ≤ ${T.lagP99ms} ms`,
      f.lag === undefined ? undefined : f.lag.p99Ms <= T.lagP99ms && f.lag.refusedRequests === 0,
    ),
    other(
      '(i) launched hub: sustained capacity with lag p99 ≤ 1 s',
      f.sustained ? `${fmt(f.sustained.eventsPerSecond, ' ev/s')} (${f.sustained.steps.map((step) => `${fmt(step.offered)}: p99 ${step.p99Ms} ms`).join('; ')})` : '—',
      `≥ ${fmt(T.sustainedEvPerS)} ev/s`,
      f.sustained === undefined ? undefined : f.sustained.eventsPerSecond >= T.sustainedEvPerS,
    ),
    other(
      'launched hub: RSS of all its processes (peak during (h), (f), (i); at start)',
      f.hubMemory
        ? `${fmt(f.hubMemory.peak.totalMiB, ' MiB')} (${f.hubMemory.peak.nodeProcesses} node ${fmt(f.hubMemory.peak.nodeMiB)} + nats ${fmt(f.hubMemory.peak.natsMiB)}; largest ${fmt(f.hubMemory.peak.largestNodeMiB)}; PSS ${fmt(f.hubMemory.peak.pssMiB)}); at start ${fmt(f.hubMemory.started.totalMiB, ' MiB')}`
        : '—',
      `≤ ${fmt(T.hubRssMiB)} MiB`,
      f.hubMemory === undefined ? undefined : f.hubMemory.peak.totalMiB <= T.hubRssMiB,
    ),
    other(
      `(j) entity search with ${fmt(f.entitySearch?.leads)} leads, p50 / p99`,
      f.entitySearch ? `${f.entitySearch.p50Ms} / ${f.entitySearch.p99Ms} ms (a 2,000-lead value: p99 ${f.entitySearch.hotP99Ms} ms)` : '—',
      'p99 ≤ 20 ms',
      f.entitySearch === undefined ? undefined : f.entitySearch.p99Ms <= 20,
    ),
    other(
      `(l) audit verify of ${fmt(f.auditVerify?.events)} events (hashes, seals, chains)`,
      f.auditVerify ? `${f.auditVerify.seconds} s (CPU ${f.auditVerify.cpuSeconds} s; ${f.auditVerify.findings} findings)` : '—',
      '≤ 15 s at 1M events, 0 findings',
      // A smaller log says little about 1M (worker start-up and stream set-up dominate): no verdict then.
      f.auditVerify === undefined || f.auditVerify.events < 1_000_000 ? undefined : f.auditVerify.findings === 0 && f.auditVerify.seconds <= 15,
    ),
  ];
  if (f.hubRestart) {
    rows.push(
      other(
        `(k) launched hub holding ${fmt(f.hubRestart.events)} events restarted to ready`,
        `${f.hubRestart.restartToReadyS} s`,
        `≤ ${I.restartS} s`,
        f.hubRestart.events < 1_000_000 ? undefined : f.hubRestart.restartToReadyS <= I.restartS,
      ),
    );
  }
  const m = results.machine;
  return [
    `Run ${results.date} on ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, node ${m.node}; load average ${m.loadAtStart} at start, ${m.loadAtEnd ?? '?'} at end; events of ~${results.eventBytes} bytes.`,
    `hub/raw = ${results.ingestToRaw ?? '—'} (idle bound ${results.ingestToRawIdleBound ?? '—'}), intake/raw = ${results.intakeToRaw ?? '—'}, hub/Emmett = ${results.ingestToEmmett ?? '—'} (idle bound ${results.ingestToEmmettIdleBound ?? '—'})`,
    '',
    '| benchmark | measured | vs (a) | CPU per event: node + nats-server | idle 2-core bound | vs (a) | target | |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
