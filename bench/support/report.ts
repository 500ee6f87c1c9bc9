import type { Machine } from './measure.js';

export interface BenchResults {
  date: string;
  machine: Machine;
  eventBytes: number;
  settings: Record<string, number>;
  figures: {
    rawJetStream?: number;
    hubHttp?: number;
    hubIntake?: number;
    emmett?: number;
    projectorCatchUp?: number;
    projectorEvents?: number;
    annexP50Ms?: number;
    annexP99Ms?: number;
    lag?: { achievedEventsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number; events: number; ingestP50Ms: number; ingestP99Ms: number };
  };
  /** (b) / (a): the hub's ingest against raw JetStream (target ≥ 0.8). */
  ingestToRaw?: number;
  /** (b) / (d): the hub's ingest against Emmett on PostgreSQL (target ≥ 3). */
  ingestToEmmett?: number;
}

const fmt = (n: number | undefined, unit = ''): string => (n === undefined || Number.isNaN(n) ? '—' : `${n.toLocaleString('en-US')}${unit}`);
const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'met' : 'MISSED');

/** A Markdown table (the README shows the latest one). */
export function renderTable(results: BenchResults): string {
  const f = results.figures;
  const raw = f.rawJetStream;
  const ratio = (x: number | undefined, base: number | undefined): string => (x && base ? `${(x / base).toFixed(2)}×` : '—');
  const rows: [string, string, string, string, string][] = [
    ['(a) raw JetStream publish (msg-id + expected subject seq)', fmt(raw, ' ev/s'), '1.00×', 'ceiling', ''],
    ['(b) hub: HTTP batches → gateway → department → signed append', fmt(f.hubHttp, ' ev/s'), ratio(f.hubHttp, raw), '≥ 0.8× (a), ≥ 3× (d)', verdict(results.ingestToRaw === undefined ? undefined : results.ingestToRaw >= 0.8 && (results.ingestToEmmett ?? 3) >= 3)],
    ['(c) hub: NATS intake directly', fmt(f.hubIntake, ' ev/s'), ratio(f.hubIntake, raw), '', ''],
    ['(d) Emmett PostgreSQL event store', fmt(f.emmett, ' ev/s'), ratio(f.emmett, raw), '', ''],
    [`(e) projector catch-up (${fmt(f.projectorEvents)} events)`, fmt(f.projectorCatchUp, ' ev/s'), '', '≥ 40,000 ev/s', verdict(f.projectorCatchUp === undefined ? undefined : f.projectorCatchUp >= 40_000)],
    [
      `(f) end-to-end lag at ${fmt(f.lag?.achievedEventsPerSecond)} ev/s (p50 / p99)`,
      f.lag ? `${f.lag.p50Ms} / ${f.lag.p99Ms} ms (HTTP answer ${f.lag.ingestP50Ms} / ${f.lag.ingestP99Ms} ms)` : '—',
      '',
      'p99 ≤ 200 ms',
      verdict(f.lag === undefined ? undefined : f.lag.p99Ms <= 200),
    ],
    [
      `(g) annex query with ${fmt(f.projectorEvents)} events (p50 / p99)`,
      f.annexP99Ms === undefined ? '—' : `${f.annexP50Ms} / ${f.annexP99Ms} ms`,
      '',
      'p99 ≤ 20 ms',
      verdict(f.annexP99Ms === undefined ? undefined : f.annexP99Ms <= 20),
    ],
  ];
  const m = results.machine;
  return [
    `Run ${results.date} on ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, node ${m.node}; load average ${m.loadAtStart} at start, ${m.loadAtEnd ?? '?'} at end; events of ~${results.eventBytes} bytes.`,
    `hub/raw = ${results.ingestToRaw ?? '—'}, hub/Emmett = ${results.ingestToEmmett ?? '—'}`,
    '',
    '| benchmark | figure | vs (a) | target | |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
