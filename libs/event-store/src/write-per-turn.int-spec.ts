import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { connectNats } from './nats-connection.js';
import { TURN_WRITE_LIMIT } from './write-per-turn.js';

/** Counts the socket writes of `nc` (nats.js's transport.send). */
function countWrites(nc: NatsConnection): () => number {
  const transport = (nc as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } }).protocol.transport;
  const send = transport.send.bind(transport);
  let writes = 0;
  transport.send = (frame: Uint8Array): void => {
    writes += 1;
    send(frame);
  };
  return () => writes;
}

/**
 * Publishes `subject` once in each of `callbacks` immediate callbacks, all run in one check phase as separate I/O
 * callbacks would be (microtasks run between them, which is where nats.js itself would flush each).
 */
async function publishFromSeparateCallbacks(nc: NatsConnection, subject: string, callbacks: number): Promise<void> {
  await Promise.all(
    Array.from({ length: callbacks }, (_, i) => new Promise<void>((resolve) => setImmediate(() => {
      nc.publish(subject, String(i));
      resolve();
    }))),
  );
  // Queued after the flush the first publish scheduled for the next check phase: once it runs, that write is out.
  await new Promise((resolve) => setImmediate(resolve));
}

describe('writeOncePerTurn: one socket write per event-loop turn', () => {
  let nats: TestNats;
  let reader: NatsConnection;

  beforeAll(async () => {
    nats = await startTestNats();
    reader = await connect(nats.connectOptions('admin'));
  });

  afterAll(async () => {
    await reader?.close();
    await nats?.cleanup();
  });

  it('given publishes from five callbacks of one loop turn, when sent through connectNats, then they leave in one write, in order', async () => {
    const nc = await connectNats({ url: nats.url, seed: nats.secrets.users.admin.seed, name: 'per-turn' });
    const received: string[] = [];
    const sub = reader.subscribe('per-turn.a', { max: 5, callback: (_error, msg) => {
      received.push(msg.string());
    } });
    await reader.flush();
    const writes = countWrites(nc);
    await publishFromSeparateCallbacks(nc, 'per-turn.a', 5);
    expect(writes()).toBe(1);
    await sub.closed;
    expect(received).toEqual(['0', '1', '2', '3', '4']);
    await nc.close();
  });

  it('given the same publishes on a plain nats.js connection, then each callback writes on its own (what connectNats changes)', async () => {
    const nc = await connect(nats.connectOptions('admin'));
    const writes = countWrites(nc);
    await publishFromSeparateCallbacks(nc, 'per-turn.b', 5);
    expect(writes()).toBe(5);
    await nc.close();
  });

  it('given more than a turn may gather in one callback, when published, then it is written at once and all of it arrives', async () => {
    const nc = await connectNats({ url: nats.url, seed: nats.secrets.users.admin.seed, name: 'per-turn-large' });
    let bytes = 0;
    const count = Math.ceil((1.5 * TURN_WRITE_LIMIT) / (4 * 1024));
    const sub = reader.subscribe('per-turn.c', { max: count, callback: (_error, msg) => {
      bytes += msg.data.length;
    } });
    await reader.flush();
    const writes = countWrites(nc);
    const payload = new Uint8Array(4 * 1024);
    for (let i = 0; i < count; i += 1) nc.publish('per-turn.c', payload);
    expect(writes()).toBeGreaterThan(0); // 1.5 × the limit does not wait for the next turn
    await nc.flush();
    await sub.closed;
    expect(bytes).toBe(count * payload.length);
    await nc.close();
  });

  it('given a publish right before close(), when closed, then the message still goes out', async () => {
    const nc = await connectNats({ url: nats.url, seed: nats.secrets.users.admin.seed, name: 'per-turn-close' });
    const received: string[] = [];
    const sub = reader.subscribe('per-turn.d', {
      max: 1,
      callback: (_error, msg) => {
        received.push(msg.string());
      },
    });
    await reader.flush();
    nc.publish('per-turn.d', 'last words');
    await nc.close();
    await sub.closed;
    expect(received).toEqual(['last words']);
  });
});
