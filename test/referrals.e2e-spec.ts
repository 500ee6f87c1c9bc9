import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReferralPage } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { event, leadReported } from './support/events.js';

describe('referrals through HTTP: lists, inbox, deadlines on working days, who may answer', () => {
  let hub: TestHub;
  let now = new Date('2021-10-08T12:00:00+08:00');

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true, clock: () => now });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const list = async (path: string, auth: { unit?: string; token?: string }): Promise<{ status: number; body: ReferralPage & { fields?: { path: string }[] } }> => {
    const response = await hub.get(path, auth);
    return { status: response.status, body: (await response.json()) as ReferralPage };
  };
  const asCoordinator = () => ({ token: hub.credentials.coordinator });

  /** `from` (samr/653100 unless told) reports a lead and refers it to police/650100 on 2021-09-29 (no dueAt: the working-day clock applies). */
  const refer = async (leadId: string, referralId: string, to = { toDepartment: 'police', toRegion: '650100' }, from = 'samr/653100'): Promise<void> => {
    const lead = leadReported(leadId, { time: '2021-09-29T09:00:00+08:00' });
    const referred = event('lead.referred', `lead/${leadId}`, { referralId, ...to, reason: '涉嫌销售假冒商品，移送公安机关' }, '2021-09-29T10:00:00+08:00');
    expect((await hub.submit(from.split('/')[0] ?? '', [lead, referred], { unit: from })).status).toBe(201);
    await hub.projected();
  };
  /** An answer naming the referral by id alone: the gateway fills in the sender from the referrals addressed to the caller. */
  const answer = (referralId: string, decision: string, reason?: string) =>
    event('referral.answered', `referral/${referralId}`, { referralId, decision, ...(reason ? { reason } : {}) }, '2021-10-08T15:00:00+08:00');
  /** An answer naming its referral by sender and id, as the event is stored. */
  const answerTo = (from: string, referralId: string, decision: string) => {
    const [fromDepartment, fromRegion] = from.split('/') as [string, string];
    return event('referral.answered', `referral/${fromDepartment}-${fromRegion}-referral-${referralId}`, { referralId, fromDepartment, fromRegion, decision }, '2021-10-08T15:00:00+08:00');
  };

  it('given a referral sent on 2021-09-29 without a due date, when listed on 10-08, then it is due 10-09 24:00 local (National Day skipped, make-up Saturday counted) and not yet overdue', async () => {
    await refer('L-R1', 'R-HOLIDAY');
    const { status, body } = await list('/api/v1/referrals?fromRegion=653100&toDepartment=police', asCoordinator());

    expect(status).toBe(200);
    expect(body.items.find((item) => item.referralId === 'R-HOLIDAY')).toEqual(
      expect.objectContaining({
        referralId: 'R-HOLIDAY',
        leadId: 'L-R1',
        fromUnit: 'samr/653100',
        fromDepartment: 'samr',
        fromRegion: '653100',
        toUnit: 'police/650100',
        toDepartment: 'police',
        toRegion: '650100',
        status: 'sent',
        sentAt: '2021-09-29T02:00:00Z',
        dueAt: '2021-10-09T16:00:00Z',
        overdue: false,
        overdueSince: null,
        ageWorkingDays: 2, // 9/30 and 10/8
        crossRegion: true,
        crossDepartment: true,
      }),
    );
  });

  it('given the clock passes the answer deadline, when filtered overdue=true, then the referral is listed overdue since its deadline', async () => {
    now = new Date('2021-10-11T09:00:00+08:00');
    const overdue = await list('/api/v1/referrals?overdue=true', asCoordinator());
    const current = await list('/api/v1/referrals?overdue=false', asCoordinator());

    expect(overdue.body.items.find((item) => item.referralId === 'R-HOLIDAY')).toMatchObject({ overdue: true, overdueSince: '2021-10-09T16:00:00Z', ageWorkingDays: 4 });
    expect(current.body.items.map((item) => item.referralId)).not.toContain('R-HOLIDAY');
    now = new Date('2021-10-08T12:00:00+08:00');
  });

  it('given a referral to police/650100, when inboxes are read, then only the addressed unit sees it, and unit/coordinator tokens keep to their own endpoint', async () => {
    const inbox = await list('/api/v1/referrals/inbox', { unit: 'police/650100' });
    const elsewhere = await list('/api/v1/referrals/inbox', { unit: 'police/653100' });

    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item) => item.referralId)).toContain('R-HOLIDAY');
    expect(inbox.body.items.every((item) => item['toUnit'] === 'police/650100')).toBe(true);
    expect(elsewhere.body.items.map((item) => item.referralId)).not.toContain('R-HOLIDAY');
    expect((await hub.get('/api/v1/referrals', { unit: 'police/650100' })).status).toBe(403);
    expect((await hub.get('/api/v1/referrals/inbox', asCoordinator())).status).toBe(403);
    expect((await hub.get('/api/v1/referrals/inbox')).status).toBe(401);
  });

  it('given a referral addressed to police/650100, when another unit (or the sender) answers it, then the department refuses 403 NOT_ADDRESSED_TO_YOU naming data.referralId and nothing is stored', async () => {
    await refer('L-R2', 'R-GUARD');
    const before = await hub.storedEvents();

    const byCac = await hub.submit('cac', answerTo('samr/653100', 'R-GUARD', 'accepted'), { unit: 'cac/650100' });
    const bySender = await hub.submit('samr', [answerTo('samr/653100', 'R-GUARD', 'accepted')], { unit: 'samr/653100' });
    const otherRegion = await hub.submit('police', answerTo('samr/653100', 'R-GUARD', 'accepted'), { unit: 'police/653100' });
    // By id alone, a referral not addressed to the caller is not found among its referrals.
    const bare = await hub.submit('cac', answer('R-GUARD', 'accepted'), { unit: 'cac/650100' });

    expect(byCac.status).toBe(403);
    expect(byCac.body).toMatchObject({ code: 'NOT_ADDRESSED_TO_YOU' });
    expect(byCac.body.fields).toEqual([{ path: 'data.referralId', message: expect.stringContaining('is addressed to police/650100, not to cac/650100') }]);
    expect(bySender.status).toBe(403);
    expect(bySender.body.fields?.[0]).toEqual({ path: '[0].data.referralId', message: expect.stringContaining('the sending unit cannot answer its own referral') });
    expect(otherRegion.status).toBe(403);
    expect(bare.status).toBe(404);
    expect(bare.body).toMatchObject({ code: 'UNKNOWN_REFERRAL', fields: [{ path: 'data.referralId' }] });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given an answer naming a sender whose lead.referred is not recorded, when submitted, then the department refuses 404 UNKNOWN_REFERRAL', async () => {
    const before = await hub.storedEvents();
    const response = await hub.submit('police', answerTo('cac/650100', 'R-NEVER', 'accepted'), { unit: 'police/650100' });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_REFERRAL', fields: [{ path: 'data.referralId', message: expect.stringContaining('R-NEVER from cac/650100') }] });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given samr and cac both sent R-TWIN to police/650100, when police answers by id alone, then 409 AMBIGUOUS_REFERRAL; naming the sender answers that one only', async () => {
    await refer('L-T1', 'R-TWIN');
    await refer('W-T1', 'R-TWIN', { toDepartment: 'police', toRegion: '650100' }, 'cac/650100');
    const before = await hub.storedEvents();

    const bare = await hub.submit('police', answer('R-TWIN', 'accepted'), { unit: 'police/650100' });
    expect(bare.status).toBe(409);
    expect(bare.body).toMatchObject({ code: 'AMBIGUOUS_REFERRAL', fields: [{ path: 'data.referralId', message: expect.stringContaining('cac/650100, samr/653100') }] });
    expect(await hub.storedEvents()).toBe(before);

    expect((await hub.submit('police', answerTo('cac/650100', 'R-TWIN', 'rejected'), { unit: 'police/650100' })).status).toBe(400); // a rejection needs a reason
    const named = await hub.submit('police', answerTo('cac/650100', 'R-TWIN', 'accepted'), { unit: 'police/650100' });
    expect(named.status).toBe(201);
    await hub.projected();
    const twins = (await list('/api/v1/referrals/inbox', { unit: 'police/650100' })).body.items.filter((i) => i.referralId === 'R-TWIN');
    expect(twins.map((i) => [i.fromUnit, i.status]).sort()).toEqual([
      ['cac/650100', 'accepted'],
      ['samr/653100', 'sent'],
    ]);
  });

  it('given samr’s R-SAME, when samr sends R-SAME again or refers a lead to itself, then 409 REFERRAL_EXISTS / SELF_REFERRAL and nothing is stored', async () => {
    await refer('L-S1', 'R-SAME');
    const before = await hub.storedEvents();
    const again = event('lead.referred', 'lead/L-S1', { referralId: 'R-SAME', toDepartment: 'cac', toRegion: '650100', reason: '再次移送' }, '2021-09-30T10:00:00+08:00');
    const self = event('lead.referred', 'lead/L-S1', { referralId: 'R-SELF', toDepartment: 'samr', toRegion: '653100', reason: '移送本单位' }, '2021-09-30T10:00:00+08:00');

    const exists = await hub.submit('samr', again, { unit: 'samr/653100' });
    const toSelf = await hub.submit('samr', [self], { unit: 'samr/653100' });

    expect(exists.status).toBe(409);
    expect(exists.body).toMatchObject({ code: 'REFERRAL_EXISTS', fields: [{ path: 'data.referralId' }] });
    expect(toSelf.status).toBe(409);
    expect(toSelf.body).toMatchObject({ code: 'SELF_REFERRAL', fields: [{ path: '[0].data.toDepartment' }] });
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given a batch with a good answer and one for an unknown referral, when submitted, then 404 names the unknown one and nothing of the batch is stored', async () => {
    await refer('L-R3', 'R-BATCH');
    const before = await hub.storedEvents();
    const response = await hub.submit('police', [answer('R-BATCH', 'accepted'), answer('R-NOBODY', 'accepted')], { unit: 'police/650100' });

    expect(response.status).toBe(404);
    expect(response.body.fields).toEqual([{ path: '[1].data.referralId', message: expect.stringContaining('R-NOBODY') }]);
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given the addressed unit, when it accepts and later feeds back, then the referral moves sent → accepted (feedback clock running) → fed_back', async () => {
    await refer('L-R4', 'R-LIFE');
    const accepted = await hub.submit('police', answer('R-LIFE', 'accepted'), { unit: 'police/650100' });
    expect(accepted.status).toBe(201);
    await hub.projected();
    const afterAnswer = (await list('/api/v1/referrals/inbox?status=accepted', { unit: 'police/650100' })).body.items.find((i) => i.referralId === 'R-LIFE');
    // Accepted Friday 10/8: the make-up Saturday 10/9 is working day 1, so day 15 is Thursday 10/28.
    expect(afterAnswer).toMatchObject({ status: 'accepted', decision: 'accepted', dueAt: '2021-10-28T16:00:00Z', answerDueAt: '2021-10-09T16:00:00Z', overdue: false });

    const feedback = event(
      'referral.feedback',
      'referral/samr-653100-referral-R-LIFE',
      { referralId: 'R-LIFE', fromDepartment: 'samr', fromRegion: '653100', outcome: 'case_opened', caseId: 'C-77' },
      '2021-10-20T10:00:00+08:00',
    );
    expect((await hub.submit('police', feedback, { unit: 'police/650100' })).status).toBe(201);
    await hub.projected();
    now = new Date('2021-12-01T00:00:00+08:00');
    const closed = (await list('/api/v1/referrals?status=fed_back', asCoordinator())).body.items.find((i) => i.referralId === 'R-LIFE');
    now = new Date('2021-10-08T12:00:00+08:00');
    expect(closed).toMatchObject({ status: 'fed_back', feedbackOutcome: 'case_opened', feedbackCaseId: 'C-77', feedbackAt: '2021-10-20T02:00:00Z', overdue: false });
    // Aged until the feedback (9/29 → 10/20), not until the listing date.
    expect(closed?.ageWorkingDays).toBe(11);
  });

  it('given referrals within one region and across, when filtered by crossRegion / crossDepartment / department, then each filter holds', async () => {
    await refer('L-R5', 'R-LOCAL', { toDepartment: 'cac', toRegion: '653100' });
    const local = await list('/api/v1/referrals?crossRegion=false&crossDepartment=true&fromDepartment=samr', asCoordinator());
    const cross = await list('/api/v1/referrals?crossRegion=true', asCoordinator());
    const bySamr = await list('/api/v1/referrals?department=samr&limit=2&offset=0', asCoordinator());

    expect(local.body.items.map((i) => i.referralId)).toEqual(['R-LOCAL']);
    expect(cross.body.items.map((i) => i.referralId)).not.toContain('R-LOCAL');
    expect(cross.body.items.every((i) => i.crossRegion)).toBe(true);
    expect(bySamr.body.total).toBeGreaterThanOrEqual(5); // every referral here was sent by samr
    expect(bySamr.body.items).toHaveLength(2);
  });

  it('given bad query parameters, when listed, then 400 names each of them', async () => {
    const response = await list('/api/v1/referrals?overdue=maybe&limit=0&status=open&toRegion=123456&colour=red', asCoordinator());

    expect(response.status).toBe(400);
    expect(response.body.fields?.map((f) => f.path).sort()).toEqual(['colour', 'limit', 'overdue', 'status', 'toRegion']);
  });
});
