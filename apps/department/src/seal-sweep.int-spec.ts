// A department instance that crashed between storing events and sealing them: restarted under the same name
// (HUB_INSTANCE), with its own NATS user against a real nats-server, it seals them before serving, and the
// audit then finds nothing unsealed. A peer's young unsealed event is left to the peer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import type { INestMicroservice } from '@nestjs/common';
import { DEFAULT_QUOTA_SETTINGS, EventSigner, planReplay, SEAL_GRACE_MS, sealSubject, type EventResult, type Finding, type KeyRegistry } from '@hub/domain';
import { AppendPipeline, encodeEvent, ensureEventStream, EVENT_STREAM, JetStreamEventStore, SealChain, SubjectHeads, sweepUnsealed, type BatchSealer, type ReadOptions } from '@hub/event-store';
import { verifyLog, type VerifySummary } from '@hub/audit';
import { inboxPrefixFor } from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { EventLog } from '../../../libs/persistence/src/testing/event-log.js';
import { startDepartmentService } from './main.js';

const seed = new TextDecoder().decode(createUser().getSeed());
const registry: KeyRegistry = { version: 1, keys: [{ department: 'samr', publicKey: new EventSigner(seed).publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null }] };
const lead = (index: number): { index: number; command: { id: string; type: string; subject: string; time: string; data: Record<string, unknown> } } => ({
  index,
  command: { id: randomUUID(), type: 'lead.reported', subject: `lead/L-${randomUUID().slice(0, 8)}`, time: '2021-10-08T09:30:00+08:00', data: { summary: '网店销售假冒运动鞋' } },
});

/** The chain `signer` as it was when the process died: the events are stored, the seal never is. */
const crashedBefore = (signer: string): BatchSealer => ({ signer, seal: () => Promise.reject(new Error('the process died before sealing')) });

describe('the start-up sweep of unsealed events against a real JetStream', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let store: JetStreamEventStore;
  let service: INestMicroservice | undefined;

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    await ensureEventStream(await jetstreamManager(nc), { name: EVENT_STREAM });
    store = new JetStreamEventStore(nc, EVENT_STREAM);
  });

  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await nats?.cleanup();
  });

  async function verify(): Promise<{ summary: VerifySummary; findings: Finding[] }> {
    const findings: Finding[] = [];
    const summary = await verifyLog({ js: jetstream(nc), stream: EVENT_STREAM, plan: planReplay({}), registry, workers: 0, onFinding: (f) => findings.push(f) });
    return { summary, findings };
  }

  const stored = (results: EventResult[]): number => results.filter((r) => 'error' in r && r.error.code === 'SERVICE_UNAVAILABLE').length;

  it('given samr/i1 sealed one batch, then stored two events and died before their seal, and a live peer samr/i2 has one event on its way to a seal, when samr/i1 starts again, then it seals its own two before serving and nothing is unsealed', async () => {
    const heads = (): SubjectHeads => new SubjectHeads(store, 'hub.evt.samr.>');
    const sealedBefore = await new AppendPipeline(store, heads(), new SealChain(store, sealSubject('samr', 'i1'), 'samr/i1', new EventSigner(seed))).run('samr/653100', [lead(0)]);
    expect(sealedBefore.filter((r) => 'error' in r)).toEqual([]);
    expect(stored(await new AppendPipeline(store, heads(), crashedBefore('samr/i1')).run('samr/653100', [lead(0), lead(1)]))).toBe(2);
    expect(stored(await new AppendPipeline(store, heads(), crashedBefore('samr/i2')).run('samr/650100', [lead(0)]))).toBe(1);
    const before = await verify();
    // Stored within the last minute, the three are only awaiting their seal (not findings yet).
    expect(before).toMatchObject({ findings: [], summary: { seals: 1, events: 4, awaitingSeal: 3 } });

    service = await startDepartmentService({
      department: 'samr',
      natsUrl: nats.url,
      natsSeed: nats.secrets.users['dept:samr'].seed,
      inboxPrefix: inboxPrefixFor('dept:samr'),
      signingSeed: seed,
      instance: 'i1',
      stream: EVENT_STREAM,
      maxBatch: 100,
      shutdownGraceMs: 0,
      quotas: DEFAULT_QUOTA_SETTINGS,
    });

    const after = await verify();
    expect(after).toMatchObject({ findings: [], summary: { seals: 2, events: 4, awaitingSeal: 1 } });
    const seal = await (await jetstreamManager(nc)).streams.getMessage(EVENT_STREAM, { last_by_subj: sealSubject('samr', 'i1') });
    // Its chain continues (prevSeal checked by the verify above) and covers exactly the two it left: seqs 3 and 4.
    expect(seal?.json<{ batch: number[][]; count: number }>()).toMatchObject({ batch: [[3, 4]], count: 2 });
  });

  it('given a department history signed the old way (one signature per event, no seal) and one event a crash left for a chain, when a new chain sweeps, then only that event is read whole and sealed', async () => {
    const old = new EventLog();
    const oldSeqs: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const { streamSubject, event } = old.append('samr/650200', 'lead.reported', `lead/OLD-${i}`, { summary: '早期逐条签名的线索' });
      const { body, headers } = encodeEvent(event); // stored as before seals: no Hub-Sealer header
      oldSeqs.push((await jetstream(nc).publish(streamSubject, body, { msgID: event.id, headers })).seq);
    }
    const heads = new SubjectHeads(store, 'hub.evt.samr.>');
    expect(stored(await new AppendPipeline(store, heads, crashedBefore('samr/i3')).run('samr/650200', [lead(0)]))).toBe(1);
    const readWhole: number[] = [];
    const eventAt = store.eventAt.bind(store);
    const spied = Object.assign(Object.create(store) as JetStreamEventStore, {
      eventAt: (seq: number) => (readWhole.push(seq), eventAt(seq)),
    });

    const choice = await sweepUnsealed(spied, sealSubject('samr', 'i3'), 'samr/i3', {}, Date.now());

    const crashed = (await (await jetstreamManager(nc)).streams.info(EVENT_STREAM)).state.last_seq; // nothing was stored after it
    expect(choice.claim.map((leaf) => leaf.seq)).toEqual([crashed]);
    // The old events' headers say enough (reading each of them whole was one request per event at every start);
    // what pipelines stored for a seal is read: this crash's event, and the peer samr/i2's from the test above.
    expect(readWhole.filter((seq) => oldSeqs.includes(seq))).toEqual([]);
    expect(readWhole).toContain(crashed);
  });

  it('given the mark an earlier sweep left (kept beside the snapshot), when a new chain sweeps with it, then it reads only after the mark, seals what a crash left there and moves the mark to the end', async () => {
    const failed = (error: Error): never => {
      throw error;
    };
    // A minute on, every leftover above is past the grace: a first chain settles the whole department.
    const later = Date.now() + SEAL_GRACE_MS + 1;
    const first = new SealChain(store, sealSubject('samr', 'i7'), 'samr/i7', new EventSigner(seed));
    await first.resume();
    await first.sweep(failed, later);
    const mark = first.settled;
    expect(mark).toEqual({ seq: await store.lastSequenceMatching('hub.evt.samr.>'), at: new Date(later).toISOString() });
    const heads = new SubjectHeads(store, 'hub.evt.samr.>');
    expect(stored(await new AppendPipeline(store, heads, crashedBefore('samr/i8')).run('samr/650200', [lead(0)]))).toBe(1);
    const crashed = await store.lastSequenceMatching('hub.evt.samr.>');
    const reads: ReadOptions[] = [];
    const read = store.read.bind(store);
    const spied = Object.assign(Object.create(store) as JetStreamEventStore, { read: (options: ReadOptions = {}) => (reads.push(options), read(options)) });

    const chain = new SealChain(spied, sealSubject('samr', 'i9'), 'samr/i9', new EventSigner(seed));
    await chain.resume(mark);
    // A minute on again: the crash's event too is past the grace.
    const afterCrash = Date.now() + SEAL_GRACE_MS + 1;
    expect(await chain.sweep(failed, afterCrash)).toBe(1);

    // A new chain has no seal to start from: without the mark it read the department's whole history.
    expect(reads[0]).toEqual({ filter: 'hub.evt.samr.>', headersOnly: true, fromSeq: (mark?.seq ?? 0) + 1 });
    expect(chain.settled).toEqual({ seq: crashed, at: new Date(afterCrash).toISOString() });
    const { summary, findings } = await verify();
    expect(summary.awaitingSeal).toBe(0);
    // The old-way events above carry the test log's own key (not registered): that is all the audit finds.
    expect(findings.filter((finding) => finding.code !== 'SIGNATURE_INVALID')).toEqual([]);
  });

  it('given a running chain, when it settles in the background, then the mark moves over what seals cover and stops before an event still waiting for its seal, sealing nothing', async () => {
    const chain = new SealChain(store, sealSubject('samr', 'i10'), 'samr/i10', new EventSigner(seed));
    await chain.resume();
    // No mark yet: the whole history once, all of it covered by now.
    expect((await chain.settle())?.seq).toBe(await store.lastSequenceMatching('hub.evt.samr.>'));
    const heads = new SubjectHeads(store, 'hub.evt.samr.>');
    expect(stored(await new AppendPipeline(store, heads, crashedBefore('samr/i10')).run('samr/650200', [lead(0)]))).toBe(1);
    const waiting = await store.lastSequenceMatching('hub.evt.samr.>');
    const sealed = await new AppendPipeline(store, heads, new SealChain(store, sealSubject('samr', 'i11'), 'samr/i11', new EventSigner(seed))).run('samr/650200', [lead(0)]);
    expect(sealed.filter((r) => 'error' in r)).toEqual([]);

    expect((await chain.settle())?.seq).toBe(waiting - 1);
    // Its own event in flight is left to its pipeline: still only awaiting a seal.
    expect((await verify()).summary.awaitingSeal).toBe(1);
  });
});
