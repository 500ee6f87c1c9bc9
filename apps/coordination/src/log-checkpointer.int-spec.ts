// The joint checkpoint against a real nats-server: the tree head over every event hash in stream order,
// extended from headers only, skipped when only checkpoints were stored since, and continued after a
// restart from the frontier the last checkpoint event carries.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createUser } from '@nats-io/nkeys';
import { checkpointValid, EventSigner, hashEvent, merkleRoot, streamSubjectOf, type HubEvent, type UnsealedEvent } from '@hub/domain';
import { encodeEvent, ensureEventStream, JetStreamEventStore } from '@hub/event-store';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { JointPublisher } from './joint-publisher.js';
import { LogCheckpointer } from './log-checkpointer.js';

const seed = new TextDecoder().decode(createUser().getSeed());
const key = new EventSigner(seed);
let nats: TestNats;
let nc: NatsConnection;
let store: JetStreamEventStore;

beforeAll(async () => {
  nats = await startTestNats();
  nc = await connect(nats.connectOptions('admin'));
  await ensureEventStream(await jetstreamManager(nc), { name: 'CHECKPOINTS' });
  store = new JetStreamEventStore(nc, 'CHECKPOINTS');
});

afterAll(async () => {
  await nc?.close();
  await nats?.cleanup();
});

async function appendLeads(n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const subject = `lead/L-${randomUUID()}`;
    const unsealed: UnsealedEvent = { id: randomUUID(), type: 'lead.reported', source: 'samr/653100', subject, time: '2021-10-08T09:30:00+08:00', recordedAt: new Date().toISOString(), version: 1, data: { summary: '假冒运动鞋' }, prevHash: null };
    const { body, headers } = encodeEvent({ ...unsealed, hash: hashEvent(unsealed) });
    await jetstream(nc).publish(streamSubjectOf('samr/653100', subject), body, { headers, msgID: unsealed.id });
  }
}

/** Every event hash in the stream, in stream order (what a checkpoint must cover). */
async function allEventHashes(): Promise<string[]> {
  const hashes: string[] = [];
  for await (const msg of store.read({ filter: 'hub.evt.>' })) hashes.push((msg.json<HubEvent>()).hash);
  return hashes;
}

async function checkpointer(): Promise<LogCheckpointer> {
  const publisher = new JointPublisher(store, seed, 'checkpoint-spec');
  await publisher.catchUp((error) => {
    throw error;
  });
  return new LogCheckpointer(store, publisher, key);
}

describe('joint log checkpoints against a real JetStream', () => {
  it('given events, when checkpointed, then the signed root is over every event hash; with only checkpoints since, none; after a restart, it continues from the frontier', async () => {
    await appendLeads(5);
    const first = await checkpointer();
    const head = await first.checkpoint();
    expect(head).toMatchObject({ treeSize: 5, root: merkleRoot((await allEventHashes()).slice(0, 5)) });
    expect(checkpointValid(head ?? ({} as never), key.publicKey)).toBe(true);
    // The checkpoint event itself (and its seal) came since: nothing for a new checkpoint.
    expect(await first.checkpoint()).toBeUndefined();

    await appendLeads(3);
    const restarted = await checkpointer();
    const next = await restarted.checkpoint();
    const hashes = await allEventHashes();
    // 5 leads, the first checkpoint, 3 leads: the second checkpoint covers them all.
    expect(next).toMatchObject({ treeSize: 9, root: merkleRoot(hashes.slice(0, 9)) });
    expect(hashes).toHaveLength(10);
  });
});
