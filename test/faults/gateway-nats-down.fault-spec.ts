// The gateway while NATS is down: submissions are answered 503 (nothing sent, nothing stored); once NATS is
// back, clients retrying with the same ids get every event stored exactly once.
import { afterAll, describe, expect, it } from '@jest/globals';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RunningNats } from '@hub/runtime';
import { NATS_CONNECTION } from '../../apps/gateway/src/tokens.js';
import { leadReported, takedown } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';
import { restartNats } from './support/processes.js';
import { storedIds } from './support/stream-contents.js';

describe('gateway with NATS down', () => {
  let hub: TestHub | undefined;
  let restarted: RunningNats | undefined;

  afterAll(async () => {
    await hub?.stop();
    await restarted?.stop();
  });

  it('given nats-server is gone, when units submit, then 503; when they retry with the same ids after it is back, then each event is stored once', async () => {
    hub = await TestHub.start({ departments: ['samr'] });
    const running = hub;
    const before = [leadReported('GD-1'), takedown('GD-2')];
    expect((await running.submit('samr', before, { unit: 'samr/653100' })).status).toBe(201);

    const batch = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? leadReported(`GD-A${i}`) : takedown(`GD-A${i}`)));
    // The state to wait for once NATS is back: the gateway's and the department's connections reconnected.
    const reconnectedBoth = Promise.all([running.gateway.get<NatsConnection>(NATS_CONNECTION), running.departments.get('samr')?.unwrap<NatsConnection>()].map(reconnected));
    await running.nats.kill();
    const down = await running.submit('samr', batch, { unit: 'samr/653100' });
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');
    const health = await running.get('/health/ready');
    expect(health.status).toBe(503);

    restarted = await restartNats(running.nats);
    await reconnectedBoth;
    // The client's retry of the very request that was refused: stored now, once.
    const retried = await running.submit('samr', batch, { unit: 'samr/653100' });
    expect(retried.status).toBe(201);
    const again = await running.submit('samr', batch, { unit: 'samr/653100' });
    expect(again.status).toBe(201);
    expect(again.body.results.every((result) => result.duplicate)).toBe(true);

    const reader = await running.connectAs('admin'); // a fresh connection: the suite's admin may still be backing off
    const stored = await storedIds(reader).finally(() => reader.close());
    expect(stored.size).toBe(before.length + batch.length);
    expect([...stored.values()].every((seqs) => seqs.length === 1)).toBe(true);
    expect(batch.every((event) => stored.has(String(event.id)))).toBe(true);
  }, 180_000);
});

/** Resolves once the connection has reconnected and the server has its subscriptions again (a flush after the resend). */
async function reconnected(nc: NatsConnection | undefined): Promise<void> {
  if (nc === undefined) throw new Error('no NATS connection to watch');
  for await (const status of nc.status()) {
    if (status.type === 'reconnect') break;
  }
  await nc.flush();
}
