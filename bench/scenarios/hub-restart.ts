// (k) Issue 18 §1: the whole hub as `npm start` runs it (launchHub: nats-server, every department service, projector,
// coordination, gateway) holding `events` events, restarted: the time from launching again until every service
// said it is ready, and until GET /health/ready answers 200. Before the restart, once projector and coordination
// have caught up, what the hub stores per event: the stream's bytes and the PostgreSQL tables of the read models
// (schema projection) and of coordination (pg_total_relation_size: heap, indexes, TOAST) — the sizing figures.
// PostgreSQL is the bench's server and is not restarted (an operator's database outlives hub restarts).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { EVENT_STREAM } from '@hub/event-store';
import { createTestDatabase, launchHub, loadOrCreateNatsSecrets, natsClientOptions, type RunningHub } from '@hub/runtime';
import { publishFixtures } from '../../test/support/projector-harness.js';
import { mixedScenario } from '../../libs/persistence/src/testing/scenario.js';
import { benchLaunchOptions } from '../support/launched-hub.js';
import { say } from '../support/measure.js';
import { cpuSecondsByService, treeCpuSeconds } from '../support/process-cpu.js';

const log = say('hub-restart');
/** Generated and published a chunk at a time: a million fixtures at once would hold gigabytes. */
const CHUNK = 100_000;

export interface StorageFigures {
  events: number;
  /** Messages in the stream: the events, plus the joint events coordination concluded from them and every batch's seal. */
  streamMessages: number;
  /** The event stream's bytes (JetStream's count: subjects, headers, bodies) per event. */
  streamBytesPerEvent: number;
  /** Read models (schema projection) and coordination state (schema coordination), tables with their indexes, per event. */
  readModelBytesPerEvent: number;
  coordinationBytesPerEvent: number;
  /** The five largest tables, bytes per event. */
  largestTables: Record<string, number>;
}

export interface HubRestartResult {
  events: number;
  /**
   * CPU per event (µs) from the first publish until projector and coordination caught up, by service (the events
   * are published straight into the stream: departments and gateway idle), and PostgreSQL's when its pid is known.
   */
  catchUpCpuUsPerEvent: Record<string, number>;
  departments: number;
  fillS: number;
  catchUpS: number;
  stopS: number;
  /** Launching again until every service reported ready (what `npm start` prints as "hub is up"). */
  restartToReadyS: number;
  /** …and until GET /health/ready answered 200. */
  restartToHealthReadyS: number;
  storage: StorageFigures;
}

const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(2));

export async function hubRestart(options: { serverUrl: string; events: number; departments?: readonly string[]; postgresPid?: number }): Promise<HubRestartResult> {
  const home = await mkdtemp(join(tmpdir(), 'hub-bench-restart-'));
  const db = await createTestDatabase(options.serverUrl);
  const launch = await benchLaunchOptions(home, db.url, options.departments);
  const client = new pg.Client({ connectionString: db.url, application_name: 'hub-bench-probe' });
  let hub: RunningHub | undefined = await launchHub(launch);
  try {
    await client.connect();
    const { secrets } = await loadOrCreateNatsSecrets(join(home, 'nats-secrets.json'));
    const admin = await connect({ servers: `nats://127.0.0.1:${launch.natsPort}`, ...natsClientOptions(secrets, 'admin') });
    const lastSeq = async (): Promise<number> => (await (await jetstreamManager(admin)).streams.info(EVENT_STREAM)).state.last_seq;

    const cpu = (): Record<string, number> => ({ ...cpuSecondsByService(), ...(options.postgresPid ? { postgres: treeCpuSeconds(options.postgresPid) } : {}) });
    const cpuBefore = cpu();
    let started = performance.now();
    // From now on: the hub judges its procedure clocks against today, and a 2021 log would have every one run out
    // (coordination then spends its catch-up concluding overdue notices, which is not what a restart measures).
    const events = mixedScenario(options.events, { seed: 2021, ...(process.env.BENCH_RESTART_2021 === '1' ? {} : { from: Date.now() }) });
    for (let i = 0; i < events.length; i += CHUNK) {
      // A generous ack timeout: fifteen services consume beside the fill on two cores, and a late ack is no failure.
      await publishFixtures(jetstream(admin), events.slice(i, i + CHUNK), 2_000, 60_000);
      log(`published ${Math.min(i + CHUNK, events.length)} of ${options.events}`);
    }
    events.length = 0;
    const fillS = seconds(started);

    started = performance.now();
    await caughtUp(client, lastSeq);
    const catchUpS = seconds(started);
    const catchUpCpuUsPerEvent = Object.fromEntries(
      Object.entries(cpu()).map(([service, spent]) => [service, Number((((spent - (cpuBefore[service] ?? 0)) * 1e6) / options.events).toFixed(1))]),
    );
    log(`projector and coordination caught up ${catchUpS} s after the last publish; CPU per event (µs): ${JSON.stringify(catchUpCpuUsPerEvent)}`);
    const storage = await storageFigures(client, admin, options.events);
    await admin.close();

    started = performance.now();
    await hub.stop();
    hub = undefined;
    const stopS = seconds(started);
    started = performance.now();
    hub = await launchHub(launch);
    const restartToReadyS = seconds(started);
    await healthReady(hub.url);
    const restartToHealthReadyS = seconds(started);
    log(`restarted holding ${options.events} events: every service ready in ${restartToReadyS} s, /health/ready 200 in ${restartToHealthReadyS} s (target ≤ 60 s)`);
    return { events: options.events, catchUpCpuUsPerEvent, departments: launch.departments.length, fillS, catchUpS, stopS, restartToReadyS, restartToHealthReadyS, storage };
  } finally {
    await client.end().catch(() => undefined);
    await hub?.stop();
    await db.drop().catch(() => undefined);
    // The services' logs outlive the run (each says what its start-up spent its time on).
    await cp(join(home, 'logs'), join(tmpdir(), `hub-bench-restart-logs-${new Date().toISOString().replace(/[:.]/g, '-')}`), { recursive: true }).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * Until projector and coordination have committed everything in the stream (a bench polls; half a second apart);
 * fails naming both positions when neither moved for `stallS` seconds.
 */
async function caughtUp(client: pg.Client, lastSeq: () => Promise<number>, stallS = 120): Promise<void> {
  let last = '';
  let movedAt = performance.now();
  for (;;) {
    const { rows } = await client
      .query<{ projector: string | null; coordination: string | null }>(
        `SELECT (SELECT last_seq FROM projection.projector_checkpoint WHERE name = 'projector') AS projector,
                (SELECT last_seq FROM coordination.coordination_checkpoint WHERE name = 'coordination') AS coordination`,
      )
      .catch(() => ({ rows: [] as { projector: string | null; coordination: string | null }[] }));
    const end = await lastSeq();
    if (Number(rows[0]?.projector ?? 0) >= end && Number(rows[0]?.coordination ?? 0) >= end) return;
    const now = `projector at ${rows[0]?.projector ?? 0}, coordination at ${rows[0]?.coordination ?? 0} of ${end}`;
    if (now !== last) [last, movedAt] = [now, performance.now()];
    if (performance.now() - movedAt > stallS * 1000) throw new Error(`no progress for ${stallS} s: ${now}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function healthReady(url: string): Promise<void> {
  for (;;) {
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function storageFigures(client: pg.Client, admin: Awaited<ReturnType<typeof connect>>, events: number): Promise<StorageFigures> {
  const stream = (await (await jetstreamManager(admin)).streams.info(EVENT_STREAM)).state;
  const { rows } = await client.query<{ schema: string; table: string; bytes: string }>(
    `SELECT n.nspname AS schema, c.relname AS table, pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname IN ('projection', 'coordination')`,
  );
  const perEvent = (bytes: number): number => Math.round(bytes / events);
  const inSchema = (schema: string): number => rows.filter((r) => r.schema === schema).reduce((sum, r) => sum + Number(r.bytes), 0);
  const largest = [...rows].sort((a, b) => Number(b.bytes) - Number(a.bytes)).slice(0, 5);
  const figures: StorageFigures = {
    events,
    streamMessages: stream.messages,
    streamBytesPerEvent: perEvent(stream.bytes),
    readModelBytesPerEvent: perEvent(inSchema('projection')),
    coordinationBytesPerEvent: perEvent(inSchema('coordination')),
    largestTables: Object.fromEntries(largest.map((r) => [`${r.schema}.${r.table}`, perEvent(Number(r.bytes))])),
  };
  log(`stored per event: stream ${figures.streamBytesPerEvent} B (${stream.messages} messages, ${stream.bytes} B), read models ${figures.readModelBytesPerEvent} B, coordination ${figures.coordinationBytesPerEvent} B`);
  return figures;
}
