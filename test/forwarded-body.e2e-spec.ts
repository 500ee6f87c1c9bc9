// The gateway forwards an events body unread; the department service reads, validates and appends it (issue 16 §2).
// A body larger than a chunk (1,000 events) is the case where that matters: the gateway used to validate all of it
// before sending any chunk, so a bad event anywhere stored nothing; the department now validates the whole body
// before its first chunk, and a rule's refusal of a later chunk still answers what the earlier chunks stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestHub } from './support/test-hub.js';
import { event, leadReported } from './support/events.js';

const unit = 'samr/653100';
const leads = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => leadReported(`${prefix}-${i}`));
const decided = (id: string) => event('case.decided', `case/${id}`, { decisionNo: `喀市监处罚〔2021〕${id}号`, fine: 5_000, confiscation: 0 }, '2021-11-01T10:00:00+08:00');

describe('bodies the gateway forwards unread', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'] });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given 1,600 events with a bad time at [1500], when submitted, then 400 naming [1500].time and nothing of the body stored', async () => {
    const body = leads('FWD-BAD', 1_600);
    body[1_500] = { ...body[1_500], time: 'yesterday' };
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', body, { unit });
    expect({ status: response.status, code: response.body.code, paths: response.body.fields?.map((f) => f.path) }).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['[1500].time'] });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given 1,500 events whose [1200] breaks a lifecycle rule, when submitted, then 409 with the first 1,000 stored and the rest SKIPPED, as the gateway answered', async () => {
    const body: Record<string, unknown>[] = leads('FWD-RULE', 1_500);
    body[1_200] = decided('FWD-NO-CASE');
    const before = await hub.storedEvents();
    const response = await hub.submit('samr', body, { unit });
    expect({ status: response.status, code: response.body.code, paths: response.body.fields?.map((f) => f.path) }).toEqual({ status: 409, code: 'CASE_NOT_OPENED', paths: ['[1200].type'] });
    const { results } = response.body;
    expect(results.length).toBe(1_500);
    expect(results.slice(0, 1_000).every((r) => r.error === undefined && r.duplicate === false)).toBe(true);
    expect(results.slice(1_000).map((r) => r.error?.code)).toEqual(Array.from({ length: 500 }, () => 'SKIPPED'));
    expect(results[1_000]?.id).toBe(body[1_000]?.['id']);
    expect(await hub.storedEvents()).toBe(before + 1_000);
  });

  it('given a body that is not JSON, a JSON string and an empty array, when submitted, then the 400s the gateway gave', async () => {
    const cut = await hub.submit('samr', '[{"id":', { unit });
    expect({ status: cut.status, code: cut.body.code, fields: cut.body.fields }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: [{ path: '(body)', message: expect.stringMatching(/^not valid JSON: /) as unknown as string }] });
    const text = await hub.submit('samr', '"lead"', { unit });
    expect({ status: text.status, path: text.body.fields?.[0]?.path }).toEqual({ status: 400, path: '(body)' });
    const empty = await hub.submit('samr', [], { unit });
    expect(empty.status).toBe(400);
  });

  it('given the department service is down, when a bad body is submitted, then the 400 naming its fields, not a 503; a good one gets 503', async () => {
    await hub.stopDepartment('samr');
    try {
      const cut = await hub.submit('samr', '[{"id":', { unit });
      expect({ status: cut.status, path: cut.body.fields?.[0]?.path }).toEqual({ status: 400, path: '(body)' });
      const bad = await hub.submit('samr', [{ ...leadReported('FWD-DOWN-BAD'), time: 'yesterday' }], { unit });
      expect({ status: bad.status, paths: bad.body.fields?.map((f) => f.path) }).toEqual({ status: 400, paths: ['[0].time'] });
      const good = await hub.submit('samr', [leadReported('FWD-DOWN-GOOD')], { unit });
      expect(good.status).toBe(503);
    } finally {
      await hub.startDepartment('samr');
    }
  });
});
