// Batch seals against a real nats-server and the real verification pass (verifyLog): events appended by
// the department's append pipeline and sealed by its SealChain, then an operator with admin rights tampers
// with the stream — a flipped byte, a dropped, reordered or foreign event, a forged seal, a seal signed with
// another department's key, a gap in a seal chain — and each is named.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { EventSigner, hashEvent, hashSeal, planReplay, sealSubject, type BatchSeal, type Finding, type HubEvent, type KeyRegistry, type ReplayQuery } from '@hub/domain';
import { AppendPipeline, ensureEventStream, JetStreamEventStore, SealChain, SubjectHeads } from '@hub/event-store';
import { inboxPrefixFor } from '@hub/runtime';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { proveInclusion } from './event-proof.js';
import { verifyLog } from './log-verification.js';
import { checkInclusionProof } from '@hub/domain';

const newSigner = (): EventSigner => new EventSigner(new TextDecoder().decode(createUser().getSeed()));
const signers = { samr: newSigner(), police: newSigner() };
const registry: KeyRegistry = {
  version: 1,
  keys: Object.entries(signers).map(([department, signer]) => ({ department, publicKey: signer.publicKey, validFrom: '2021-01-01T00:00:00Z', validTo: null })),
};
let nats: TestNats;
let nc: NatsConnection;
let streams = 0;

beforeAll(async () => {
  nats = await startTestNats();
  nc = await connect(nats.connectOptions('admin'));
});

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
});

const lead = (id: string): { index: number; command: { id: string; type: string; subject: string; time: string; data: Record<string, unknown> } } => ({
  index: 0,
  command: { id: randomUUID(), type: 'lead.reported', subject: `lead/${id}`, time: '2021-10-08T09:30:00+08:00', data: { category: 'counterfeit', channel: 'monitoring', summary: '假冒运动鞋', entities: [] } },
});

/** A fresh stream with two samr batches (3 and 2 leads) and one police batch, appended and sealed as the services do. */
/** Streams may not share subjects: the one before goes when the next is made. */
async function freshStream(): Promise<string> {
  const jsm = await jetstreamManager(nc);
  if (streams > 0) await jsm.streams.delete(`SEALS_${streams}`).catch(() => undefined);
  const name = `SEALS_${(streams += 1)}`;
  await ensureEventStream(jsm, { name });
  return name;
}

async function sealedLog(): Promise<JetStreamEventStore> {
  const name = await freshStream();
  const store = new JetStreamEventStore(nc, name);
  const pipeline = (department: 'samr' | 'police'): AppendPipeline =>
    new AppendPipeline(store, new SubjectHeads(store, `hub.evt.${department}.>`), new SealChain(store, sealSubject(department, 'i1'), `${department}/i1`, signers[department]));
  const samr = pipeline('samr');
  const batch = (ids: string[]): ReturnType<typeof lead>[] => ids.map((id, index) => ({ ...lead(id), index }));
  for (const ids of [['A', 'B', 'C'], ['D', 'E']]) expect((await samr.run('samr/653100', batch(ids))).every((r) => !('error' in r))).toBe(true);
  expect((await pipeline('police').run('police/653100', batch(['P']))).every((r) => !('error' in r))).toBe(true);
  return store;
}

async function verify(store: JetStreamEventStore, events = 6, query: ReplayQuery = {}, seals = 3): Promise<[string, number | null][]> {
  const findings: Finding[] = [];
  // A whole-log pass has one worker thread read the stream by sequence range itself (as the gateway and the CLI do).
  const reader = { url: nats.url, seed: nats.secrets.users.admin.seed, inboxPrefix: inboxPrefixFor('admin') };
  const summary = await verifyLog({ js: jetstream(nc), stream: store.stream, plan: planReplay(query), registry, workers: 1, reader, onFinding: (f) => findings.push(f) });
  expect(summary.seals).toBe(seals);
  expect(summary.events).toBe(events);
  return findings.map((f): [string, number | null] => [f.code, f.seq]).sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0) || a[0].localeCompare(b[0]));
}

/** Copies the stream into a new one message by message, letting `edit` change, drop or add messages (admin rights). */
async function rewritten(store: JetStreamEventStore, edit: (seq: number, subject: string, body: string) => { subject: string; body: string }[]): Promise<JetStreamEventStore> {
  const messages: { seq: number; subject: string; body: string }[] = [];
  for await (const msg of store.read({})) messages.push({ seq: msg.seq, subject: msg.subject, body: new TextDecoder().decode(msg.data) });
  const name = await freshStream();
  const js = jetstream(nc);
  for (const message of messages) {
    for (const out of edit(message.seq, message.subject, message.body)) await js.publish(out.subject, out.body, { expect: { streamName: name } });
  }
  return new JetStreamEventStore(nc, name);
}

describe('batch seals against a real JetStream', () => {
  it('given two departments appending through their pipelines, when verified, then one seal per batch covers every event and nothing is found; an inclusion proof checks out', async () => {
    const store = await sealedLog();
    expect(await verify(store)).toEqual([]);
    const proof = await proveInclusion(jetstream(nc), store.stream, 2);
    expect(proof).toMatchObject({ seq: 2, leafIndex: 1, treeSize: 3, sealSeq: 4, sealSubject: 'hub.seal.samr.i1' });
    expect(checkInclusionProof(proof as NonNullable<typeof proof>, signers.samr.publicKey)).toEqual([]);
    expect(checkInclusionProof(proof as NonNullable<typeof proof>, signers.police.publicKey)).toEqual(['seal not signed by that key']);
  });

  it('given a flipped byte in a sealed event, then its hash fails; rehashed to match, then its seal\'s root fails', async () => {
    const flipped = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject, body: seq === 2 ? body.replace('假冒运动鞋', '假冒运动衣') : body }]);
    expect(await verify(flipped)).toEqual([['HASH_MISMATCH', 2]]);
    const rehashed = await rewritten(await sealedLog(), (seq, subject, body) => {
      if (seq !== 2) return [{ subject, body }];
      const event = JSON.parse(body.replace('假冒运动鞋', '假冒运动衣')) as HubEvent;
      return [{ subject, body: JSON.stringify({ ...event, hash: hashEvent(event) }) }];
    });
    expect(await verify(rehashed)).toEqual([['SEAL_ROOT_MISMATCH', 4]]);
  });

  it('given a sealed event dropped, or two sealed events reordered, then the seal names it', async () => {
    // Dropping seq 2 moves everything after it one sequence down, so the seal lists what is not there any more.
    const dropped = await rewritten(await sealedLog(), (seq, subject, body) => (seq === 2 ? [] : [{ subject, body }]));
    expect((await verify(dropped, 5)).map(([code]) => code)).toContain('SEAL_COVERS_UNKNOWN');
    let held: { subject: string; body: string } | undefined;
    const reordered = await rewritten(await sealedLog(), (seq, subject, body) => {
      if (seq === 1) {
        held = { subject, body };
        return [];
      }
      return seq === 2 && held ? [{ subject, body }, held] : [{ subject, body }];
    });
    expect(await verify(reordered)).toEqual([['SEAL_ROOT_MISMATCH', 4]]);
  });

  it("given a forged seal, a seal signed with another department's key, and a gap in a seal chain, then each is named", async () => {
    // Seqs: samr A B C, seal 4, D E, seal 7, police P, seal 9.
    const forged = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject, body: seq === 4 ? JSON.stringify({ ...(JSON.parse(body) as BatchSeal), root: 'f'.repeat(64) }) : body }]);
    expect(await verify(forged)).toEqual([['SEAL_HASH_MISMATCH', 4], ['SEAL_ROOT_MISMATCH', 4]]);
    const signedByPolice = (body: string): string => {
      const seal = JSON.parse(body) as BatchSeal;
      return JSON.stringify({ ...seal, sig: signers.police.sign(hashSeal(seal)) });
    };
    const foreignKey = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject, body: seq === 4 ? signedByPolice(body) : body }]);
    expect(await verify(foreignKey)).toEqual([['SIGNED_BY_OTHER_DEPARTMENT', 4]]);
    // The first seal moved out of samr/i1's chain (to another subject): the chain samr/i1 now has a gap.
    const gap = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject: seq === 4 ? sealSubject('samr', 'i2') : subject, body }]);
    expect(await verify(gap)).toEqual([['SUBJECT_MISMATCH', 4], ['SEAL_CHAIN_BROKEN', 7]]);
  });
});

describe('filtered and time-bounded verification checks the seals of the events it reads', () => {
  // Seqs: samr A B C, seal 4, D E, seal 7, police P, seal 9.
  it('given the untouched log, when verified by aggregate, by department and by sequence or time range, then each event is found in its seal and nothing is found', async () => {
    const store = await sealedLog();
    expect(await verify(store, 1, { subject: 'lead/E' }, 1)).toEqual([]);
    expect(await verify(store, 1, { department: 'police' }, 1)).toEqual([]);
    // From seq 3 to 5: C's seal lists A and B before the range, D's seal lies after it.
    expect(await verify(store, 2, { fromSeq: 3, toSeq: 5 }, 2)).toEqual([]);
    const since = new Date(Date.now() - 60_000).toISOString();
    expect(await verify(store, 6, { since }, 3)).toEqual([]);
  });

  it('given an event inside the filter altered and rehashed after sealing, then its seal\'s root fails; with a flipped byte its hash fails', async () => {
    const rehashed = await rewritten(await sealedLog(), (seq, subject, body) => {
      if (seq !== 5) return [{ subject, body }];
      const event = JSON.parse(body.replace('假冒运动鞋', '假冒运动衣')) as HubEvent;
      return [{ subject, body: JSON.stringify({ ...event, hash: hashEvent(event) }) }];
    });
    expect(await verify(rehashed, 1, { subject: 'lead/D' }, 1)).toEqual([['SEAL_ROOT_MISMATCH', 7]]);
    expect(await verify(rehashed, 1, { fromSeq: 5, toSeq: 5 }, 1)).toEqual([['SEAL_ROOT_MISMATCH', 7]]);
    const flipped = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject, body: seq === 5 ? body.replace('假冒运动鞋', '假冒运动衣') : body }]);
    expect(await verify(flipped, 1, { subject: 'lead/D' }, 1)).toEqual([['HASH_MISMATCH', 5]]);
  });

  it("given an event outside the filter altered and rehashed, a seal forged or signed with another department's key, then the filtered pass over a neighbour names the seal", async () => {
    const neighbour = await rewritten(await sealedLog(), (seq, subject, body) => {
      if (seq !== 1) return [{ subject, body }];
      const event = JSON.parse(body.replace('假冒运动鞋', '假冒运动衣')) as HubEvent;
      return [{ subject, body: JSON.stringify({ ...event, hash: hashEvent(event) }) }];
    });
    expect(await verify(neighbour, 1, { subject: 'lead/C' }, 1)).toEqual([['SEAL_ROOT_MISMATCH', 4]]);
    const forged = await rewritten(await sealedLog(), (seq, subject, body) => [{ subject, body: seq === 9 ? JSON.stringify({ ...(JSON.parse(body) as BatchSeal), root: 'f'.repeat(64) }) : body }]);
    expect(await verify(forged, 1, { department: 'police' }, 1)).toEqual([['SEAL_HASH_MISMATCH', 9], ['SEAL_ROOT_MISMATCH', 9]]);
    const foreignKey = await rewritten(await sealedLog(), (seq, subject, body) => {
      if (seq !== 7) return [{ subject, body }];
      const seal = JSON.parse(body) as BatchSeal;
      return [{ subject, body: JSON.stringify({ ...seal, sig: signers.police.sign(hashSeal(seal)) }) }];
    });
    expect(await verify(foreignKey, 1, { subject: 'lead/E' }, 1)).toEqual([['SIGNED_BY_OTHER_DEPARTMENT', 7]]);
  });

  it('given the seal of a filtered event dropped, then the event awaits a seal (UNSEALED once past the grace), and a dropped neighbour shows in the seal', async () => {
    const sealDropped = await rewritten(await sealedLog(), (seq, subject, body) => (seq === 9 ? [] : [{ subject, body }]));
    const findings: Finding[] = [];
    const summary = await verifyLog({ js: jetstream(nc), stream: sealDropped.stream, plan: planReplay({ department: 'police' }), registry, workers: 0, onFinding: (f) => findings.push(f) });
    // Stored a moment ago, the event is only awaiting its seal: not a finding yet.
    expect(summary).toMatchObject({ events: 1, seals: 0, awaitingSeal: 1, findings: 0 });
    // A neighbour of D dropped (seq 4, the first seal; everything after moves down one): D's seal, now at 6, lists 6 itself.
    const neighbourDropped = await rewritten(await sealedLog(), (seq, subject, body) => (seq === 6 ? [] : [{ subject, body }]));
    expect((await verify(neighbourDropped, 1, { subject: 'lead/D' }, 1)).map(([code]) => code)).toContain('SEAL_COVERS_UNKNOWN');
  });
});
