// The hub as `npm start` runs it — nats-server, every department service, the projector, coordination and
// the gateway each in its own process (launchHub, the launcher `npm start` uses) — with its own nats-server
// and store under a temp home and a scratch database of the bench's PostgreSQL server, never the machine's.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REPORTING_DEPARTMENTS, reportingUnits } from '@hub/domain';
import { createTestDatabase, freePort, launchHub, type Credentials, type LaunchOptions } from '@hub/runtime';

export interface LaunchedHub {
  url: string;
  /** nats-server's monitoring endpoint (messages per connection, bench/support/nats-messages.ts). */
  natsMonitorUrl: string;
  token(unit: string): string;
  /** The projector's committed position (its checkpoint row), 0 before the first batch. */
  checkpoint(): Promise<number>;
  /** The highest stream sequence an answer named so far (scenarios wait for the projector to reach it). */
  highestSeq(): number;
  sawSeq(seq: number): void;
  stop(): Promise<void>;
}

/** How the bench launches a hub: in `home`, on free ports, against the scratch database `databaseUrl`. */
export async function benchLaunchOptions(home: string, databaseUrl: string, departments: readonly string[] = REPORTING_DEPARTMENTS): Promise<LaunchOptions> {
  return { home, natsPort: await freePort(), natsMonitorPort: await freePort(), databaseUrl, pgPort: 0, host: '127.0.0.1', port: await freePort(), departments, units: reportingUnits(2021) };
}

/** `departments` defaults to all thirteen, as `npm start` runs them. */
export async function launchBenchHub(serverUrl: string, departments: readonly string[] = REPORTING_DEPARTMENTS): Promise<LaunchedHub> {
  const home = await mkdtemp(join(tmpdir(), 'hub-bench-home-'));
  const db = await createTestDatabase(serverUrl);
  const options = await benchLaunchOptions(home, db.url, departments);
  const hub = await launchHub(options);
  const credentials = JSON.parse(await readFile(hub.credentialsFile, 'utf8')) as Credentials;
  const client = new pg.Client({ connectionString: db.url, application_name: 'hub-bench-probe' });
  await client.connect();
  let highest = 0;
  return {
    highestSeq: () => highest,
    sawSeq: (seq) => {
      if (seq > highest) highest = seq;
    },
    url: hub.url,
    natsMonitorUrl: `http://127.0.0.1:${options.natsMonitorPort}`,
    token: (unit) => credentials.units[unit] ?? '',
    checkpoint: async () => {
      const { rows } = await client
        .query<{ last_seq: string }>("SELECT last_seq FROM projection.projector_checkpoint WHERE name = 'projector'")
        .catch(() => ({ rows: [] as { last_seq: string }[] }));
      return Number(rows[0]?.last_seq ?? 0);
    },
    stop: async () => {
      await client.end().catch(() => undefined);
      await hub.stop();
      await db.drop().catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}
