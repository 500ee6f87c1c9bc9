// (f) End-to-end lag at a steady rate on the hub as `npm start` runs it (every service in its own process):
// HTTP submissions on a fixed schedule (open loop: a slow answer does not slow the sender), each event timed
// from the moment its request was sent until the projector's checkpoint — committed in the same transaction
// as the read models — covers its stream sequence. (i) runs it at rising rates.
import { loadavg } from 'node:os';
import type { LaunchedHub } from '../support/launched-hub.js';
import { BENCH_UNIT, benchSubmission } from '../support/payloads.js';
import { percentile, say } from '../support/measure.js';
import { jsonPoster } from '../support/http-post.js';
import { cpuSecondsByService } from '../support/process-cpu.js';

export interface LagOptions {
  hub: LaunchedHub;
  /** Names this run's aggregates (each run writes new ones). */
  run: string;
  /** Target events per second. */
  rate: number;
  seconds: number;
  /** Requests per second (the rate is split evenly into batches). */
  requestsPerSecond: number;
  /** Leading seconds not counted (services and JIT warming up). */
  warmUpSeconds: number;
}

export interface LagResult {
  achievedEventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  events: number;
  /** Requests not answered 201 (an overloaded hub's 503, a dropped connection). */
  refusedRequests: number;
  /** Submission round trip alone (HTTP answer with the stream sequence), to tell ingest from projection. */
  ingestP50Ms: number;
  ingestP99Ms: number;
  /**
   * CPU of each of the hub's processes per event stored, µs, from the first request until the projector covered
   * the last (`department` all department services, `department.<name>` each): what the load does not change.
   */
  cpuUsPerEvent: Record<string, number>;
  /** The 1-minute load average when the run ended. */
  loadAverage: number;
}

/** How often the checkpoint is read: the lag figures are exact to within this. */
const PROBE_MS = 5;

export async function endToEndLag(options: LagOptions): Promise<LagResult> {
  const log = say('lag');
  const { hub } = options;
  // Earlier work (another scenario's backlog) is projected first: it is not this run's lag.
  if (!(await waitForCheckpoint(hub, hub.highestSeq(), 120_000))) log('the projector is still behind after 120 s: this run starts with a backlog');
  const projected: { seq: number; at: number }[] = [];
  let probing = true;
  const probe = (async () => {
    let last = 0;
    while (probing) {
      const seq = await hub.checkpoint();
      if (seq > last) projected.push({ seq: (last = seq), at: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    }
  })();
  try {
    const perRequest = Math.max(1, Math.round(options.rate / options.requestsPerSecond));
    const intervalMs = (1000 * perRequest) / options.rate;
    const requests = Math.round((options.seconds * 1000) / intervalMs);
    const sent: { at: number; answeredAt: number; seqs: number[] }[] = [];
    const inFlight: Promise<void>[] = [];
    let refused = 0;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${hub.token(BENCH_UNIT)}` };
    // As many sockets as requests may be in flight: an overloaded hub's slow answers must not hold back the sending.
    const poster = jsonPoster(Number.POSITIVE_INFINITY);
    const cpuBefore = cpuSecondsByService(process.pid, true);
    const started = performance.now();
    let n = 0;
    for (let r = 0; r < requests; r += 1) {
      const due = started + r * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = Array.from({ length: perRequest }, () => benchSubmission(n++, options.run));
      const at = performance.now();
      inFlight.push(
        poster.post(`${hub.url}/api/v1/departments/samr/events`, headers, JSON.stringify(batch)).then(
          (response) => {
            const body = (response.body ?? {}) as { results?: { seq: number }[] };
            // An overloaded hub may refuse (503): counted, and a run with refusals has not kept up.
            if (response.status !== 201 || !body.results) {
              refused += 1;
              return;
            }
            const seqs = body.results.map((result) => result.seq);
            hub.sawSeq(Math.max(...seqs));
            sent.push({ at, answeredAt: performance.now(), seqs });
          },
          () => {
            refused += 1;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    poster.close();
    const sendSeconds = (performance.now() - started) / 1000;
    // Not Math.max(...seqs): a run of more than ~120k events overflows the call's argument list (RangeError).
    const lastSeq = sent.reduce((max, request) => request.seqs.reduce((m, seq) => Math.max(m, seq), max), 0);
    const drainDeadline = performance.now() + 120_000;
    while ((projected.at(-1)?.seq ?? 0) < lastSeq && performance.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const cpuAfter = cpuSecondsByService(process.pid, true);
    // Per event the hub stored: a refused request (429 under load) costs the gateway little and nothing after it.
    const stored = sent.reduce((sum, request) => sum + request.seqs.length, 0);
    const cpuUsPerEvent = Object.fromEntries(
      Object.entries(cpuAfter)
        .map(([service, spent]): [string, number] => [service, Number((((spent - (cpuBefore[service] ?? 0)) * 1e6) / Math.max(1, stored)).toFixed(1))])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const countFrom = started + options.warmUpSeconds * 1000;
    const lags: number[] = [];
    const ingest: number[] = [];
    for (const request of sent) {
      if (request.at < countFrom) continue;
      ingest.push(request.answeredAt - request.at);
      for (const seq of request.seqs) lags.push(projectedAt(projected, seq) - request.at);
    }
    lags.sort((a, b) => a - b);
    const neverProjected = lags.filter((lag) => !Number.isFinite(lag)).length;
    if (neverProjected > 0) log(`${neverProjected} events were not projected within 120 s of the last answer: counted as infinite lag`);
    ingest.sort((a, b) => a - b);
    const result = {
      achievedEventsPerSecond: Math.round(n / sendSeconds),
      p50Ms: Number(percentile(lags, 50).toFixed(1)),
      p99Ms: Number(percentile(lags, 99).toFixed(1)),
      maxMs: Number((lags.at(-1) ?? Number.NaN).toFixed(1)),
      events: lags.length,
      refusedRequests: refused,
      ingestP50Ms: Number(percentile(ingest, 50).toFixed(1)),
      ingestP99Ms: Number(percentile(ingest, 99).toFixed(1)),
      cpuUsPerEvent,
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
    };
    log(
      `${n} events (${refused} requests refused) at ${result.achievedEventsPerSecond} events/s in ${perRequest}-event requests: lag p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `max ${result.maxMs} ms (HTTP answer alone p50 ${result.ingestP50Ms} ms, p99 ${result.ingestP99Ms} ms); load ${result.loadAverage}`,
    );
    log(`hub CPU per event stored (${stored}), µs: ${Object.entries(cpuUsPerEvent).map(([service, us]) => `${service} ${us}`).join(', ')}`);
    return result;
  } finally {
    probing = false;
    await probe;
  }
}

/** Waits (bounded) until the projector's checkpoint reaches `seq`; says so when it does not. */
export async function waitForCheckpoint(hub: LaunchedHub, seq: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while ((await hub.checkpoint()) < seq) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** When the checkpoint was first seen at or past `seq` (the probe records it in sequence order). */
function projectedAt(projected: readonly { seq: number; at: number }[], seq: number): number {
  let low = 0;
  let high = projected.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((projected[mid]?.seq ?? 0) >= seq) high = mid;
    else low = mid + 1;
  }
  const hit = projected[low];
  // Not projected before the drain deadline: an unbounded lag, which fails any target.
  if (!hit || hit.seq < seq) return Number.POSITIVE_INFINITY;
  return hit.at;
}
