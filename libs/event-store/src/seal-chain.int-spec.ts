// A seal whose ack is lost against a real nats-server: the server stores it, the chain never hears so
// (a timeout, a dropped connection). The chain's retry must continue after that seal, not cover its events a
// second time — the audit would name the second seal (SEAL_COVERS_UNKNOWN) and the events would have two.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, errors, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { EventSigner, planReplay, sealSubject, seqsOf, type BatchSeal, type EventResult, type Finding, type KeyRegistry } from '@hub/domain';
import { verifyLog } from '@hub/audit';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { AppendPipeline, type PipelineItem } from './append-pipeline.js';
import { JetStreamEventStore } from './jetstream-event-store.js';
import { SealChain } from './seal-chain.js';
import { ensureEventStream } from './stream-config.js';
import { SubjectHeads } from './subject-heads.js';

const key = new EventSigner(new TextDecoder().decode(createUser().getSeed()));
const registry: KeyRegistry = { version: 1, keys: [{ department: 'samr', publicKey: key.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] };
const SUBJECT = sealSubject('samr', 'i1');

const batch = (...aggregates: string[]): PipelineItem[] =>
  aggregates.map((aggregate, index) => ({
    index,
    command: { id: randomUUID(), type: 'lead.reported', subject: `lead/${aggregate}`, time: '2021-10-08T09:30:00+08:00', data: { summary: 'x' } },
  }));
const codes = (results: EventResult[]): string[] => results.map((r) => ('error' in r ? r.error.code : 'ok'));

describe('a seal stored whose ack was lost', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let previous: string | undefined;

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  /** A stream of its own (streams may not share subjects: the one before goes). */
  const freshStore = async (): Promise<JetStreamEventStore> => {
    const jsm = await jetstreamManager(nc);
    if (previous) await jsm.streams.delete(previous);
    previous = `SEALRETRY_${randomUUID().replaceAll('-', '')}`;
    await ensureEventStream(jsm, { name: previous });
    return new JetStreamEventStore(nc, previous);
  };

  /** The next seal published on SUBJECT is stored, then its caller gets a timeout instead of the ack. */
  const loseNextSealAck = (store: JetStreamEventStore): void => {
    const publish = store.publishExpecting.bind(store);
    store.publishExpecting = async (...args: Parameters<typeof publish>) => {
      const ack = await publish(...args);
      if (args[0] !== SUBJECT) return ack;
      store.publishExpecting = publish;
      throw new errors.TimeoutError();
    };
  };

  /** Appends A, B, C whose seal is stored but unacknowledged: every request learns its event is unsealed. */
  const appendLosingTheAck = async (store: JetStreamEventStore, pipeline: AppendPipeline): Promise<void> => {
    loseNextSealAck(store);
    expect(codes(await pipeline.run('samr/653100', batch('A', 'B', 'C')))).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
  };

  /** Every event of the stream is in exactly one seal, each seal links to the one before, and the audit finds nothing. */
  const expectSealedOnceAndChained = async (store: JetStreamEventStore, events: number): Promise<BatchSeal[]> => {
    const seals: BatchSeal[] = [];
    const eventSeqs: number[] = [];
    for await (const msg of store.read({})) {
      if (msg.subject === SUBJECT) seals.push(msg.json<BatchSeal>());
      else eventSeqs.push(msg.seq);
    }
    expect(eventSeqs).toHaveLength(events);
    const coverage = new Map<number, number>();
    for (const seal of seals) for (const seq of seqsOf(seal.batch)) coverage.set(seq, (coverage.get(seq) ?? 0) + 1);
    expect([...coverage.entries()].sort(([a], [b]) => a - b)).toEqual(eventSeqs.map((seq) => [seq, 1]));
    expect(seals.map((seal) => seal.prevSeal)).toEqual([null, ...seals.slice(0, -1).map((seal) => seal.hash)]);

    const findings: Finding[] = [];
    const summary = await verifyLog({ js: jetstream(nc), stream: store.stream, plan: planReplay({}), registry, workers: 0, onFinding: (f) => findings.push(f) });
    expect(findings).toEqual([]);
    expect(summary.events).toBe(events);
    expect(summary.seals).toBe(seals.length);
    return seals;
  };

  it('given the ack of a stored seal lost, when the chain seals its next batch, then that seal covers only the new events and continues after the stored one', async () => {
    const store = await freshStore();
    const pipeline = new AppendPipeline(store, new SubjectHeads(store, 'hub.evt.samr.>'), new SealChain(store, SUBJECT, 'samr/i1', key));
    await appendLosingTheAck(store, pipeline);

    expect(codes(await pipeline.run('samr/653100', batch('D', 'E')))).toEqual(['ok', 'ok']);
    const seals = await expectSealedOnceAndChained(store, 5);
    expect(seals.map((seal) => seal.batch)).toEqual([[[1, 3]], [[5, 6]]]);
  });

  it('given the ack of a stored seal lost, when the instance restarts and sweeps, then it finds nothing to seal and its next seal continues the chain', async () => {
    const store = await freshStore();
    const heads = new SubjectHeads(store, 'hub.evt.samr.>');
    await appendLosingTheAck(store, new AppendPipeline(store, heads, new SealChain(store, SUBJECT, 'samr/i1', key)));

    const restarted = new SealChain(store, SUBJECT, 'samr/i1', key);
    await restarted.resume();
    expect(await restarted.sweep((error) => { throw error; })).toBe(0);
    restarted.close();
    expect(codes(await new AppendPipeline(store, heads, restarted).run('samr/653100', batch('D')))).toEqual(['ok']);
    await expectSealedOnceAndChained(store, 4);
  });

  it('given three requests whose appends finish in one turn, when they are sealed, then one seal covers all three (the first does not take a seal of its own)', async () => {
    const store = await freshStore();
    const pipeline = new AppendPipeline(store, new SubjectHeads(store, 'hub.evt.samr.>'), new SealChain(store, SUBJECT, 'samr/i1', key));
    const answers = await Promise.all([pipeline.run('samr/653100', batch('F')), pipeline.run('samr/653100', batch('G')), pipeline.run('samr/653100', batch('H'))]);
    expect(answers.map(codes)).toEqual([['ok'], ['ok'], ['ok']]);
    const seals = await expectSealedOnceAndChained(store, 3);
    expect(seals).toHaveLength(1);
  });
});
