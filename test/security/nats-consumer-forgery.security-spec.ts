// Issue 12 §4, NATS: what a department holding its own nkey seed can do with consumers, against the real
// nats-server (2.9.10) and the real department services. Refused by permissions: unfiltered consumers (old
// and new create API), consumers on another department's or every subject, durables, a reserved durable's
// name. Not refusable on 2.9.10: a push consumer whose deliver_subject is `hub.intake.police` (the server
// does not check deliver subjects against the creator's permissions) — so the police service must ignore
// what it delivers (it serves only requests that reply into the gateway's inbox).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PermissionViolationError, RequestError, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { COORDINATION_ROLE_SUBJECT } from '@hub/domain';
import { EVENT_STREAM } from '@hub/event-store';
import { TestHub } from '../support/test-hub.js';
import { leadReported } from '../support/events.js';

const S = EVENT_STREAM;
let hub: TestHub;
let samr: NatsConnection;
let samrJsm: JetStreamManager;

/** Asserts the server refused the request by the connection's publish permissions for exactly `subject`. */
async function expectRefused(request: Promise<unknown>, subject: string): Promise<void> {
  const error = await request.then(
    () => new Error(`${subject} was allowed`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  expect((error as Error).cause).toBeInstanceOf(PermissionViolationError);
  expect((error as Error).cause).toMatchObject({ operation: 'publish', subject });
}

beforeAll(async () => {
  hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true });
  samr = await hub.connectAs('dept:samr');
  samrJsm = await jetstreamManager(samr);
});

afterAll(async () => {
  await samr?.close();
  await hub?.stop();
});

describe('a department creating consumers', () => {
  it('cannot create an unfiltered consumer, through the old API or a name without a filter', async () => {
    await expectRefused(samr.request(`$JS.API.CONSUMER.CREATE.${S}`, JSON.stringify({ stream_name: S, config: { ack_policy: 'none' } }), { timeout: 5_000 }), `$JS.API.CONSUMER.CREATE.${S}`);
    await expectRefused(samrJsm.consumers.add(S, { name: 'everything', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.everything`);
    await expectRefused(samrJsm.consumers.add(S, { name: 'all', filter_subject: 'hub.evt.>', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.all.hub.evt.>`);
  });

  it('cannot read another department’s subjects, nor create a durable, nor use a reserved durable name', async () => {
    await expectRefused(samrJsm.consumers.add(S, { name: 'spy', filter_subject: 'hub.evt.police.>', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.spy.hub.evt.police.>`);
    // Every unit's leads and referral chains, and the closure requesters' closure chains, are readable by design
    // (requests addressed to the department: `departmentReadFilters`); another unit's case is not (only the police
    // read every unit's cases, for the transfers addressed to them), nor a closure chain of a unit that makes no requests.
    await expectRefused(samrJsm.direct.getMessage(S, { last_by_subj: 'hub.evt.police.650100.case.C1' }), `$JS.API.DIRECT.GET.${S}.hub.evt.police.650100.case.C1`);
    await expectRefused(samrJsm.consumers.add(S, { name: 'cases', filter_subject: 'hub.evt.*.*.case.*', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.cases.hub.evt.*.*.case.*`);
    await expectRefused(samrJsm.consumers.add(S, { name: 'answers', filter_subject: 'hub.evt.telecom.*.closure.*', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.answers.hub.evt.telecom.*.closure.*`);
    await expectRefused(
      samr.request(`$JS.API.CONSUMER.DURABLE.CREATE.${S}.keep`, JSON.stringify({ stream_name: S, config: { durable_name: 'keep', ack_policy: 'explicit', filter_subject: 'hub.evt.samr.>' } }), { timeout: 5_000 }),
      `$JS.API.CONSUMER.DURABLE.CREATE.${S}.keep`,
    );
    await expectRefused(samrJsm.consumers.add(S, { name: 'projector', filter_subject: 'hub.evt.samr.>', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.projector.hub.evt.samr.>`);
  });

  it('still reads its own subjects with an ordered consumer (what its index rebuild does)', async () => {
    const stored = await hub.submit('samr', leadReported('SAMR-OWN'), { unit: 'samr/653100' });
    expect(stored.status).toBe(201);
    const ordered = await jetstream(samr).consumers.get(S, { filter_subjects: 'hub.evt.samr.>' });
    const first = await ordered.next({ expires: 5_000 });
    expect(first?.subject).toBe('hub.evt.samr.653100.lead.SAMR-OWN');
    await ordered.delete();
  });

  it('reads the closure requests addressed to it (a requester’s closure chains), and the police read every unit’s cases', async () => {
    const closures = await samrJsm.consumers.add(S, { name: 'closure-requests', filter_subject: 'hub.evt.cac.*.closure.*', ack_policy: AckPolicy.None });
    expect(closures.config.filter_subject).toBe('hub.evt.cac.*.closure.*');
    await samrJsm.consumers.delete(S, 'closure-requests');
    const police = await hub.connectAs('dept:police');
    try {
      const policeJsm = await jetstreamManager(police);
      const cases = await policeJsm.consumers.add(S, { name: 'transfers', filter_subject: 'hub.evt.*.*.case.*', ack_policy: AckPolicy.None });
      expect(cases.config.filter_subject).toBe('hub.evt.*.*.case.*');
      await policeJsm.consumers.delete(S, 'transfers');
      // …but not every unit's closure chains (a closure answer of another unit is none of its business).
      await expectRefused(policeJsm.consumers.add(S, { name: 'all-closures', filter_subject: 'hub.evt.*.*.closure.*', ack_policy: AckPolicy.None }), `$JS.API.CONSUMER.CREATE.${S}.all-closures.hub.evt.*.*.closure.*`);
    } finally {
      await police.close();
    }
  });
});

describe('the deliver_subject: hub.intake.police forgery', () => {
  it('is accepted by nats-server 2.9.10, and the police service ignores what it delivers', async () => {
    // samr stores, under its own subjects, a message shaped like the gateway's intake request for a police unit.
    const forgedId = crypto.randomUUID();
    const packet = { pattern: 'hub.intake.police', id: forgedId, data: { unit: 'police/650100', events: leadReported('FORGED', { id: forgedId }) } };
    const ack = await jetstream(samr).publish('hub.evt.samr.653100.lead.FORGED', JSON.stringify(packet));

    // The server does not check deliver_subject (nor deliver_group) against samr's permissions: created.
    const created = await samrJsm.consumers.add(S, {
      name: 'forge',
      filter_subject: 'hub.evt.samr.>',
      deliver_subject: 'hub.intake.police',
      deliver_group: 'department-police',
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: ack.seq,
      ack_policy: AckPolicy.None,
    });
    expect(created.config.deliver_subject).toBe('hub.intake.police');

    // Wait until the server has pushed the forged message to the police service's subscription.
    const adminJsm = await jetstreamManager(hub.admin);
    for (let info = await adminJsm.consumers.info(S, 'forge'); info.delivered.stream_seq < ack.seq; info = await adminJsm.consumers.info(S, 'forge')) {
      // each round is one JetStream API round trip; nothing to sleep on
    }

    // The same event id through the gateway, after the forged delivery: had police acted on the forgery,
    // this would be a duplicate of it (the pipeline waits for an in-flight id, then answers duplicate).
    const real = await hub.submit('police', leadReported('REAL', { id: forgedId }), { unit: 'police/650100' });
    expect(real.status).toBe(201);
    expect(real.body.results[0]).toMatchObject({ id: forgedId, subject: 'lead/REAL', duplicate: false });
    const police = await adminJsm.streams.info(S, { subjects_filter: 'hub.evt.police.>' });
    expect(Object.keys(police.state.subjects ?? {})).toEqual(['hub.evt.police.650100.lead.REAL']);
    await adminJsm.consumers.delete(S, 'forge');
  });
});

describe('the deliver_subject: hub.coord.people.role forgery', () => {
  it('does not make the coordination service grant a role', async () => {
    // samr stores a role grant request (admin for an account of its choosing) and pushes it at coordination.
    const requestId = crypto.randomUUID();
    const grant = { type: 'role.granted', accountId: 'A-attacker', role: 'admin', by: 'account:A-admin', reason: '伪造', requestId };
    const ack = await jetstream(samr).publish('hub.evt.samr.653100.lead.FORGED-ROLE', JSON.stringify(grant));
    await samrJsm.consumers.add(S, {
      name: 'forge-role',
      filter_subject: 'hub.evt.samr.>',
      deliver_subject: COORDINATION_ROLE_SUBJECT,
      deliver_group: 'coordination',
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: ack.seq,
      ack_policy: AckPolicy.None,
    });
    const adminJsm = await jetstreamManager(hub.admin);
    for (let info = await adminJsm.consumers.info(S, 'forge-role'); info.delivered.stream_seq < ack.seq; info = await adminJsm.consumers.info(S, 'forge-role')) {
      // each round is one JetStream API round trip
    }
    // The gateway's own request with the same request id (same deterministic event id): had coordination
    // published the forged grant, this would come back as a duplicate of it, naming A-attacker.
    const gateway = await hub.connectAs('gateway');
    const reply = (await gateway.request(COORDINATION_ROLE_SUBJECT, JSON.stringify({ ...grant, accountId: 'A-real', reason: '正常授权' }), { timeout: 30_000 })).json<{ ok: boolean; duplicate: boolean; event: { subject: string } }>();
    await gateway.close();
    expect(reply).toEqual(expect.objectContaining({ ok: true, duplicate: false, event: expect.objectContaining({ subject: 'account/A-real' }) }));
    await adminJsm.consumers.delete(S, 'forge-role');
  });
});
