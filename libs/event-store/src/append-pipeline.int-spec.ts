import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { EventSigner, sealSubject, type EventResult } from '@hub/domain';
import { ensureEventStream, JetStreamEventStore, SealChain, SubjectHeads } from '@hub/event-store';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { AppendPipeline, type PipelineItem } from './append-pipeline.js';

const UNIT = 'samr/653100';
const item = (index: number, aggregate: string, overrides: Partial<PipelineItem['command']> = {}): PipelineItem => ({
  index,
  command: {
    id: randomUUID(),
    type: 'lead.reported',
    subject: `lead/${aggregate}`,
    time: '2021-10-08T09:30:00+08:00',
    data: { summary: 'x' },
    ...overrides,
  },
});

describe('append pipeline against a real JetStream', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  const signer = new EventSigner(new TextDecoder().decode(createUser().getSeed()));

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  /** A stream of its own with the shortest dedupe window the server allows (100 ms). */
  let previous: string | undefined;
  const freshStore = async (): Promise<JetStreamEventStore> => {
    const jsm = await jetstreamManager(nc);
    if (previous) await jsm.streams.delete(previous); // streams may not overlap in subjects
    const name = `T_${randomUUID().replaceAll('-', '')}`;
    previous = name;
    await ensureEventStream(jsm, { name, duplicateWindowMs: 100 });
    return new JetStreamEventStore(nc, name);
  };
  /**
   * Waits, without sleeping, until the server has forgotten every id stored so far: a probe id is
   * re-sent until the server stops calling it a duplicate, and everything stored before the probe
   * left the window no later than the probe did.
   */
  const outlastDedupeWindow = async (store: JetStreamEventStore): Promise<void> => {
    const probe = randomUUID();
    await store.js.publish('hub.evt.probe.0.probe.window', '', { msgID: probe });
    while ((await store.js.publish('hub.evt.probe.0.probe.window', '', { msgID: probe })).duplicate);
  };
  /** Events in the stream (the batch seals stored beside them not counted). */
  const messages = async (store: JetStreamEventStore): Promise<number> =>
    Object.values((await (await jetstreamManager(nc)).streams.info(store.stream, { subjects_filter: 'hub.evt.>' })).state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
  const pipelineOn = (store: JetStreamEventStore): { pipeline: AppendPipeline; heads: SubjectHeads } => {
    const heads = new SubjectHeads(store, 'hub.evt.samr.>');
    return { pipeline: new AppendPipeline(store, heads, new SealChain(store, sealSubject('samr', 'pipeline-spec'), 'samr/pipeline-spec', signer)), heads };
  };

  it('given the server no longer dedupes, when a stored id is appended again, then the index answers duplicate', async () => {
    const store = await freshStore();
    const { pipeline } = pipelineOn(store);
    const first = item(0, 'A');
    await pipeline.run(UNIT, [first]);
    await outlastDedupeWindow(store);
    const [again] = await pipeline.run(UNIT, [{ ...first }]);

    expect(again).toMatchObject({ id: first.command.id, version: 1, duplicate: true });
    expect(await store.readAggregate('hub.evt.samr.653100.lead.A')).toHaveLength(1);
  });

  it('given a restarted service, when it catches up from headers and sees an old id, then it answers duplicate', async () => {
    const store = await freshStore();
    const first = item(0, 'B');
    await pipelineOn(store).pipeline.run(UNIT, [first, item(1, 'B'), item(2, 'C')]);
    await outlastDedupeWindow(store);
    const restarted = pipelineOn(store);
    await restarted.heads.catchUp();

    expect(restarted.heads.size).toMatchObject({ aggregates: 2, ids: 3 });
    const [again, next] = await restarted.pipeline.run(UNIT, [{ ...first }, item(1, 'B')]);
    expect(again).toMatchObject({ duplicate: true, version: 1 });
    expect(next).toMatchObject({ duplicate: false, version: 3 });
    expect(await store.readAggregate('hub.evt.samr.653100.lead.B')).toHaveLength(3);
  });

  it('given the same id twice in one batch on different aggregates, when appended concurrently, then it is stored once', async () => {
    const store = await freshStore();
    const { pipeline } = pipelineOn(store);
    const id = randomUUID();
    const results = await pipeline.run(UNIT, [item(0, 'D', { id }), item(1, 'E', { id })]);

    expect(results.filter((r: EventResult) => 'duplicate' in r && r.duplicate)).toHaveLength(1);
    expect(await messages(store)).toBe(1);
  });

  it('given a peer instance wrote the aggregate, when this one appends without expectedVersion, then OCC makes it re-read and append at the right version', async () => {
    const store = await freshStore();
    const mine = pipelineOn(store);
    const peer = pipelineOn(store);
    await mine.pipeline.run(UNIT, [item(0, 'F')]);
    await peer.pipeline.run(UNIT, [item(0, 'F')]); // the peer's index never saw version 1
    const [result] = await mine.pipeline.run(UNIT, [item(0, 'F')]);

    expect(result).toMatchObject({ version: 3, duplicate: false });
    const chain = await store.readAggregate('hub.evt.samr.653100.lead.F');
    expect(chain.map((e) => e.event.version)).toEqual([1, 2, 3]);
    expect(chain[1]?.event.prevHash).toBe(chain[0]?.event.hash);
    expect(chain[2]?.event.prevHash).toBe(chain[1]?.event.hash);
  });

  it('given a peer wrote the aggregate, when this one appends with the expectedVersion it believed, then it is a conflict with the current version', async () => {
    const store = await freshStore();
    const mine = pipelineOn(store);
    await mine.pipeline.run(UNIT, [item(0, 'G')]);
    await pipelineOn(store).pipeline.run(UNIT, [item(0, 'G')]);
    const [result, skipped] = await mine.pipeline.run(UNIT, [item(0, 'G', { expectedVersion: 1 }), item(1, 'G')]);

    expect(result).toMatchObject({ error: { code: 'VERSION_CONFLICT', expectedVersion: 1, currentVersion: 2 } });
    expect(skipped).toMatchObject({ error: { code: 'SKIPPED' } });
    expect(await messages(store)).toBe(2);
  });
});
