import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { departmentEventSubjects, EventSigner, sealSubject, parseQuotaSettings, type AppendCommand } from '@hub/domain';
import { AppendPipeline, ensureEventStream, JetStreamEventStore, SealChain, SubjectHeads } from '@hub/event-store';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { QuotaMeter } from './quota-meter.js';

const UNIT = 'samr/653100';
const command = (aggregate: string, summary = 'x'): AppendCommand => ({
  id: randomUUID(),
  type: 'lead.reported',
  subject: `lead/${aggregate}`,
  time: '2021-10-08T09:30:00+08:00',
  data: { summary },
});

describe('QuotaMeter against a real JetStream', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  const filter = departmentEventSubjects('samr');
  const settings = parseQuotaSettings({}, { [UNIT]: { eventsPerDay: 5, storedBytes: 100_000 } });
  const warnings: string[] = [];
  const log = { warn: (line: string) => warnings.push(line) };

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    await ensureEventStream(await jetstreamManager(nc), { name: 'QUOTA_T', duplicateWindowMs: 100 });
    store = new JetStreamEventStore(nc, 'QUOTA_T');
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  it('given events appended through the pipeline, when a new meter rebuilds from the stream, then it counts the same events and exactly the same bytes as the appends did', async () => {
    const heads = new SubjectHeads(store, filter);
    const meter = new QuotaMeter(store, filter, settings, log);
    const pipeline = new AppendPipeline(store, heads, new SealChain(store, sealSubject('samr', 'quota-spec'), 'samr/quota-spec', new EventSigner(new TextDecoder().decode(createUser().getSeed()))), meter);
    const items = [command('L-1'), command('L-2', '网店销售假冒运动鞋'.repeat(20)), command('L-3')].map((c, index) => ({ index, command: c }));
    const results = await pipeline.run(UNIT, items);
    expect(results.every((r) => !('error' in r))).toBe(true);
    const appended = meter.usageOf(UNIT);
    expect(appended.eventsToday).toBe(3);

    const rebuilt = new QuotaMeter(store, filter, settings, log);
    expect(await rebuilt.catchUp()).toBe(3);
    expect(rebuilt.usageOf(UNIT)).toEqual(appended);
    expect(warnings).toEqual([]);
  });

  it('given the events were stored on an earlier China-time day, when rebuilt, then the day starts at zero and the bytes still count', async () => {
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const later = new QuotaMeter(store, filter, settings, log, () => tomorrow);
    await later.catchUp();
    const usage = later.usageOf(UNIT);
    expect(usage.eventsToday).toBe(0);
    expect(usage.storedBytes).toBeGreaterThan(3 * 400);
  });

  it('given 3 of 5 events used, when a batch of 3 new ids (one repeated, one already stored) is checked, then only the 2 new ones count; 3 new ones are refused naming the limit', async () => {
    const heads = new SubjectHeads(store, filter);
    await heads.catchUp();
    const meter = new QuotaMeter(store, filter, settings, log);
    await meter.catchUp();
    const fresh = [command('L-4'), command('L-5')];
    const stored = { ...command('L-1'), id: [...(await store.readAggregate('hub.evt.samr.653100.lead.L-1'))][0]?.event.id ?? '' };
    expect(meter.checkBatch(UNIT, [...fresh, fresh[0]!, stored], heads)).toBeUndefined();
    expect(meter.checkBatch(UNIT, [...fresh, command('L-6')], heads)).toMatchObject({ code: 'QUOTA_EVENTS_PER_DAY', quota: { limit: 5, used: 3, requested: 3 } });
    // Crossing 80 % (4 of 5) on an append logs one warning line.
    const pipeline = new AppendPipeline(store, heads, new SealChain(store, sealSubject('samr', 'quota-spec'), 'samr/quota-spec', new EventSigner(new TextDecoder().decode(createUser().getSeed()))), meter);
    await pipeline.run(UNIT, [{ index: 0, command: fresh[0]! }]);
    expect(warnings).toEqual([expect.stringMatching(/^QUOTA_WARNING samr\/653100 eventsPerDay: 4 of 5/)]);
  });
});
