// A 3-node nats-server cluster on loopback with the R3 event stream: kill -9 the stream's leader while a
// department service ingests. Ingest goes on after the election, and every acknowledged event is stored
// exactly once on the surviving nodes (retries of the unacknowledged ones, same ids, store them once).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { INestMicroservice } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_QUOTA_SETTINGS, HubError } from '@hub/domain';
import { EVENT_STREAM, eventStreamConfig, natsConnectionOptions } from '@hub/event-store';
import { generateNatsSecrets, generateSigningSeeds, inboxPrefixFor, natsClientOptions, startLoopbackCluster, type RunningNats } from '@hub/runtime';
import { startDepartmentService } from '../../apps/department/src/main.js';
import { IntakeClient } from '../../apps/gateway/src/events/intake.client.js';
import type { GatewayConfig } from '../../apps/gateway/src/gateway.config.js';
import { IngestDriver } from './support/ingest-driver.js';
import { lostOrDoubled, storedIds, untilAnswered } from './support/stream-contents.js';

describe('stream leader of a 3-node cluster killed (-9) during ingest', () => {
  const servers: RunningNats[] = [];
  const connections: NatsConnection[] = [];
  let department: INestMicroservice | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    await department?.close();
    for (const nc of connections) await nc.close().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given R3 ingest, when the leader dies, then ingest continues after the election and no acknowledged event is lost', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-fault-cluster-'));
    const secrets = generateNatsSecrets();
    const nodes = await startLoopbackCluster(dir, secrets, servers);
    await Promise.all(servers.map((s) => s.waitForLog(/metadata leader/, 60_000))); // elections run late on a loaded machine
    const urls = servers.map((s) => s.url);

    const admin = await connect({ servers: urls, ...natsClientOptions(secrets, 'admin') });
    connections.push(admin);
    const created = await (await jetstreamManager(admin)).streams.add(eventStreamConfig({ replicas: 3 }));
    const leader = nodes.findIndex((node) => node.name === created.cluster?.leader);
    expect(leader).toBeGreaterThanOrEqual(0);
    const survivors = urls.filter((_, i) => i !== leader);

    // The department service and the gateway's intake client on the nodes that survive.
    department = await startDepartmentService({
      department: 'samr',
      natsUrl: survivors[0] ?? '',
      natsSeed: secrets.users['dept:samr'].seed,
      inboxPrefix: inboxPrefixFor('dept:samr'),
      signingSeed: generateSigningSeeds(['samr']).samr ?? '',
      stream: EVENT_STREAM,
      maxBatch: 10_000,
      shutdownGraceMs: 0,
      quotas: DEFAULT_QUOTA_SETTINGS,
    });
    const gateway = await connect(natsConnectionOptions({ url: survivors[1] ?? '', seed: secrets.users.gateway.seed, inboxPrefix: inboxPrefixFor('gateway'), name: 'fault-gateway' }));
    connections.push(gateway);
    const intake = new IntakeClient(gateway, { intakeTimeoutMs: 60_000 } as GatewayConfig);
    const driver = new IngestDriver(async (batch) => {
      try {
        const reply = await intake.submit('samr', { unit: 'samr/653100', events: batch });
        return reply.ok ? reply.results : undefined;
      } catch (error) {
        if (error instanceof HubError) return undefined; // 503: retried with the same ids
        throw error;
      }
    }, 'CL');
    driver.start(3);
    await driver.acknowledged(1_000);

    await servers[leader]?.kill();
    const ackedAtKill = driver.acked.size;
    await driver.acknowledged(ackedAtKill + 1_000);
    await driver.stop();
    await driver.settle();

    const reader = await connect({ servers: survivors, ...natsClientOptions(secrets, 'admin') });
    connections.push(reader);
    const info = await (await jetstreamManager(reader)).streams.info(EVENT_STREAM);
    expect(info.cluster?.leader).not.toBe(created.cluster?.leader);
    const stored = await untilAnswered(() => storedIds(reader));
    expect(lostOrDoubled(driver.acked, stored)).toEqual([]);
    expect(stored.size).toBe(driver.acked.size);
  }, 300_000);
});

