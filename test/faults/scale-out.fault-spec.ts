// Issue 18 §2: the combined scale-out drill. On loopback: a 3-node NATS cluster with the R3 streams, two gateways,
// two instances each of the samr and police department services, projector and coordination with a standby
// each. Clients of both departments spread over both gateways ingest without pause (and move to the other
// gateway when theirs is gone, retrying unacknowledged events with the same ids). One after another, kill -9:
// a gateway, a department instance, the active projector, the active coordination, the stream leader's node.
// Then every acknowledged event is stored exactly once, no joint event is there twice, and the read models
// equal a fresh rebuild. The time each takeover took is logged.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from '@jest/globals';
import { campaignContributions, readModelClientConfig, sqlOf, type Sql } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { EVENT_STREAM } from '@hub/event-store';
import { jetstreamManager } from '@nats-io/jetstream';
import { rebuildReadModels } from '../../apps/projector/src/rebuild/rebuild.js';
import { outboxPendingCountSql } from '../../apps/coordination/src/persistence/index.js';
import { leadReported } from '../support/events.js';
import { jointEvents } from '../support/coordination-snapshot.js';
import { readModelSnapshot } from '../support/read-model-snapshot.js';
import { failoverSubmit, type Acknowledged } from './support/failover-client.js';
import { IngestDriver, type MakeEvent } from './support/ingest-driver.js';
import { killProcess, waitUntil } from './support/processes.js';
import { ScaleOutHub, type HubProcess } from './support/scale-out-hub.js';
import { lostOrDoubled, storedIds, untilAnswered } from './support/stream-contents.js';

const DEPARTMENTS = ['samr', 'police'];
/** How long a gateway waits for a department's answer: a request taken by a killed instance fails after this. */
const INTAKE_TIMEOUT_MS = 5_000;
/** Events acknowledged between two faults (ingest is shown to go on before the next one). */
const BETWEEN_FAULTS = 300;
const TAKEOVER_LIMIT_MS = 5_000;
/** Clients send batches of this size at this pace (events per second each; four clients in all). */
const BATCH = 20;
const RATE_PER_CLIENT = 60;

/** Leads sharing one phone per number: samr's nth and police's nth lead form a cross-department cluster (a joint event). */
const pairedLead: MakeEvent = (run, n) =>
  leadReported(`${run}-${n}`, {
    data: { category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary: '网店销售假冒运动鞋', entities: [{ kind: 'phone', value: `139${String(n).padStart(8, '0')}` }] },
  });

describe('scale-out drill: two of everything, kill -9 one of each during ingest', () => {
  let hub: ScaleOutHub | undefined;
  let fresh: TestDatabase | undefined;
  const clients: pg.Client[] = [];

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await hub?.stop();
    await fresh?.drop();
  });

  const sqlOn = async (url: string, schema: string): Promise<Sql> => {
    const client = new pg.Client(readModelClientConfig(url, schema, 'hub-test'));
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return sqlOf(client);
  };

  const waitsForLease = (standby: HubProcess, lease: string): Promise<void> =>
    waitUntil(`${standby.name} waits for the ${lease} lease`, async () => (await readLog(standby)).includes(`standby: another instance holds the ${lease} lease`), 120_000, 50);

  it('given ingest through both gateways, when a gateway, a department instance, the active projector, the active coordination and the stream leader are killed in turn, then every acknowledged event is stored once, no joint event twice, and the read models equal a rebuild', async () => {
    const started = await ScaleOutHub.start(DEPARTMENTS);
    hub = started;
    // The actives first (the projector migrates the database), then their standbys, then the rest.
    const projector = started.projector('projector-a', 0);
    await projector.ready;
    const coordination = started.coordination('coordination-a', 1);
    await coordination.ready;
    const projectorStandby = started.projector('projector-b', 2);
    const coordinationStandby = started.coordination('coordination-b', 2);
    const departments = [started.department('samr', 'one', 0), started.department('samr', 'two', 1), started.department('police', 'one', 2), started.department('police', 'two', 0)];
    const gateways = [await started.gateway('gateway-a', 1, INTAKE_TIMEOUT_MS), await started.gateway('gateway-b', 2, INTAKE_TIMEOUT_MS)];
    await Promise.all([...departments, ...gateways].map((p) => p.ready));
    await waitsForLease(projectorStandby, 'projector');
    await waitsForLease(coordinationStandby, 'coordination');

    const acks: Acknowledged[] = [];
    const driverOf = (department: string): IngestDriver =>
      new IngestDriver(failoverSubmit(gateways.map((g) => g.url), department, started.credentials.units[`${department}/653100`] ?? '', (ack) => acks.push(ack)), `SO-${department}`, BATCH, pairedLead, RATE_PER_CLIENT);
    const drivers = DEPARTMENTS.map(driverOf);
    const ackedTotal = (): number => drivers.reduce((sum, d) => sum + d.acked.size, 0);
    const ingestGoesOn = async (): Promise<void> => {
      const target = ackedTotal() + BETWEEN_FAULTS;
      await waitUntil(`${target} events acknowledged`, () => Promise.resolve(ackedTotal() >= target), 120_000);
    };
    /** From the kill until every event unacknowledged at that moment is acknowledged: the outage the clients saw. */
    const clientsWhole = async (killedAt: number): Promise<number> => {
      const pending = drivers.flatMap((driver) => [...driver.unacked.keys()].map((id) => ({ driver, id })));
      await waitUntil('the events unacknowledged at the kill are acknowledged', () => Promise.resolve(pending.every(({ driver, id }) => driver.acked.has(id))), 120_000, 10);
      return Date.now() - killedAt;
    };
    const takeovers: Record<string, Record<string, number>> = {};

    for (const driver of drivers) driver.start(2); // client 0 on gateway-a, client 1 on gateway-b
    await ingestGoesOn();

    // 1. A gateway: its clients move to the other one.
    let killedAt = Date.now();
    await killProcess(first(gateways).child);
    await waitUntil('a client of the killed gateway is served by the other one', () => Promise.resolve(acks.some((a) => a.at > killedAt && a.client === 0 && a.gateway === 1)), 60_000, 10);
    const failedOver = Math.max(...acks.filter((a) => a.client === 0 && a.gateway === 1).map((a) => a.at)) - killedAt;
    takeovers['gateway'] = { firstAckThroughOtherGatewayMs: failedOver, clientsWholeMs: await clientsWhole(killedAt) };
    await ingestGoesOn();

    // 2. A department instance: the other one of its queue group takes every request; the ones the dead one held time out at the gateway and are retried.
    killedAt = Date.now();
    await killProcess(first(departments).child);
    takeovers['department'] = { clientsWholeMs: await clientsWhole(killedAt) };
    await ingestGoesOn();

    // 3. The active projector: the standby takes the lease over.
    killedAt = Date.now();
    await killProcess(projector.child);
    takeovers['projector'] = { standbyReadyMs: (await projectorStandby.ready) - killedAt };
    await ingestGoesOn();

    // 4. The active coordination service: likewise.
    killedAt = Date.now();
    await killProcess(coordination.child);
    takeovers['coordination'] = { standbyReadyMs: (await coordinationStandby.ready) - killedAt };
    await ingestGoesOn();

    // 5. The node leading the event stream: the other two elect a leader, clients connected to it reconnect.
    const leader = await started.streamLeader();
    expect(leader).toBeGreaterThanOrEqual(0);
    killedAt = Date.now();
    await started.servers[leader]?.kill();
    await waitUntil('the stream has a new leader', async () => {
      const now = await started.streamLeader().catch(() => -1);
      return now >= 0 && now !== leader;
    }, 60_000, 50);
    const elected = Date.now() - killedAt;
    takeovers['streamLeader'] = { electedMs: elected, clientsWholeMs: await clientsWhole(killedAt) };
    await ingestGoesOn();

    for (const driver of drivers) await driver.stop();
    for (const driver of drivers) await driver.settle();
    console.log(`scale-out drill takeovers (ms after kill -9): ${JSON.stringify(takeovers)}; ${ackedTotal()} events acknowledged, ${drivers.reduce((n, d) => n + d.failedAttempts, 0)} failed attempts retried`);
    expect(takeovers['projector']?.['standbyReadyMs']).toBeLessThan(TAKEOVER_LIMIT_MS);
    expect(takeovers['coordination']?.['standbyReadyMs']).toBeLessThan(TAKEOVER_LIMIT_MS);

    // Every acknowledged event once, at the sequence it was acknowledged with; nothing else but joint events.
    const acked = new Map(drivers.flatMap((driver) => [...driver.acked]));
    const stored = await untilAnswered(() => storedIds(started.admin));
    const joint = await untilAnswered(() => jointEvents(started.admin));
    for (const event of joint) stored.delete(event.id);
    expect(lostOrDoubled(acked, stored)).toEqual([]);
    expect(stored.size).toBe(acked.size);
    // Joint events came of the paired leads, each once (a standby resuming the killed one's batch decides again, same ids).
    expect(joint.some((event) => event.type === 'cluster.formed')).toBe(true);
    expect(new Set(joint.map((event) => event.id)).size).toBe(joint.length);
    expect(new Set(joint.map((event) => `${event.subject}@${event.version}`)).size).toBe(joint.length);

    // The surviving projector and coordination catch up; the read models then equal a fresh rebuild.
    const coordinationSql = await sqlOn(started.db.url, 'coordination');
    const projectionSql = await sqlOn(started.db.url, 'projection');
    const lastSeq = async (): Promise<number> => (await (await jetstreamManager(started.admin)).streams.info(EVENT_STREAM)).state.last_seq;
    let seen = '';
    await waitUntil('coordination caught up and published its outbox', async () => {
      const [row] = await coordinationSql.query<{ last_seq: string | null; pending: number }>(
        `SELECT (SELECT last_seq FROM coordination_checkpoint WHERE name = 'coordination') AS last_seq, ${outboxPendingCountSql()}::int AS pending`,
      );
      const end = await lastSeq();
      seen = `checkpoint ${row?.last_seq ?? 0} of ${end}, ${row?.pending ?? '?'} joint events unpublished`;
      return Number(row?.last_seq ?? 0) >= end && row?.pending === 0;
    }, 180_000, 100).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}: ${seen}`);
    });
    const end = await lastSeq();
    await waitUntil(`the projector reached seq ${end}`, async () => {
      const [row] = await projectionSql.query<{ last_seq: string }>("SELECT last_seq FROM projector_checkpoint WHERE name = 'projector'");
      return Number(row?.last_seq ?? 0) >= end;
    }, 180_000, 100);
    fresh = await createTestDatabase();
    await rebuildReadModels({ nc: started.admin, databaseUrl: fresh.url, stream: EVENT_STREAM, contributionsOf: campaignContributions(), batchSize: 2_000 });
    expect(await readModelSnapshot(projectionSql)).toEqual(await readModelSnapshot(await sqlOn(fresh.url, 'projection')));
  }, 600_000);
});

function readLog(process: HubProcess): Promise<string> {
  return readFile(process.log, 'utf8').catch(() => '');
}

function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('no item');
  return item;
}
