// (f) End-to-end lag at a steady rate: HTTP submissions on a fixed schedule (open loop: a slow answer
// does not slow the sender), each event timed from the moment its request was sent until the
// projector's transaction holding its stream sequence committed — when the read models show it.
import { TestHub } from '../../test/support/test-hub.js';
import { BENCH_UNIT, benchSubmission } from '../support/payloads.js';
import { percentile, say } from '../support/measure.js';

export interface LagOptions {
  /** Target events per second. */
  rate: number;
  seconds: number;
  /** Requests per second (the rate is split evenly into batches). */
  requestsPerSecond: number;
  /** Leading seconds not counted (projector and JIT warming up). */
  warmUpSeconds: number;
}

export interface LagResult {
  achievedEventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  events: number;
  /** Submission round trip alone (HTTP answer with the stream sequence), to tell ingest from projection. */
  ingestP50Ms: number;
  ingestP99Ms: number;
}

export async function endToEndLag(options: LagOptions): Promise<LagResult> {
  const log = say('lag');
  const projected: { seq: number; at: number }[] = [];
  let waiting: { seq: number; resolve: () => void } | undefined;
  const onProjected = (seq: number): void => {
    projected.push({ seq, at: performance.now() });
    if (waiting && seq >= waiting.seq) waiting.resolve();
  };
  const hub = await TestHub.start({ departments: ['samr'], projector: true, onProjected });
  try {
    const perRequest = Math.max(1, Math.round(options.rate / options.requestsPerSecond));
    const intervalMs = (1000 * perRequest) / options.rate;
    const requests = Math.round((options.seconds * 1000) / intervalMs);
    const sent: { at: number; answeredAt: number; seqs: number[] }[] = [];
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    let n = 0;
    for (let r = 0; r < requests; r += 1) {
      const due = started + r * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = Array.from({ length: perRequest }, () => benchSubmission(n++, 'LAG'));
      const at = performance.now();
      inFlight.push(
        hub.submit('samr', batch, { unit: BENCH_UNIT }).then((response) => {
          if (response.status !== 201) throw new Error(`lag: HTTP ${response.status}`);
          sent.push({ at, answeredAt: performance.now(), seqs: response.body.results.map((result) => result.seq) });
        }),
      );
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - started) / 1000;
    const lastSeq = Math.max(0, ...sent.flatMap((request) => request.seqs));
    if ((projected.at(-1)?.seq ?? 0) < lastSeq) await new Promise<void>((resolve) => (waiting = { seq: lastSeq, resolve }));
    const countFrom = started + options.warmUpSeconds * 1000;
    const lags: number[] = [];
    const ingest: number[] = [];
    for (const request of sent) {
      if (request.at < countFrom) continue;
      ingest.push(request.answeredAt - request.at);
      for (const seq of request.seqs) lags.push(projectedAt(projected, seq) - request.at);
    }
    lags.sort((a, b) => a - b);
    ingest.sort((a, b) => a - b);
    const result = {
      achievedEventsPerSecond: Math.round(n / sendSeconds),
      p50Ms: Number(percentile(lags, 50).toFixed(1)),
      p99Ms: Number(percentile(lags, 99).toFixed(1)),
      maxMs: Number((lags.at(-1) ?? Number.NaN).toFixed(1)),
      events: lags.length,
      ingestP50Ms: Number(percentile(ingest, 50).toFixed(1)),
      ingestP99Ms: Number(percentile(ingest, 99).toFixed(1)),
    };
    log(`${n} events at ${result.achievedEventsPerSecond} events/s in ${perRequest}-event requests: lag p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms (HTTP answer alone p50 ${result.ingestP50Ms} ms, p99 ${result.ingestP99Ms} ms)`);
    return result;
  } finally {
    await hub.stop();
  }
}

/** When the first batch whose last sequence covers `seq` committed (batches arrive in sequence order). */
function projectedAt(projected: readonly { seq: number; at: number }[], seq: number): number {
  let low = 0;
  let high = projected.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((projected[mid]?.seq ?? 0) >= seq) high = mid;
    else low = mid + 1;
  }
  const hit = projected[low];
  if (!hit || hit.seq < seq) throw new Error(`seq ${seq} was never projected`);
  return hit.at;
}
