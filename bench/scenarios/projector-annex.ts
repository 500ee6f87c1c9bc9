// (e) Projector catch-up: a realistic mixed log (~500-byte events: leads with entities, referrals,
// cases through their lifecycle …) published straight to JetStream, then a fresh projector times its
// way from sequence 0 to the end into an empty database.
// (g) Annex query latency on that database: GET /api/v1/annex through the gateway over HTTP, mixed
// scopes (all, a region, a unit) and periods, with and without asOf, one request at a time.
import { writeFile } from 'node:fs/promises';
import { benchProjectorConfig } from '../support/bench-projector.js';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { reportingUnits } from '@hub/domain';
import { ensureAccessStream, ensureEventStream, EVENT_STREAM } from '@hub/event-store';
import { createTestDatabase, freePort, generateCredentials, inboxPrefixFor } from '@hub/runtime';
import { startTestNats } from '@hub/runtime/testing';
import { startGateway } from '../../apps/gateway/src/main.js';
import { startProjector } from '../../apps/projector/src/main.js';
import { publishFixtures } from '../../test/support/projector-harness.js';
import { mixedScenario } from '../../libs/persistence/src/testing/scenario.js';
import { cpuMeter, percentile, say, type CpuPerEvent } from '../support/measure.js';

export interface ProjectorAnnexOptions {
  serverUrl: string;
  events: number;
  batchSize: number;
  /** Annex requests timed (after a warm-up of a tenth as many). */
  queries: number;
  /** The PostgreSQL server's postmaster, to count its CPU (embedded server only). */
  postgresPid?: number;
}

export interface ProjectorAnnexResult {
  events: number;
  averageBytes: number;
  catchUpEventsPerSecond: number;
  catchUpCpu: CpuPerEvent;
  annexP50Ms: number;
  annexP99Ms: number;
  /** The same requests split: without asOf (the rollup; issue 3: p99 ≤ 20 ms) and with asOf (the exact path; issue 16 §4: p99 ≤ 50 ms). */
  annexRollupP99Ms: number;
  annexAsOfP99Ms: number;
}

export async function projectorAndAnnex(options: ProjectorAnnexOptions): Promise<ProjectorAnnexResult> {
  const log = say('projector');
  const nats = await startTestNats();
  const db = await createTestDatabase(options.serverUrl);
  const admin = await connect({ ...nats.connectOptions('admin'), noAsyncTraces: true });
  try {
    let started = performance.now();
    const events = mixedScenario(options.events, { seed: 2021, sign: false });
    const averageBytes = Math.round(events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.event)), 0) / events.length);
    log(`generated ${events.length} events (${averageBytes} bytes on average) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const jsm = await jetstreamManager(admin);
    await ensureEventStream(jsm);
    // The gateway (g) records every request in the access log, as the launched hub does: without its stream each
    // flush fails and is retried with every record since, a growing cost in the process that times the requests.
    await ensureAccessStream(jsm);
    started = performance.now();
    await publishFixtures(jetstream(admin), events, 2_000);
    log(`published to JetStream in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    events.length = 0; // let the fixtures go before the projector allocates

    // Done = every event committed and, in catch-up mode, the deferred indexes rebuilt.
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const threshold = 50_000;
    let committedAll = false;
    let indexesBack = options.events < threshold;
    const meter = cpuMeter({ nats: nats.pid, ...(options.postgresPid ? { postgres: options.postgresPid } : {}) });
    started = performance.now();
    const projector = await startProjector(
      benchProjectorConfig(nats, db.url, { batchSize: options.batchSize, catchUpThreshold: threshold }),
      {
        onBatch: (outcome) => {
          if (outcome.lastSeq >= options.events) committedAll = true;
          if (committedAll && indexesBack) resolveDone();
        },
        onCaughtUp: () => {
          indexesBack = true;
          if (committedAll) resolveDone();
        },
      },
    );
    await done;
    const seconds = (performance.now() - started) / 1000;
    const catchUpCpu = meter(options.events);
    await projector.close();
    const catchUpEventsPerSecond = Math.round(options.events / seconds);
    log(
      `caught up ${options.events} events in ${seconds.toFixed(1)} s = ${catchUpEventsPerSecond} events/s (start-up and index rebuild included); ` +
        `CPU per event: node ${catchUpCpu.nodeUs} µs, nats-server ${catchUpCpu.natsUs} µs, PostgreSQL ${catchUpCpu.postgresUs} µs → ≈ ${catchUpCpu.idleBoundEventsPerSecond} events/s on an idle machine`);

    const latencies = await annexLatencies(nats.url, nats.secrets.users.gateway.seed, db.url, nats.dir, options.queries);
    const p = (list: number[], at: number): number => Number(percentile(list, at).toFixed(1));
    const annexP50Ms = p(latencies.all, 50);
    const annexP99Ms = p(latencies.all, 99);
    log(`annex over HTTP with ${options.events} events stored: p50 ${annexP50Ms} ms, p99 ${annexP99Ms} ms (${latencies.all.length} requests)`);
    return {
      events: options.events,
      averageBytes,
      catchUpEventsPerSecond,
      catchUpCpu,
      annexP50Ms,
      annexP99Ms,
      annexRollupP99Ms: p(latencies.rollup, 99),
      annexAsOfP99Ms: p(latencies.asOf, 99),
    };
  } finally {
    await admin.drain().catch(() => undefined);
    await nats.cleanup();
    await db.drop().catch(() => undefined);
  }
}

/** Sorted latencies (ms) of `count` annex requests cycling through scopes, periods and asOf: all, and by path. */
async function annexLatencies(
  natsUrl: string,
  gatewaySeed: string,
  databaseUrl: string,
  dir: string,
  count: number,
): Promise<{ all: number[]; rollup: number[]; asOf: number[] }> {
  const credentials = generateCredentials(reportingUnits(2021));
  const credentialsFile = join(dir, 'bench-credentials.json');
  await writeFile(credentialsFile, JSON.stringify(credentials));
  const port = await freePort();
  const gateway = await startGateway({
    host: '127.0.0.1',
    port,
    natsUrl,
    natsSeed: gatewaySeed,
    inboxPrefix: inboxPrefixFor('gateway'),
    credentialsFile,
    databaseUrl,
    stream: EVENT_STREAM,
    maxBatch: 10_000,
    maxBodyBytes: 64 * 1024 * 1024,
    intakeTimeoutMs: 30_000,
  });
  const queries = [
    'scope=all',
    'scope=all&from=2021-09-01&to=2021-12-05',
    'scope=region:653100',
    'scope=region:650100&from=2021-10-01&to=2021-10-31',
    'scope=unit:samr/653100',
    'scope=unit:police/650100&from=2021-09-01&to=2021-12-05',
    'scope=all&asOf=2021-11-15T18:00:00%2B08:00',
    'scope=region:652900&asOf=2021-10-20T12:00:00Z',
  ];
  try {
    const timed: number[] = [];
    const byKind = { rollup: [] as number[], asOf: [] as number[] };
    const warmUp = Math.max(8, Math.floor(count / 10));
    for (let i = 0; i < warmUp + count; i += 1) {
      const query = queries[i % queries.length] as string;
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/annex?${query}`, { headers: { authorization: `Bearer ${credentials.coordinator}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`annex ${query}: HTTP ${response.status}`);
      if (i >= warmUp) {
        const ms = performance.now() - started;
        timed.push(ms);
        byKind[query.includes('asOf') ? 'asOf' : 'rollup'].push(ms);
      }
    }
    // Without asOf the annex reads the rollup; with asOf the contributions (recorded_at): shown apart.
    for (const [kind, list] of Object.entries(byKind)) {
      list.sort((a, b) => a - b);
      if (list.length > 0) say('projector')(`annex ${kind === 'asOf' ? 'with asOf (exact path)' : 'without asOf'}: p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms (${list.length} requests)`);
    }
    return { all: timed.sort((a, b) => a - b), ...byKind };
  } finally {
    await gateway.close();
  }
}
