import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { connectNats } from './nats-connection.js';

/**
 * A loopback port in front of the test server whose first `stalled` connections are accepted and then left
 * silent (no INFO ever comes), as a stalled handshake looks to the client; later ones are piped to the server.
 */
async function stallingProxy(target: URL, stalled: number): Promise<{ url: string; accepted: () => number; close: () => Promise<void> }> {
  const held: Socket[] = [];
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    if (accepted <= stalled) {
      held.push(socket);
      return;
    }
    const upstream = tcpConnect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `nats://127.0.0.1:${address.port}`,
    accepted: () => accepted,
    close: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('connectNats: a service waits out a stalled or refused dial', () => {
  let nats: TestNats;

  beforeAll(async () => {
    nats = await startTestNats();
  });

  afterAll(async () => {
    await nats?.cleanup();
  });

  it('given a first dial whose handshake never comes, when connecting, then it dials again and connects', async () => {
    const proxy = await stallingProxy(new URL(nats.url), 1);
    const logged: string[] = [];
    try {
      const nc = await connectNats({ url: proxy.url, seed: nats.secrets.users.admin.seed, name: 'stall-probe' }, { dialTimeoutMs: 1_000, deadlineMs: 30_000, log: (m) => logged.push(m) });
      await nc.flush();
      await nc.close();
      expect(proxy.accepted()).toBe(2);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/NATS dial 1 .* failed/);
    } finally {
      await proxy.close();
    }
  });

  it('given a server that never answers, when the deadline passes, then the last dial error is thrown', async () => {
    const proxy = await stallingProxy(new URL(nats.url), Number.MAX_SAFE_INTEGER);
    try {
      await expect(connectNats({ url: proxy.url, name: 'stall-probe' }, { dialTimeoutMs: 300, deadlineMs: 1_000, log: () => undefined })).rejects.toThrow(/timeout/i);
      expect(proxy.accepted()).toBeGreaterThan(1);
    } finally {
      await proxy.close();
    }
  });

  it('given wrong credentials, when connecting, then it fails at once without dialling again', async () => {
    const logged: string[] = [];
    await expect(connectNats({ url: nats.url, seed: 'SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4', name: 'bad-creds' }, { dialTimeoutMs: 5_000, deadlineMs: 30_000, log: (m) => logged.push(m) })).rejects.toThrow(/authorization/i);
    expect(logged).toEqual([]);
  });
});
