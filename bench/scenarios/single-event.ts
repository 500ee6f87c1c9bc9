// (h) Departmental systems sending one event per request, as most do: `clients` closed loops (each sends its
// next request when the last is answered) against the hub as `npm start` runs it, for `seconds`. Requests
// per second and the latency of each answer (sent → 201 with the stream sequence).
import { loadavg } from 'node:os';
import { reportingUnits } from '@hub/domain';
import type { LaunchedHub } from '../support/launched-hub.js';
import { BENCH_UNIT, benchSubmission } from '../support/payloads.js';
import { percentile, say } from '../support/measure.js';
import { cpuSecondsByService, ownCpuSeconds, syscallsByService } from '../support/process-cpu.js';
import { jsonPoster } from '../support/http-post.js';
import { PostgresProbe, type PostgresWindowReport } from '../support/postgres-probe.js';
import { describeMessagesPerRequest, messagesPerRequest, natsMessageSnapshot, type NatsMessageSnapshot, type NatsMessagesPerRequest } from '../support/nats-messages.js';

export interface SingleEventOptions {
  hub: LaunchedHub;
  clients: number;
  seconds: number;
  /** Leading seconds not counted (JIT, connection set-up). */
  warmUpSeconds: number;
  /** The bench's PostgreSQL server (maintenance URL): its CPU by client, and by statement with BENCH_PG_STATEMENTS. */
  postgresServerUrl?: string;
}

export interface SingleEventResult {
  clients: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  refusedRequests: number;
  /** CPU per answered request over the counted window, µs, by service (and `bench-client`: this process's requests). */
  cpuUsPerRequest: Record<string, number>;
  loadAverage: number;
  /** Where PostgreSQL's CPU went (when the scenario was given the server). */
  postgres?: PostgresWindowReport;
  /** Read and write system calls per answered request, by service (/proc/<pid>/io). */
  syscallsPerRequest?: { reads: Record<string, number>; writes: Record<string, number> };
  /** What nats-server moved per answered request, by connection. */
  natsMessages?: NatsMessagesPerRequest;
}

export async function singleEventRequests(options: SingleEventOptions): Promise<SingleEventResult> {
  const log = say('single-event');
  const { hub } = options;
  // Each client is one unit's system, round robin over samr's units: one token for all 32 would meet the gateway's
  // per-principal rate limit (HUB_RATE_PER_SECOND, 500/s) and measure the limiter, not the hub.
  const units = reportingUnits(2021).filter((unit) => unit.startsWith(`${BENCH_UNIT.split('/')[0]}/`));
  const headersOf = (client: number) => ({ 'content-type': 'application/json', authorization: `Bearer ${hub.token(units[client % units.length] ?? BENCH_UNIT)}` });
  const started = performance.now();
  const countFrom = started + options.warmUpSeconds * 1000;
  const end = countFrom + options.seconds * 1000;
  const latencies: number[] = [];
  let refused = 0;
  let n = 0;
  let answered = 0;
  // CPU is read at the window's edges, so warm-up (JIT, connections) is not charged to the requests.
  let cpuBefore: Record<string, number> | undefined;
  let syscallsBefore: ReturnType<typeof syscallsByService> | undefined;
  let syscallsAfter: ReturnType<typeof syscallsByService> | undefined;
  let natsBefore: Promise<NatsMessageSnapshot | undefined> = Promise.resolve(undefined);
  let natsAfter: Promise<NatsMessageSnapshot | undefined> = Promise.resolve(undefined);
  const natsSnapshot = (): Promise<NatsMessageSnapshot | undefined> => natsMessageSnapshot(hub.natsMonitorUrl).catch(() => undefined);
  const probe = options.postgresServerUrl === undefined ? undefined : await PostgresProbe.connect(options.postgresServerUrl);
  const cpuWindow = new Promise<Record<string, number>>((resolve) => {
    setTimeout(() => {
      cpuBefore = { ...cpuSecondsByService(process.pid, true), 'bench-client': ownCpuSeconds() };
      natsBefore = natsSnapshot();
      syscallsBefore = syscallsByService(process.pid, true);
      void probe?.start();
      setTimeout(() => {
        natsAfter = natsSnapshot();
        syscallsAfter = syscallsByService(process.pid, true);
        resolve({ ...cpuSecondsByService(process.pid, true), 'bench-client': ownCpuSeconds() });
      }, end - countFrom);
    }, countFrom - performance.now());
  });
  const poster = jsonPoster(options.clients);
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const headers = headersOf(client);
      while (performance.now() < end) {
        const body = JSON.stringify([benchSubmission(n++, 'ONE')]);
        const at = performance.now();
        const response = await poster.post(`${hub.url}/api/v1/departments/samr/events`, headers, body).catch(() => undefined);
        const done = performance.now();
        const seq = (response?.body as { results?: { seq: number }[] } | undefined)?.results?.[0]?.seq;
        if (response?.status !== 201 || seq === undefined) {
          if (at >= countFrom) refused += 1;
          continue;
        }
        hub.sawSeq(seq);
        if (done >= countFrom && done <= end) answered += 1;
        if (at >= countFrom && done <= end) latencies.push(done - at);
      }
    }),
  );
  poster.close();
  const cpuAfter = await cpuWindow;
  const [natsThen, natsNow] = await Promise.all([natsBefore, natsAfter]);
  const perRequest = (after: Record<string, number>, before: Record<string, number>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(after)
        .map(([service, count]): [string, number] => [service, Number(((count - (before[service] ?? 0)) / Math.max(1, answered)).toFixed(2))])
        .filter(([, count]) => count !== 0),
    );
  const syscallsPerRequest = syscallsBefore && syscallsAfter ? { reads: perRequest(syscallsAfter.reads, syscallsBefore.reads), writes: perRequest(syscallsAfter.writes, syscallsBefore.writes) } : undefined;
  const natsMessages = natsThen && natsNow ? messagesPerRequest(natsThen, natsNow, answered) : undefined;
  const postgres = await probe?.stop(answered);
  await probe?.close();
  const cpuUsPerRequest = Object.fromEntries(
    Object.entries(cpuAfter)
      .map(([service, spent]): [string, number] => [service, Math.round(((spent - (cpuBefore?.[service] ?? 0)) * 1e6) / Math.max(1, answered))])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  latencies.sort((a, b) => a - b);
  const result = {
    clients: options.clients,
    requestsPerSecond: Math.round(latencies.length / options.seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    requests: latencies.length,
    refusedRequests: refused,
    cpuUsPerRequest,
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
    ...(postgres ? { postgres } : {}),
    ...(natsMessages ? { natsMessages } : {}),
    ...(syscallsPerRequest ? { syscallsPerRequest } : {}),
  };
  log(`${options.clients} clients × 1-event requests for ${options.seconds} s: ${result.requestsPerSecond} requests/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${refused} refused); load ${result.loadAverage}`);
  log(`hub CPU per request answered in the window (${answered}), µs: ${Object.entries(cpuUsPerRequest).map(([service, us]) => `${service} ${us}`).join(', ')}`);
  if (syscallsPerRequest) {
    const describe = (counts: Record<string, number>): string => Object.entries(counts).map(([service, count]) => `${service} ${count}`).join(', ');
    log(`system calls per request answered (/proc/<pid>/io): writes ${describe(syscallsPerRequest.writes)}; reads ${describe(syscallsPerRequest.reads)}`);
  }
  if (natsMessages) log(`nats-server messages per request answered, by connection:\n${describeMessagesPerRequest(natsMessages).join('\n')}`);
  if (postgres) {
    log(`PostgreSQL CPU per request by client, µs: ${Object.entries(postgres.cpuUsByClient).map(([client, us]) => `${client} ${us}`).join(', ')}`);
    if (postgres.totalUs) log(`PostgreSQL statements per request, µs: planning ${postgres.totalUs.plan}, execution ${postgres.totalUs.exec}; the most costly:`);
    for (const s of postgres.statements) log(`  ${s.planUs} + ${s.execUs} µs/request, ${s.calls} calls, ${s.rows} rows: ${s.query}`);
  }
  return result;
}
