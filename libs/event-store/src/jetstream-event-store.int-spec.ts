import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { ensureEventStream, JetStreamEventStore } from './index.js';

describe('JetStreamEventStore.read', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  /** Sequences of the events (hub.evt.>) and of the seals between them (hub.seal.>), the stream ending in seals. */
  const events: number[] = [];

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    await ensureEventStream(await jetstreamManager(nc));
    store = new JetStreamEventStore(nc);
    const js = jetstream(nc);
    for (let i = 1; i <= 300; i += 1) {
      const seal = i % 7 === 0 || i > 290;
      const ack = await js.publish(seal ? 'hub.seal.samr.one' : `hub.evt.samr.650100.lead.L${i % 40}`, 'x', { msgID: `m${i}` });
      if (!seal) events.push(ack.seq);
    }
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  const read = async (options: Parameters<JetStreamEventStore['read']>[0]): Promise<number[]> => {
    const seqs: number[] = [];
    for await (const msg of store.read(options)) seqs.push(msg.seq);
    return seqs;
  };

  it('given a stream whose tail does not match the filter, when read from the middle, then it returns every matching message from there and ends', async () => {
    expect(await read({ filter: 'hub.evt.>', fromSeq: 100, headersOnly: true })).toEqual(events.filter((seq) => seq >= 100));
  });

  it('given no matching message at or after fromSeq, when read, then it returns nothing', async () => {
    expect(await read({ filter: 'hub.evt.>', fromSeq: 295 })).toEqual([]);
    expect(await read({ filter: 'hub.evt.police.>' })).toEqual([]);
  });

  it('given since, when read, then it starts at that instant, and returns nothing (at once) when nothing matching was stored since', async () => {
    expect(await read({ filter: 'hub.evt.>', since: '2000-01-01T00:00:00Z', headersOnly: true })).toEqual(events);
    expect(await read({ filter: 'hub.evt.>', since: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
  });

  it('given messages appended after the read started, when read, then it ends at the end as it was when it started', async () => {
    const seqs: number[] = [];
    for await (const msg of store.read({ filter: 'hub.evt.samr.650100.lead.L1' })) {
      if (seqs.length === 0) await jetstream(nc).publish('hub.evt.samr.650100.lead.L1', 'later', { msgID: 'later' });
      seqs.push(msg.seq);
    }
    expect(seqs).toEqual(events.filter((seq) => seq % 40 === 1 && seq <= 290));
  });

  it('given reads under wildcard filters, then none asks for a filter\'s last message (nats-server 2.9 walks its whole store for one that matches nothing recent)', async () => {
    const asked: string[] = [];
    const monitor = await connect(nats.connectOptions('admin'));
    const sub = monitor.subscribe('$JS.API.STREAM.MSG.GET.>', { callback: (_, msg) => void asked.push(msg.string()) });
    await monitor.flush();
    try {
      // (301: the event the test before stored after its read started.)
      expect(await read({ filter: 'hub.evt.*.*.lead.*', fromSeq: 100 })).toEqual([...events.filter((seq) => seq >= 100), 301]);
      expect(await read({ filter: 'hub.evt.*.*.closure.*' })).toEqual([]);
      expect(await read({ filter: 'hub.evt.samr.>', fromSeq: 302 })).toEqual([]);
      await monitor.flush();
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((request) => request.includes('last_by_subj'))).toEqual([]);
    } finally {
      sub.unsubscribe();
      await monitor.close();
    }
  });
});
