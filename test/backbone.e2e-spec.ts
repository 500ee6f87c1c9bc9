import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { checkInclusionProof, EventSigner, hashEvent, streamSubjectOf, type HubEvent, type InclusionProof } from '@hub/domain';
import { proveInclusion } from '@hub/audit';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { TestHub } from './support/test-hub.js';
import { leadClosed, leadReported, takedown } from './support/events.js';

describe('event backbone through HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], maxBatch: 2_000 });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const readAggregate = async (unit: string, subject: string): Promise<HubEvent[]> => {
    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    return (await store.readAggregate(streamSubjectOf(unit, subject))).map((stored) => stored.event);
  };

  it("given a samr/653100 token, when a lead.reported is submitted, then it is stored at version 1 and answered only once its batch's seal, signed with samr's key, proves it", async () => {
    const event = leadReported('L-signed');
    const response = await hub.submit('samr', event, { unit: 'samr/653100' });

    expect(response.status).toBe(201);
    expect(response.body.results).toEqual([{ id: event.id, subject: 'lead/L-signed', version: 1, seq: expect.any(Number), duplicate: false }]);
    const [stored, ...rest] = await readAggregate('samr/653100', 'lead/L-signed');
    expect(rest).toHaveLength(0);
    expect(stored).toMatchObject({ id: event.id, source: 'samr/653100', version: 1, prevHash: null, data: event.data });
    expect(hashEvent(stored as HubEvent)).toBe(stored?.hash);
    expect(stored?.sig).toBeUndefined(); // signed by its batch seal, not on its own
    const seq = (response.body.results[0] as { seq: number }).seq;
    const proof = await proveInclusion(jetstream(hub.admin), EVENT_STREAM, seq);
    expect(proof).toMatchObject({ seq, sealSubject: expect.stringMatching(/^hub\.seal\.samr\./), treeSize: 1 });
    const samrKey = new EventSigner(hub.seeds.samr ?? '').publicKey;
    expect(checkInclusionProof(proof as InclusionProof, samrKey)).toEqual([]);
    const policeKey = new EventSigner(hub.seeds.police ?? '').publicKey;
    expect(checkInclusionProof(proof as InclusionProof, policeKey)).toEqual(['seal not signed by that key']);
  });

  it('given a stored event, when the same id is submitted again, then it is answered as a duplicate and stored once', async () => {
    const event = leadReported('L-dup');
    const first = await hub.submit('samr', event, { unit: 'samr/653100' });
    const before = await hub.storedEvents();
    const second = await hub.submit('samr', event, { unit: 'samr/653100' });

    expect(second.status).toBe(201);
    expect(second.body.results[0]).toEqual({ ...first.body.results[0], duplicate: true });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given events on one aggregate in one batch, when submitted, then they are versioned in order and hash-chained', async () => {
    const response = await hub.submit('samr', [leadReported('L-chain'), leadClosed('L-chain')], { unit: 'samr/653100' });

    expect(response.status).toBe(201);
    expect(response.body.results.map((r) => r.version)).toEqual([1, 2]);
    const [v1, v2] = await readAggregate('samr/653100', 'lead/L-chain');
    expect(v2?.prevHash).toBe(v1?.hash);
  });

  it('given an aggregate at version 1, when two writers concurrently append expecting version 1, then exactly one gets 409 with the current version', async () => {
    await hub.submit('samr', leadReported('L-race'), { unit: 'samr/653100' });
    const [a, b] = await Promise.all([
      hub.submit('samr', leadClosed('L-race', { expectedVersion: 1 }), { unit: 'samr/653100' }),
      hub.submit('samr', leadClosed('L-race', { expectedVersion: 1 }), { unit: 'samr/653100' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body.conflicts).toEqual([expect.objectContaining({ expectedVersion: 1, currentVersion: 2 })]);
    expect(await readAggregate('samr/653100', 'lead/L-race')).toHaveLength(2);
  });

  it('given a stale expectedVersion, when submitted, then 409 and nothing is stored', async () => {
    await hub.submit('samr', leadReported('L-stale'), { unit: 'samr/653100' });
    const response = await hub.submit('samr', leadClosed('L-stale', { expectedVersion: 0 }), { unit: 'samr/653100' });

    expect(response.status).toBe(409);
    expect(response.body.conflicts?.[0]).toMatchObject({ expectedVersion: 0, currentVersion: 1 });
    expect(await readAggregate('samr/653100', 'lead/L-stale')).toHaveLength(1);
  });

  it("given a police token, when it submits as samr, then 403 and nothing is stored", async () => {
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', leadReported('L-foreign'), { unit: 'police/650100' });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given coordinator and auditor tokens, when they submit events, then 403', async () => {
    for (const token of [hub.credentials.coordinator, hub.credentials.auditor]) {
      expect((await hub.submit('samr', leadReported('L-role'), { token })).status).toBe(403);
    }
  });

  it('given no token or an unknown one, when submitting, then 401', async () => {
    expect((await hub.submit('samr', leadReported('L-anon'))).status).toBe(401);
    expect((await hub.submit('samr', leadReported('L-anon'), { token: 'nope' })).status).toBe(401);
  });

  it("given samr's NATS user, when it publishes directly under police's subjects, then the server refuses and nothing is stored", async () => {
    const before = await hub.storedEvents();
    const samr = await hub.connectAs('dept:samr');
    try {
      await expect(jetstream(samr).publish('hub.evt.police.650100.lead.FORGED', '{}', { timeout: 5_000 })).rejects.toThrow(/permission/i);
    } finally {
      await samr.close();
    }
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given a batch with bad fields, when submitted, then 400 names each failing path and nothing is stored', async () => {
    const before = await hub.storedEvents();
    const bad = leadReported('L-bad');
    (bad.data as Record<string, unknown>).category = 'not-a-category';
    const badPhone = leadReported('L-bad2', {});
    (badPhone.data as Record<string, unknown>).entities = [{ kind: 'phone', value: '12' }];
    const response = await hub.submit('samr', [leadReported('L-good'), bad, takedown('T-bad', -1), badPhone], { unit: 'samr/653100' });

    expect(response.status).toBe(400);
    const paths = (response.body.fields ?? []).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['[1].data.category', '[2].data.count', '[3].data.entities[0].value']));
    expect(paths).not.toContain('[0].data.category');
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given a body that is not JSON, when submitted, then 400 naming the body', async () => {
    const response = await hub.submit('samr', '{"id": ', { unit: 'samr/653100' });
    expect(response.status).toBe(400);
    expect(response.body.fields?.[0]?.path).toBe('(body)');
  });

  it('given more events than the batch limit, when submitted, then 413 and nothing is stored', async () => {
    const before = await hub.storedEvents();
    const events = Array.from({ length: 2_001 }, (_, i) => takedown(`T-big-${i}`));
    const response = await hub.submit('samr', events, { unit: 'samr/653100' });
    expect(response.status).toBe(413);
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given a USCC with a wrong check character, when reported, then the lead is stored and flagged', async () => {
    const event = leadReported('L-flag');
    (event.data as Record<string, unknown>).entities = [{ kind: 'uscc', value: '91110000600037341A' }];
    const response = await hub.submit('samr', event, { unit: 'samr/653100' });
    expect(response.status).toBe(201);
    expect(response.body.results[0]?.flags).toEqual(['data.entities[0].value: uscc_checksum_invalid']);
  });

  it('given a batch of 2000 events over several aggregates, when submitted, then every event is stored once in order', async () => {
    const events = Array.from({ length: 2_000 }, (_, i) => (i % 2 === 0 ? leadReported(`L-bulk-${i / 2}`) : leadClosed(`L-bulk-${(i - 1) / 2}`)));
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', events, { unit: 'samr/654000' });

    expect(response.status).toBe(201);
    expect(response.body.results).toHaveLength(2_000);
    expect(response.body.results.every((r, i) => r.version === (i % 2) + 1)).toBe(true);
    expect(await hub.storedEvents()).toBe(before + 2_000);
  });

  it('given a department service restarted, when a stored id is submitted again, then the rebuilt index answers duplicate', async () => {
    const event = leadReported(`L-restart-${randomUUID().slice(0, 8)}`);
    await hub.submit('samr', event, { unit: 'samr/653100' });
    await hub.stopDepartment('samr');
    await hub.startDepartment('samr');
    const before = await hub.storedEvents();
    const again = await hub.submit('samr', event, { unit: 'samr/653100' });
    expect(again.body.results[0]).toMatchObject({ duplicate: true, version: 1 });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given the department service is down, when submitting, then 503 and a retry with the same ids after restart stores each once', async () => {
    await hub.stopDepartment('police');
    const event = leadReported('L-retry');
    const down = await hub.submit('police', event, { unit: 'police/650100' });
    expect(down.status).toBe(503);
    await hub.startDepartment('police');
    const first = await hub.submit('police', event, { unit: 'police/650100' });
    const second = await hub.submit('police', event, { unit: 'police/650100' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.results[0]).toMatchObject({ duplicate: true, seq: first.body.results[0]?.seq });
  });

  it('serves readiness and the OpenAPI document', async () => {
    const ready = await fetch(`${hub.url}/health/ready`);
    expect(ready.status).toBe(200);
    const docs = await fetch(`${hub.url}/api/docs/openapi.json`);
    const document = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/departments/{dept}/events');
  });
});
