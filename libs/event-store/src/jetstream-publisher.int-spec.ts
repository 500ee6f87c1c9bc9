import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, errors, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { sealForBatch } from '@hub/domain';
import { encodeEvent, ensureEventStream, EVENT_STREAM, JetStreamEventStore } from './index.js';
import { JetStreamPublisher } from './jetstream-publisher.js';

describe('JetStreamPublisher', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;
  const body = new TextEncoder().encode('{"x":1}');

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    jsm = await jetstreamManager(nc);
    await ensureEventStream(jsm);
    publisher = new JetStreamPublisher(nc, 500);
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  it('given headers, when published, then the stored message holds the header block js.publish with a header set stores', async () => {
    const pairs = [
      ['Hub-Version', '1'],
      ['Hub-Hash', 'ab'.repeat(32)],
      ['Hub-Sealer', 'samr/pod-1'],
    ] as const;
    const ours = await publisher.publish('hub.evt.samr.650100.lead.P1', body, pairs, { msgId: 'id-ours', stream: EVENT_STREAM, lastSubjectSequence: 0 });
    const theirsHeaders = natsHeaders();
    for (const [name, value] of pairs) theirsHeaders.set(name, value);
    const theirs = await jetstream(nc).publish('hub.evt.samr.650100.lead.P2', body, { msgID: 'id-theirs', headers: theirsHeaders, expect: { lastSubjectSequence: 0, streamName: EVENT_STREAM } });
    const [a, b] = await Promise.all([jsm.streams.getMessage(EVENT_STREAM, { seq: ours.seq }), jsm.streams.getMessage(EVENT_STREAM, { seq: theirs.seq })]);
    expect(ours).toEqual({ stream: EVENT_STREAM, seq: ours.seq, duplicate: false });
    // Every line in order (the parsed headers keep the order of the block's lines).
    const lines = (stored: typeof a): string[][] => (stored ? stored.header.keys().map((name) => [name, ...stored.header.values(name)]) : []);
    expect(lines(a).map((line) => line.map((part) => part.replace('id-ours', 'id-theirs')))).toEqual(lines(b));
    expect(lines(a)).toHaveLength(6);
    expect(a?.data).toEqual(b?.data);
  });

  it('given an event, when the store appends it, then its stored headers and body are those encodeEvent and js.publish store', async () => {
    const event = sealForBatch({ id: 'id-store', type: 'lead.reported', source: 'samr/650100', subject: 'lead/S1', time: '2026-12-07T10:00:00+08:00', recordedAt: '2026-12-07T02:00:00.000Z', version: 1, data: { a: 1 }, prevHash: null });
    const ours = await new JetStreamEventStore(nc).appendOne('hub.evt.samr.650100.lead.S1', event, 0, 'samr/pod-1');
    const { body: theirBody, headers } = encodeEvent({ ...event, id: 'id-store-2' }, 'samr/pod-1');
    const theirs = await jetstream(nc).publish('hub.evt.samr.650100.lead.S2', theirBody, { msgID: 'id-store-2', headers, expect: { lastSubjectSequence: 0, streamName: EVENT_STREAM } });
    const [a, b] = await Promise.all([jsm.streams.getMessage(EVENT_STREAM, { seq: ours.seq }), jsm.streams.getMessage(EVENT_STREAM, { seq: theirs.seq })]);
    const lines = (stored: typeof a): string[][] => (stored ? stored.header.keys().map((name) => [name, ...stored.header.values(name)]) : []);
    expect(lines(a).map((line) => line.map((part) => part.replace('id-store', 'id-store-2')))).toEqual(lines(b));
    expect(Buffer.from(a?.data ?? []).toString().replace('id-store', 'id-store-2')).toBe(Buffer.from(b?.data ?? []).toString());
  });

  it('given a seal, when the store publishes it with expectations only, then the stored message is the one js.publish stores with msgID and expect', async () => {
    const seal = new TextEncoder().encode('{"seal":"网"}');
    const ours = await new JetStreamEventStore(nc).publishExpecting('hub.seal.samr.pod-1', seal, { msgId: 'seal-ours', lastSubjectSequence: 0 });
    const theirs = await jetstream(nc).publish('hub.seal.samr.pod-2', '{"seal":"网"}', { msgID: 'seal-theirs', expect: { lastSubjectSequence: 0, streamName: EVENT_STREAM } });
    const [a, b] = await Promise.all([jsm.streams.getMessage(EVENT_STREAM, { seq: ours.seq }), jsm.streams.getMessage(EVENT_STREAM, { seq: theirs.seq })]);
    const lines = (stored: typeof a): string[][] => (stored ? stored.header.keys().map((name) => [name, ...stored.header.values(name)]) : []);
    expect(lines(a).map((line) => line.map((part) => part.replace('seal-ours', 'seal-theirs')))).toEqual(lines(b));
    expect(lines(a)).toHaveLength(3);
    expect(a?.data).toEqual(b?.data);
  });

  it('given an id stored before, when published again, then the ack says duplicate with the first sequence', async () => {
    const first = await publisher.publish('hub.evt.samr.650100.lead.D1', body, [], { msgId: 'id-dup', stream: EVENT_STREAM, lastSubjectSequence: 0 });
    const again = await publisher.publish('hub.evt.samr.650100.lead.D1', body, [], { msgId: 'id-dup', stream: EVENT_STREAM, lastSubjectSequence: 0 });
    expect(again).toEqual({ stream: EVENT_STREAM, seq: first.seq, duplicate: true });
  });

  it('given a stale last subject sequence, when published, then it fails with JetStream’s wrong-last-sequence error', async () => {
    await publisher.publish('hub.evt.samr.650100.lead.W1', body, [], { msgId: 'id-w1', stream: EVENT_STREAM, lastSubjectSequence: 0 });
    const error = await publisher.publish('hub.evt.samr.650100.lead.W1', body, [], { msgId: 'id-w2', stream: EVENT_STREAM, lastSubjectSequence: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JetStreamApiError);
    expect((error as JetStreamApiError).code).toBe(JetStreamApiCodes.StreamWrongLastSequence);
  });

  it('given no stream takes the subject, when published, then it fails as no responders', async () => {
    const error = await publisher.publish('nostream.here', body, [], { msgId: 'id-n', stream: EVENT_STREAM, lastSubjectSequence: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.NoRespondersError);
  });

  it('given nobody answers, when the timeout passes, then it fails with a timeout', async () => {
    // A plain subscriber that never replies stands in for a JetStream that took the message and lost the ack.
    const silent = nc.subscribe('silent.subject', { callback: () => undefined });
    const error = await publisher.publish('silent.subject', body, [], { msgId: 'id-t', stream: EVENT_STREAM, lastSubjectSequence: 0 }).catch((e: unknown) => e);
    silent.unsubscribe();
    expect(error).toBeInstanceOf(errors.TimeoutError);
  });

  it('given many in flight, when published at once, then each gets its own ack', async () => {
    const acks = await Promise.all(Array.from({ length: 200 }, (_, i) => publisher.publish(`hub.evt.samr.650100.lead.M${i}`, body, [], { msgId: `id-m${i}`, stream: EVENT_STREAM, lastSubjectSequence: 0 })));
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(200);
    const stored = await Promise.all(acks.slice(0, 5).map((ack) => jsm.streams.getMessage(EVENT_STREAM, { seq: ack.seq })));
    expect(stored.map((msg) => msg?.subject)).toEqual([0, 1, 2, 3, 4].map((i) => `hub.evt.samr.650100.lead.M${i}`));
  });
});
