// kill -9 nats-server while the hub ingests over HTTP, restart it on the same store: every event the hub
// acknowledged is in the stream exactly once, and clients retrying the rest with the same ids store them once.
import { afterAll, describe, expect, it } from '@jest/globals';
import type { RunningNats } from '@hub/runtime';
import { TestHub } from '../support/test-hub.js';
import { IngestDriver } from './support/ingest-driver.js';
import { restartNats } from './support/processes.js';
import { lostOrDoubled, storedIds } from './support/stream-contents.js';

describe('nats-server killed (-9) mid-ingest', () => {
  let hub: TestHub | undefined;
  let restarted: RunningNats | undefined;

  afterAll(async () => {
    await hub?.stop();
    await restarted?.stop();
  });

  it('given HTTP ingest in flight, when nats-server is killed and restarted, then every acknowledged event is stored exactly once', async () => {
    hub = await TestHub.start({ departments: ['samr'] });
    const running = hub;
    const driver = new IngestDriver(async (batch) => {
      const response = await running.submit('samr', batch, { unit: 'samr/653100' });
      return response.body.results;
    }, 'NK');
    driver.start(3);
    await driver.acknowledged(1_500);

    await running.nats.kill();
    const ackedBeforeRestart = driver.acked.size;
    restarted = await restartNats(running.nats);
    // Ingest resumes by itself once the clients have reconnected.
    await driver.acknowledged(ackedBeforeRestart + 1_500);
    await driver.stop();
    await driver.settle();

    const reader = await running.connectAs('admin'); // a fresh connection: the suite's admin may still be backing off
    const stored = await storedIds(reader).finally(() => reader.close());
    expect(lostOrDoubled(driver.acked, stored)).toEqual([]);
    expect(stored.size).toBe(driver.acked.size);
  }, 240_000);
});
