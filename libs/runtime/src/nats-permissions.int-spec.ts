// The generated config against a real nats-server (our own, on a free port, temp store): who may
// publish, read and manage what. A permission violation never closes the connection; it arrives
// asynchronously as a status error, and a request (JetStream publish, JS API call) is rejected with it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  connect,
  nkeyAuthenticator,
  PermissionViolationError,
  RequestError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { answerHealthProbes, EVENT_STREAM, eventStreamConfig } from '@hub/event-store';
import { inboxPrefixFor, type Principal } from './index.js';
import { startTestNats, type TestNats } from './testing.js';

let nats: TestNats;
let admin: NatsConnection;
let adminJsm: JetStreamManager;
const connections: NatsConnection[] = [];

async function connectAs(principal: Principal): Promise<NatsConnection> {
  const nc = await connect(nats.connectOptions(principal));
  connections.push(nc);
  return nc;
}

/** The next permissions violation the server reports on `nc` (subscribe before provoking it). */
function nextViolation(nc: NatsConnection): Promise<PermissionViolationError> {
  const statuses = nc.status();
  return (async () => {
    for await (const s of statuses) {
      if (s.type === 'error' && s.error instanceof PermissionViolationError) return s.error;
    }
    throw new Error('connection closed before any permissions violation');
  })();
}

/** Asserts a request was refused by the server's publish permissions for `subject`. */
async function expectPublishRefused(request: Promise<unknown>, subject: string): Promise<void> {
  const err = await request.then(
    () => {
      throw new Error(`request to ${subject} unexpectedly succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  expect((err as Error).message).toBe(`Permissions Violation for Publish to "${subject}"`);
  const cause = (err as Error).cause;
  expect(cause).toBeInstanceOf(PermissionViolationError);
  expect(cause).toMatchObject({ operation: 'publish', subject });
}

async function messageCount(): Promise<number> {
  return (await adminJsm.streams.info(EVENT_STREAM)).state.messages;
}

beforeAll(async () => {
  nats = await startTestNats();
  admin = await connectAs('admin');
  adminJsm = await jetstreamManager(admin);
  await adminJsm.streams.add(eventStreamConfig());
});

afterAll(async () => {
  await Promise.all(connections.map((nc) => nc.close()));
  await nats?.cleanup();
});

describe('a department (dept:samr)', () => {
  let samr: NatsConnection;

  beforeAll(async () => {
    // Spelled out once: the nkey seed and the principal's own inbox prefix.
    samr = await connect({
      servers: nats.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(nats.secrets.users['dept:samr'].seed)),
      inboxPrefix: inboxPrefixFor('dept:samr'),
    });
    connections.push(samr);
  });

  it('appends under its own hub.evt.samr.>', async () => {
    const before = await messageCount();
    const ack = await jetstream(samr).publish('hub.evt.samr.653100.lead.L1', '{"type":"lead.reported"}', { msgID: 'e-1' });
    expect(ack).toMatchObject({ stream: EVENT_STREAM, seq: before + 1, duplicate: false });
  });

  it('cannot append for another department (JetStream publish is rejected)', async () => {
    const before = await messageCount();
    const violation = nextViolation(samr);
    await expectPublishRefused(jetstream(samr).publish('hub.evt.police.650100.lead.L1', '{}'), 'hub.evt.police.650100.lead.L1');
    await expect(violation).resolves.toMatchObject({ operation: 'publish', subject: 'hub.evt.police.650100.lead.L1' });
    expect(await messageCount()).toBe(before);
    expect(samr.isClosed()).toBe(false);
  });

  it('cannot append for another department (core publish is dropped and reported)', async () => {
    const before = await messageCount();
    const violation = nextViolation(samr);
    samr.publish('hub.evt.police.650100.lead.L1', '{}');
    const err = await violation;
    expect(err).toBeInstanceOf(PermissionViolationError);
    expect(err.message).toBe('Permissions Violation for Publish to "hub.evt.police.650100.lead.L1"');
    // The next allowed append lands right after the previous one: nothing slipped in between.
    const ack = await jetstream(samr).publish('hub.evt.samr.653100.lead.L2', '{}');
    expect(ack.seq).toBe(before + 1);
    expect(await messageCount()).toBe(before + 1);
    const police = await adminJsm.streams.info(EVENT_STREAM, { subjects_filter: 'hub.evt.police.>' });
    expect(police.state.subjects ?? {}).toEqual({});
  });

  it('cannot delete, purge or reconfigure the stream', async () => {
    const jsm = await jetstreamManager(samr);
    await expectPublishRefused(jsm.streams.delete(EVENT_STREAM), `$JS.API.STREAM.DELETE.${EVENT_STREAM}`);
    await expectPublishRefused(jsm.streams.purge(EVENT_STREAM), `$JS.API.STREAM.PURGE.${EVENT_STREAM}`);
    await expectPublishRefused(
      jsm.streams.update(EVENT_STREAM, { ...eventStreamConfig(), max_msgs: 1 }),
      `$JS.API.STREAM.UPDATE.${EVENT_STREAM}`,
    );
    await expectPublishRefused(jsm.streams.deleteMessage(EVENT_STREAM, 1), `$JS.API.STREAM.MSG.DELETE.${EVENT_STREAM}`);
    expect((await adminJsm.streams.info(EVENT_STREAM)).config.max_msgs).toBe(-1);
  });

  it('reads the stream: info, direct get, message get and an ordered consumer', async () => {
    const jsm = await jetstreamManager(samr);
    expect((await jsm.streams.info(EVENT_STREAM)).state.messages).toBe(await messageCount());
    const last = await jsm.direct.getMessage(EVENT_STREAM, { last_by_subj: 'hub.evt.samr.653100.lead.L1' });
    expect(last?.subject).toBe('hub.evt.samr.653100.lead.L1');
    const first = await jsm.streams.getMessage(EVENT_STREAM, { seq: 1 });
    expect(first?.subject).toBe('hub.evt.samr.653100.lead.L1');
    const ordered = await jetstream(samr).consumers.get(EVENT_STREAM, { filter_subjects: 'hub.evt.samr.>' });
    const msg = await ordered.next({ expires: 5_000 });
    expect(msg?.subject).toBe('hub.evt.samr.653100.lead.L1');
    await ordered.delete();
  });

  it('cannot read another principal’s replies', async () => {
    const sub = samr.subscribe(`${inboxPrefixFor('gateway')}.>`);
    const closed = await sub.closed;
    expect(closed).toBeInstanceOf(PermissionViolationError);
    expect(closed).toMatchObject({ operation: 'subscription', subject: '_INBOX_gateway.>' });
  });
});

describe('the gateway', () => {
  it('asks a department over hub.intake.<dept> and the department answers into the gateway\'s inbox', async () => {
    const samr = await connectAs('dept:samr');
    const gateway = await connectAs('gateway');
    const sub = samr.subscribe('hub.intake.samr', { queue: 'samr', callback: (_err, msg) => void msg.respond(`ok:${msg.string()}`) });
    await samr.flush();
    const reply = await gateway.request('hub.intake.samr', 'ping', { timeout: 5_000 });
    expect(reply.string()).toBe('ok:ping');
    sub.unsubscribe();
  });

  it('cannot publish events, neither through JetStream nor core NATS', async () => {
    const gateway = await connectAs('gateway');
    const before = await messageCount();
    await expectPublishRefused(jetstream(gateway).publish('hub.evt.samr.653100.lead.L9', '{}'), 'hub.evt.samr.653100.lead.L9');
    const violation = nextViolation(gateway);
    gateway.publish('hub.evt.samr.653100.lead.L9', '{}');
    await expect(violation).resolves.toMatchObject({ subject: 'hub.evt.samr.653100.lead.L9' });
    expect(await messageCount()).toBe(before);
  });

  it('replays the log for auditors with an ordered consumer, but cannot pull from, ack on or delete the projector\'s durable', async () => {
    const gateway = await connectAs('gateway');
    const replay = await jetstream(gateway).consumers.get(EVENT_STREAM, { filter_subjects: 'hub.evt.>' });
    const first = await replay.next({ expires: 5_000 });
    expect(first?.seq).toBe(1);
    await replay.delete();
    const jsm = await jetstreamManager(gateway);
    expect((await jsm.streams.getMessage(EVENT_STREAM, { seq: 1 }))?.seq).toBe(1);
    await adminJsm.consumers.add(EVENT_STREAM, { durable_name: 'projector', ack_policy: AckPolicy.Explicit }).catch(() => undefined);
    await expectPublishRefused(
      gateway.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.projector`, '{"batch":1}', { timeout: 5_000 }),
      `$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.projector`,
    );
    await expectPublishRefused(jsm.consumers.delete(EVENT_STREAM, 'projector'), `$JS.API.CONSUMER.DELETE.${EVENT_STREAM}.projector`);
    await expectPublishRefused(jsm.streams.purge(EVENT_STREAM), `$JS.API.STREAM.PURGE.${EVENT_STREAM}`);
    await expectPublishRefused(jetstream(gateway).publish('hub.evt.samr.653100.lead.L8', '{}'), 'hub.evt.samr.653100.lead.L8');
  });

  it('checks JetStream health', async () => {
    const jsm = await jetstreamManager(await connectAs('gateway'));
    expect((await jsm.streams.info(EVENT_STREAM)).config.name).toBe(EVENT_STREAM);
  });
});

describe('readiness probes (hub.health.>)', () => {
  it('the gateway asks a department service that answers once ready; another department cannot answer in its place', async () => {
    const samr = await connectAs('dept:samr');
    const gateway = await connectAs('gateway');
    await expect(gateway.request('hub.health.dept.samr', '', { timeout: 2_000 })).rejects.toThrow(); // nobody answers yet: not ready
    answerHealthProbes(samr, 'dept.samr');
    await samr.flush();
    expect((await gateway.request('hub.health.dept.samr', '', { timeout: 5_000 })).json()).toEqual({ ready: true });

    const police = await connectAs('dept:police');
    const violation = nextViolation(police);
    police.subscribe('hub.health.dept.samr');
    await expect(violation).resolves.toMatchObject({ subject: 'hub.health.dept.samr' });
  });

  it('projector and coordination answer their own probe only', async () => {
    const projector = await connectAs('projector');
    answerHealthProbes(projector, 'projector');
    await projector.flush();
    expect((await (await connectAs('gateway')).request('hub.health.projector', '', { timeout: 5_000 })).json()).toEqual({ ready: true });
    const violation = nextViolation(projector);
    projector.subscribe('hub.health.coordination');
    await expect(violation).resolves.toMatchObject({ subject: 'hub.health.coordination' });
  });
});

describe('consumers', () => {
  it('the projector owns durable "projector"; nobody else may pull from, ack on or delete it', async () => {
    const projector = await connectAs('projector');
    const pjsm = await jetstreamManager(projector);
    await pjsm.consumers.add(EVENT_STREAM, { durable_name: 'projector', ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(projector).consumers.get(EVENT_STREAM, 'projector');
    const msg = await consumer.next({ expires: 5_000 });
    expect(msg?.seq).toBe(1);
    expect(await msg?.ackAck()).toBe(true);

    const samr = await connectAs('dept:samr');
    await expectPublishRefused(
      samr.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.projector`, '{"batch":1}', { timeout: 5_000 }),
      `$JS.API.CONSUMER.MSG.NEXT.${EVENT_STREAM}.projector`,
    );
    const coordination = await jetstreamManager(await connectAs('coordination'));
    await expectPublishRefused(
      coordination.consumers.delete(EVENT_STREAM, 'projector'),
      `$JS.API.CONSUMER.DELETE.${EVENT_STREAM}.projector`,
    );
    expect((await pjsm.consumers.info(EVENT_STREAM, 'projector')).ack_floor.stream_seq).toBe(1);
  });

  it('coordination publishes the joint office’s events and nothing else', async () => {
    const js = jetstream(await connectAs('coordination'));
    const ack = await js.publish('hub.evt.joint.650000.cluster.C1', '{}');
    expect(ack.stream).toBe(EVENT_STREAM);
    await expectPublishRefused(js.publish('hub.evt.samr.653100.lead.L1', '{}'), 'hub.evt.samr.653100.lead.L1');
  });

  it('the auditor replays the log and publishes nothing', async () => {
    const auditor = await connectAs('auditor');
    const replay = await jetstream(auditor).consumers.get(EVENT_STREAM);
    const first = await replay.next({ expires: 5_000 });
    expect(first?.seq).toBe(1);
    await replay.delete();
    await expectPublishRefused(jetstream(auditor).publish('hub.evt.joint.650000.cluster.C2', '{}'), 'hub.evt.joint.650000.cluster.C2');
  });
});
