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

  /** samr/653100 reports a lead and refers it to police/650100 on 2021-09-29 (no dueAt: the working-day clock applies). */
  const refer = async (leadId: string, referralId: string, to = { toDepartment: 'police', toRegion: '650100' }): Promise<void> => {
    const lead = leadReported(leadId, { time: '2021-09-29T09:00:00+08:00' });
    const referred = event('lead.referred', `lead/${leadId}`, { referralId, ...to, reason: '涉嫌销售假冒商品，移送公安机关' }, '2021-09-29T10:00:00+08:00');
    expect((await hub.submit('samr', [lead, referred], { unit: 'samr/653100' })).status).toBe(201);
    await hub.projected();
  };
  const answer = (referralId: string, decision: string, reason?: string) =>
    event('referral.answered', `referral/${referralId}`, { referralId, decision, ...(reason ? { reason } : {}) }, '2021-10-08T15:00:00+08:00');

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

  it('given a referral addressed to police/650100, when another unit (or the sender) answers it, then 403 names data.referralId and nothing is stored', async () => {
    await refer('L-R2', 'R-GUARD');
    const before = await hub.streamMessages();

    const byCac = await hub.submit('cac', answer('R-GUARD', 'accepted'), { unit: 'cac/650100' });
    const bySender = await hub.submit('samr', [answer('R-GUARD', 'accepted')], { unit: 'samr/653100' });
    const otherRegion = await hub.submit('police', answer('R-GUARD', 'accepted'), { unit: 'police/653100' });

    expect(byCac.status).toBe(403);
    expect(byCac.body.fields).toEqual([{ path: 'data.referralId', message: expect.stringContaining('not addressed to cac/650100') }]);
    expect(bySender.status).toBe(403);
    expect(bySender.body.fields?.[0]?.path).toBe('[0].data.referralId');
    expect(otherRegion.status).toBe(403);
    expect(await hub.streamMessages()).toBe(before);
  });

  it('given a batch with a good answer and one for an unknown referral, when submitted, then 404 names the unknown one and nothing of the batch is stored', async () => {
    await refer('L-R3', 'R-BATCH');
    const before = await hub.streamMessages();
    const response = await hub.submit('police', [answer('R-BATCH', 'accepted'), answer('R-NOBODY', 'accepted')], { unit: 'police/650100' });

    expect(response.status).toBe(404);
    expect(response.body.fields).toEqual([{ path: '[1].data.referralId', message: expect.stringContaining('R-NOBODY') }]);
    expect(await hub.streamMessages()).toBe(before);
  });

  it('given the addressed unit, when it accepts and later feeds back, then the referral moves sent → accepted (feedback clock running) → fed_back', async () => {
    await refer('L-R4', 'R-LIFE');
    const accepted = await hub.submit('police', answer('R-LIFE', 'accepted'), { unit: 'police/650100' });
    expect(accepted.status).toBe(201);
    await hub.projected();
    const afterAnswer = (await list('/api/v1/referrals/inbox?status=accepted', { unit: 'police/650100' })).body.items.find((i) => i.referralId === 'R-LIFE');
    // Accepted Friday 10/8: the make-up Saturday 10/9 is working day 1, so day 15 is Thursday 10/28.
    expect(afterAnswer).toMatchObject({ status: 'accepted', decision: 'accepted', dueAt: '2021-10-28T16:00:00Z', answerDueAt: '2021-10-09T16:00:00Z', overdue: false });

    const feedback = event('referral.feedback', 'referral/R-LIFE', { referralId: 'R-LIFE', outcome: 'case_opened', caseId: 'C-77' }, '2021-10-20T10:00:00+08:00');
    expect((await hub.submit('police', feedback, { unit: 'police/650100' })).status).toBe(201);
    await hub.projected();
    now = new Date('2021-12-01T00:00:00+08:00');
    const closed = (await list('/api/v1/referrals?status=fed_back', asCoordinator())).body.items.find((i) => i.referralId === 'R-LIFE');
    now = new Date('2021-10-08T12:00:00+08:00');
    expect(closed).toMatchObject({ status: 'fed_back', feedbackOutcome: 'case_opened', feedbackCaseId: 'C-77', feedbackAt: '2021-10-20T02:00:00Z', overdue: false });
    // Aged until the feedback (9/29 → 10/20), not until the listing date.
    expect(closed?.ageWorkingDays).toBe(11);
  });

  it('given referrals within one region and department and across, when filtered by crossRegion / crossDepartment / department, then each filter holds', async () => {
    await refer('L-R5', 'R-LOCAL', { toDepartment: 'samr', toRegion: '653100' });
    const local = await list('/api/v1/referrals?crossRegion=false&crossDepartment=false', asCoordinator());
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
