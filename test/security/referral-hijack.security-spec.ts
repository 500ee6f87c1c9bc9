// Issue 12 §1, the attack as filed: samr/653100 refers R-1 to police/650100; cac/650100 publishes its own
// lead.referred with the same referralId, the same addressee and a 2099 deadline, then tries to answer it.
// Nothing samr or the coordinator sees may change (referral board, timeline, overdue), and cac's timeline
// shows none of samr's reason.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReferralItem, ReferralPage, Timeline } from '@hub/contracts';
import { JOINT_EVENT_SUBJECTS, type HubEvent } from '@hub/domain';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { CoordinationService } from '../../apps/coordination/src/coordination.module.js';
import { event, leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';

const SAMR = 'samr/653100';
const CAC = 'cac/650100';
const POLICE = 'police/650100';
const SECRET = '经营者涉嫌销售假冒商品，线人身份保密';
const SAMR_SUBJECT = 'referral/samr-653100-referral-R-1';

describe('the referral hijack (issue 12)', () => {
  let hub: TestHub;
  let now = new Date('2021-10-08T12:00:00+08:00');

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true, coordination: true, clock: () => now });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const coordinator = () => ({ token: hub.credentials.coordinator });
  const json = async <T>(path: string, auth: { unit?: string; token?: string }, status = 200): Promise<T> => {
    const response = await hub.get(path, auth);
    expect([path, response.status]).toEqual([path, status]);
    return (await response.json()) as T;
  };
  const board = async (): Promise<ReferralItem[]> => (await json<ReferralPage>('/api/v1/referrals?limit=1000', coordinator())).items;
  const samrsReferral = async (): Promise<ReferralItem | undefined> => (await board()).find((item) => item.referralId === 'R-1' && item.fromUnit === SAMR);
  const timeline = (subject: string, auth: { unit?: string; token?: string }, status = 200) => json<Timeline>(`/api/v1/timeline?subject=${subject}`, auth, status);
  const overdueEvents = async (): Promise<HubEvent[]> => {
    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    const out: HubEvent[] = [];
    for await (const msg of store.read({ filter: JOINT_EVENT_SUBJECTS })) out.push(msg.json<HubEvent>());
    return out.filter((e) => e.type === 'referral.overdue');
  };
  const answerAs = (from: string | undefined, decision = 'accepted') => {
    const [fromDepartment, fromRegion] = (from ?? '').split('/');
    const named = from === undefined ? {} : { fromDepartment, fromRegion };
    const subject = from === undefined ? 'referral/R-1' : `referral/${fromDepartment}-${fromRegion}-referral-R-1`;
    return event('referral.answered', subject, { referralId: 'R-1', ...named, decision }, '2021-10-01T10:00:00+08:00');
  };

  it('given samr’s R-1 to police, when cac re-uses R-1 and tries every way to answer it, then samr’s referral, timeline and overdue notice are unchanged and cac sees none of samr’s reason', async () => {
    const lead = leadReported('L-1', { time: '2021-09-29T09:00:00+08:00' });
    const referred = event('lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: SECRET }, '2021-09-29T10:00:00+08:00');
    expect((await hub.submit('samr', [lead, referred], { unit: SAMR })).status).toBe(201);
    await hub.coordinated();
    const boardBefore = await samrsReferral();
    const samrTimelineBefore = await timeline(SAMR_SUBJECT, { unit: SAMR });
    const coordinatorTimelineBefore = await timeline(SAMR_SUBJECT, coordinator());
    expect(boardBefore).toMatchObject({ fromUnit: SAMR, toUnit: POLICE, reason: SECRET, status: 'sent', dueAt: '2021-10-09T16:00:00Z' });

    // The attack: cac's own lead.referred R-1 to the same addressee, due 2099. It is cac's referral now, not samr's.
    const squat = event('lead.referred', 'lead/W-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: 'squat', dueAt: '2099-12-31T00:00:00+08:00' }, '2021-09-30T10:00:00+08:00');
    expect((await hub.submit('cac', [leadReported('W-1', { time: '2021-09-30T09:00:00+08:00' }), squat], { unit: CAC })).status).toBe(201);
    await hub.coordinated();
    const before = await hub.storedEvents();

    // … then tries to answer: by id alone, as samr's, as its own, and by referring to itself.
    const bare = await hub.submit('cac', answerAs(undefined), { unit: CAC });
    const asSamrs = await hub.submit('cac', answerAs(SAMR), { unit: CAC });
    const asOwn = await hub.submit('cac', answerAs(CAC), { unit: CAC });
    const toSelf = await hub.submit('cac', event('lead.referred', 'lead/W-1', { referralId: 'R-9', toDepartment: 'cac', toRegion: '650100', reason: 'squat' }), { unit: CAC });
    expect([bare.status, bare.body.code]).toEqual([404, 'UNKNOWN_REFERRAL']);
    expect([asSamrs.status, asSamrs.body.code]).toEqual([403, 'NOT_ADDRESSED_TO_YOU']);
    expect([asOwn.status, asOwn.body.code]).toEqual([403, 'NOT_ADDRESSED_TO_YOU']);
    expect([toSelf.status, toSelf.body.code]).toEqual([409, 'SELF_REFERRAL']);
    expect(await hub.storedEvents()).toBe(before);
    await hub.coordinated();

    // What samr and the coordinator see is as it was: the board's row, both timelines.
    expect(await samrsReferral()).toEqual(boardBefore);
    expect(await timeline(SAMR_SUBJECT, { unit: SAMR })).toEqual(samrTimelineBefore);
    expect(await timeline(SAMR_SUBJECT, coordinator())).toEqual(coordinatorTimelineBefore);
    expect((await board()).filter((item) => item.referralId === 'R-1').map((item) => [item.fromUnit, item.reason, item.dueAt])).toEqual(
      expect.arrayContaining([
        [SAMR, SECRET, '2021-10-09T16:00:00Z'],
        [CAC, 'squat', '2099-12-30T16:00:00Z'],
      ]),
    );

    // cac reads R-1: only its own events, none of samr's reason; samr's referral is not its to read.
    const cacView = await timeline('referral/R-1', { unit: CAC });
    expect(cacView.items.map((item) => [item.type, item.source])).toEqual([['lead.referred', CAC]]);
    expect(JSON.stringify(cacView)).not.toContain(SECRET);
    await timeline(SAMR_SUBJECT, { unit: CAC }, 403);
    // The coordinator sees both referrals under the bare id.
    expect((await timeline('referral/R-1', coordinator())).items.map((item) => item.source)).toEqual([SAMR, CAC]);

    // samr's answer clock still runs out on 2021-10-09 24:00 local and is reported — once, for samr's referral only.
    now = new Date('2021-10-10T00:00:00+08:00');
    await hub.coordination?.get(CoordinationService).loop.tick();
    await hub.coordinated();
    const overdue = await overdueEvents();
    expect(overdue.map((e) => [e.subject, e.data['fromDepartment'], e.data['fromRegion'], e.data['dueAt']])).toEqual([[SAMR_SUBJECT, 'samr', '653100', '2021-10-09T16:00:00Z']]);
    expect(await samrsReferral()).toMatchObject({ ...boardBefore, overdue: true, overdueClock: 'answer', overdueSince: '2021-10-09T16:00:00Z', ageWorkingDays: expect.any(Number) });
    const samrTimeline = await timeline(SAMR_SUBJECT, { unit: SAMR });
    expect(samrTimeline.items.map((item) => item.type)).toEqual(['lead.referred', 'referral.overdue']);
    // The addressee sees the overdue notice of the referral addressed to it; cac does not.
    expect((await timeline(SAMR_SUBJECT, { unit: POLICE })).items.map((item) => item.type)).toEqual(['lead.referred', 'referral.overdue']);
  }, 120_000);
});
