// nats-server lifecycle: event-driven readiness, graceful stop and crash keep the JetStream store,
// startup failures explain themselves, and the production cluster layout forms an R3 cluster.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { EVENT_STREAM, ensureEventStream, eventStreamConfig } from '@hub/event-store';
import {
  NatsServerNotFoundError,
  NatsServerStartError,
  findNatsServer,
  freePort,
  generateNatsSecrets,
  natsClientOptions,
  readNatsSecrets,
  startLocalNats,
  startNatsServer,
  startLoopbackCluster,
  type RunningNats,
} from './index.js';
import { startTestNats, type TestNats } from './testing.js';

async function withConnection<T>(servers: string | string[], nc: Omit<Parameters<typeof connect>[0], 'servers'>, fn: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const conn = await connect({ ...nc, servers });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

describe('findNatsServer', () => {
  it('finds the binary', () => {
    expect(findNatsServer()).toMatch(/nats-server$/);
  });

  it('says how to install it when it is missing', () => {
    expect(() => findNatsServer({ NATS_SERVER_BIN: '/nonexistent/nats-server' })).toThrow(NatsServerNotFoundError);
    expect(() => findNatsServer({ NATS_SERVER_BIN: '/nonexistent/nats-server' })).toThrow(/apt-get install -y nats-server/);
  });
});

describe('a single node', () => {
  let nats: TestNats;
  const restarted: RunningNats[] = [];

  beforeAll(async () => {
    nats = await startTestNats();
  });

  afterAll(async () => {
    for (const server of restarted) await server.stop();
    await nats?.cleanup();
  });

  it('runs on its own loopback port and logs to its own file', async () => {
    expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
    expect(nats.port).not.toBe(4222);
    expect(nats.pid).toBeGreaterThan(0);
    expect(await readFile(nats.logFile, 'utf8')).toContain('Server is ready');
    expect(await readFile(nats.configFile, 'utf8')).toContain(`store_dir: ${JSON.stringify(nats.storeDir)}`);
  });

  it('keeps the stream across a graceful stop and a crash', async () => {
    const admin = natsClientOptions(nats.secrets, 'admin');
    await withConnection(nats.url, admin, async (nc) => {
      await (await jetstreamManager(nc)).streams.add(eventStreamConfig());
      const js = jetstream(nc);
      for (const id of ['L1', 'L2', 'L3']) await js.publish(`hub.evt.samr.653100.lead.${id}`, id, { msgID: id });
    });

    await nats.stop();
    // nats-server shuts down cleanly on SIGTERM (2.9 then exits with code 1, SIGINT with 0).
    expect((await nats.exited).signal).toBeNull();
    await expect(nats.waitForLog(/Server Exiting/)).resolves.toMatch(/Server Exiting/);
    const second = await startNatsServer({ configFile: nats.configFile, logFile: nats.logFile, unref: true });
    restarted.push(second);
    await withConnection(second.url, admin, async (nc) => {
      expect((await (await jetstreamManager(nc)).streams.info(EVENT_STREAM)).state.messages).toBe(3);
    });

    await second.kill();
    expect(await second.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const third = await startNatsServer({ configFile: nats.configFile, logFile: nats.logFile, unref: true });
    restarted.push(third);
    await withConnection(third.url, admin, async (nc) => {
      const info = await (await jetstreamManager(nc)).streams.info(EVENT_STREAM);
      expect(info.state).toMatchObject({ messages: 3, last_seq: 3 });
    });
  });

  it('fails fast, with the log tail, when the port is taken', async () => {
    const live = restarted.at(-1);
    if (live === undefined) throw new Error('no running server');
    const configFile = join(nats.dir, 'clash.conf');
    await writeFile(configFile, `host: "127.0.0.1"\nport: ${live.port}\n`);
    const err = await startNatsServer({ configFile, storeDir: join(nats.dir, 'clash'), unref: true }).then(
      () => new Error('second server on the same port started'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NatsServerStartError);
    expect((err as NatsServerStartError).message).toMatch(/exited during startup/);
    expect((err as NatsServerStartError).logTail).toMatch(/address already in use/);
  });
});

describe('startup failures', () => {
  it('reports an invalid config with the server’s own message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hub-nats-bad-'));
    try {
      const configFile = join(dir, 'nats.conf');
      await writeFile(configFile, `port: ${await freePort()}\njetstream { store_dir: "${dir}", no_such_field: 1 }\n`);
      const err = await startNatsServer({ configFile, unref: true }).then(
        () => new Error('started'),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NatsServerStartError);
      expect((err as Error).message).toMatch(/unknown field "no_such_field"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('startLocalNats (the launcher’s layout under .hub/)', () => {
  it('generates seeds once, regenerates the config and keeps the store across restarts', async () => {
    const hubDir = await mkdtemp(join(tmpdir(), 'hub-home-'));
    try {
      const port = await freePort();
      const first = await startLocalNats({ hubDir, port });
      try {
        expect(first.secretsCreated).toBe(true);
        expect(first.secretsFile).toBe(join(hubDir, 'nats-secrets.json'));
        expect(first.configFile).toBe(join(hubDir, 'nats', 'nats.conf'));
        const config = await readFile(first.configFile, 'utf8');
        expect(config).toContain(first.secrets.users['dept:samr'].publicKey);
        expect(config).not.toContain(first.secrets.users['dept:samr'].seed);
        await withConnection(first.url, natsClientOptions(first.secrets, 'admin'), async (nc) => {
          const jsm = await jetstreamManager(nc);
          expect((await ensureEventStream(jsm)).config.name).toBe(EVENT_STREAM);
          await jetstream(nc).publish('hub.evt.samr.653100.lead.L1', '{}');
        });
      } finally {
        await first.stop();
      }
      const second = await startLocalNats({ hubDir, port });
      try {
        expect(second.secretsCreated).toBe(false);
        expect(await readNatsSecrets(second.secretsFile)).toEqual(first.secrets);
        await withConnection(second.url, natsClientOptions(second.secrets, 'dept:samr'), async (nc) => {
          const info = await ensureEventStream(await jetstreamManager(nc));
          expect(info.state.messages).toBe(1);
        });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(hubDir, { recursive: true, force: true });
    }
  });
});

describe('the production cluster layout', () => {
  const servers: RunningNats[] = [];
  let dir: string;

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('forms a 3-node JetStream cluster with an R3 HUB_EVENTS stream and the same permissions', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-nats-cluster-'));
    const secrets = generateNatsSecrets();
    const nodes = await startLoopbackCluster(dir, secrets, servers);
    // Known position instead of a sleep: every node has seen the JetStream metadata leader.
    await Promise.all(servers.map((s) => s.waitForLog(/metadata leader/, 60_000))); // elections run late on a loaded machine

    const urls = servers.map((s) => s.url);
    const info = await withConnection(urls, natsClientOptions(secrets, 'admin'), async (nc) =>
      (await jetstreamManager(nc)).streams.add(eventStreamConfig({ replicas: 3 })),
    );
    expect(info.config.num_replicas).toBe(3);
    const leader = info.cluster?.leader;
    expect(nodes.map((n) => n.name)).toContain(leader);

    // Lose a follower: the stream keeps its quorum and accepts appends.
    const followerIndex = nodes.findIndex((n) => n.name !== leader);
    await servers[followerIndex]?.stop();
    const live = urls.filter((_, i) => i !== followerIndex);
    await withConnection(live, natsClientOptions(secrets, 'dept:samr'), async (nc) => {
      const ack = await jetstream(nc).publish('hub.evt.samr.653100.lead.L1', '{}');
      expect(ack).toMatchObject({ stream: EVENT_STREAM, seq: 1 });
      await expect(jetstream(nc).publish('hub.evt.police.650100.lead.L1', '{}')).rejects.toThrow(
        'Permissions Violation for Publish to "hub.evt.police.650100.lead.L1"',
      );
    });
  }, 30_000);
});
