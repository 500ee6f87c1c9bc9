import type { CpuPerEvent, IngestFigure, Machine } from './measure.js';

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
    /** (h) Entity search at `leads` leads (issue 15: p99 ≤ 20 ms). */
    entitySearch?: { leads: number; keys: number; p50Ms: number; p99Ms: number; hotP99Ms: number };
    lag?: { achievedEventsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number; events: number; ingestP50Ms: number; ingestP99Ms: number };
  };
  /** (b) / (a): the hub's ingest against raw JetStream (target ≥ 0.8). */
  ingestToRaw?: number;
  /** (b) / (d): the hub's ingest against Emmett on PostgreSQL (target ≥ 3). */
  ingestToEmmett?: number;
  /** The same ratios from CPU per event (what each would do on an idle machine): independent of other load. */
  ingestToRawIdleBound?: number;
  ingestToEmmettIdleBound?: number;
}

const fmt = (n: number | undefined, unit = ''): string => (n === undefined || Number.isNaN(n) ? '—' : `${n.toLocaleString('en-US')}${unit}`);
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'met' : 'MISSED');

const cpuOf = (f: IngestFigure | undefined): string =>
  f ? `${f.cpu.nodeUs} + ${f.cpu.natsUs}${f.cpu.postgresUs > 0 ? ` + PG ${f.cpu.postgresUs}` : ''} µs` : '—';

/** A Markdown table (the README shows the latest one). */
export function renderTable(results: BenchResults): string {
  const f = results.figures;
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
  const hubMet = results.ingestToRaw === undefined ? undefined : results.ingestToRaw >= 0.8 && (results.ingestToEmmett ?? 3) >= 3;
  const rows = [
    ingest('(a) raw JetStream publish (msg-id + expected subject seq)', raw, 'ceiling', undefined),
    ingest('(b) hub: HTTP batches → gateway → department → signed append', f.hubHttp, '≥ 0.8× (a), ≥ 3× (d)', hubMet),
    ingest('(c) hub: NATS intake directly', f.hubIntake, '', undefined),
    ingest('(d) Emmett PostgreSQL event store', f.emmett, '', undefined),
    [
      `(e) projector catch-up (${fmt(f.projectorEvents)} events)`,
      fmt(f.projectorCatchUp, ' ev/s'),
      '',
      f.projectorCpu ? `${f.projectorCpu.nodeUs} + ${f.projectorCpu.natsUs} + PG ${f.projectorCpu.postgresUs} µs` : '',
      fmt(f.projectorCpu?.idleBoundEventsPerSecond, ' ev/s'),
      '',
      '≥ 40,000 ev/s',
      verdict(f.projectorCatchUp === undefined ? undefined : f.projectorCatchUp >= 40_000),
    ],
    other(
      `(f) end-to-end lag at ${fmt(f.lag?.achievedEventsPerSecond)} ev/s, p50 / p99`,
      f.lag ? `${f.lag.p50Ms} / ${f.lag.p99Ms} ms (HTTP answer ${f.lag.ingestP50Ms} / ${f.lag.ingestP99Ms} ms)` : '—',
      'p99 ≤ 200 ms',
      f.lag === undefined ? undefined : f.lag.p99Ms <= 200,
    ),
    other(
      `(g) annex query with ${fmt(f.projectorEvents)} events, p50 / p99`,
      f.annexP99Ms === undefined ? '—' : `${f.annexP50Ms} / ${f.annexP99Ms} ms`,
      'p99 ≤ 20 ms',
      f.annexP99Ms === undefined ? undefined : f.annexP99Ms <= 20,
    ),
    other(
      `(h) entity search with ${fmt(f.entitySearch?.leads)} leads, p50 / p99`,
      f.entitySearch ? `${f.entitySearch.p50Ms} / ${f.entitySearch.p99Ms} ms (a 2,000-lead value: p99 ${f.entitySearch.hotP99Ms} ms)` : '—',
      'p99 ≤ 20 ms',
      f.entitySearch === undefined ? undefined : f.entitySearch.p99Ms <= 20,
    ),
  ];
  const m = results.machine;
  return [
    `Run ${results.date} on ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, node ${m.node}; load average ${m.loadAtStart} at start, ${m.loadAtEnd ?? '?'} at end; events of ~${results.eventBytes} bytes.`,
    `hub/raw = ${results.ingestToRaw ?? '—'} (idle bound ${results.ingestToRawIdleBound ?? '—'}), hub/Emmett = ${results.ingestToEmmett ?? '—'} (idle bound ${results.ingestToEmmettIdleBound ?? '—'})`,
    '',
    '| benchmark | measured | vs (a) | CPU per event: node + nats-server | idle 2-core bound | vs (a) | target | |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
