import { describe, expect, it } from '@jest/globals';
import type { ReferralState } from './referrals.evolve.js';
import { referralView } from './referrals.view.js';

const sent: ReferralState = {
  toUnit: 'police/650100',
  referralId: 'R-1',
  toDepartment: 'police',
  toRegion: '650100',
  fromUnit: 'samr/653100',
  leadId: 'L-1',
  kind: 'transfer',
  recordRef: null,
  reason: '涉嫌犯罪',
  sentAt: '2021-09-29T02:00:00Z',
  dueAt: '2021-10-09T16:00:00Z',
  status: 'sent',
  decision: null,
  decisionReason: null,
  answeredAt: null,
  feedbackDueAt: null,
  feedbackOutcome: null,
  feedbackCaseId: null,
  feedbackAt: null,
  sentBy: null,
  answeredBy: null,
  lastSeq: 2,
  updatedAt: '2021-09-29T02:00:01Z',
};

describe('referralView', () => {
  it('given a sent referral, when viewed before and at its deadline, then it becomes overdue exactly at the deadline', () => {
    expect(referralView(sent, new Date('2021-10-09T15:59:59Z'))).toMatchObject({ overdue: false, overdueSince: null, dueAt: '2021-10-09T16:00:00Z' });
    expect(referralView(sent, new Date('2021-10-09T16:00:00Z'))).toMatchObject({ overdue: true, overdueClock: 'answer', overdueSince: '2021-10-09T16:00:00Z' });
  });

  it('given an accepted referral, when its answer deadline passed but the feedback clock runs, then it is not overdue and dueAt is the feedback deadline', () => {
    const accepted: ReferralState = { ...sent, status: 'accepted', decision: 'accepted', answeredAt: '2021-10-08T01:00:00Z', feedbackDueAt: '2021-10-28T16:00:00Z' };
    expect(referralView(accepted, new Date('2021-10-20T00:00:00Z'))).toMatchObject({ overdue: false, dueAt: '2021-10-28T16:00:00Z', answerDueAt: '2021-10-09T16:00:00Z' });
    expect(referralView(accepted, new Date('2021-10-29T00:00:00Z'))).toMatchObject({ overdue: true, overdueClock: 'feedback' });
  });

  it('given a rejected referral, when viewed long after, then no clock runs and its age stops at the answer', () => {
    const rejected: ReferralState = { ...sent, status: 'rejected', decision: 'rejected', answeredAt: '2021-10-08T01:00:00Z' };
    expect(referralView(rejected, new Date('2021-12-01T00:00:00Z'))).toMatchObject({ overdue: false, ageWorkingDays: 2 });
  });

  it('given now in a year the calendar does not cover, when viewed, then the age is unknown (null) rather than guessed', () => {
    expect(referralView(sent, new Date('2031-01-05T00:00:00Z'))).toMatchObject({ overdue: true, ageWorkingDays: null });
  });

  it('given sender and receiver, then cross-region and cross-department describe the pair', () => {
    expect(referralView(sent, new Date('2021-10-01T00:00:00Z'))).toMatchObject({ crossRegion: true, crossDepartment: true, fromDepartment: 'samr', fromRegion: '653100' });
    expect(referralView({ ...sent, toUnit: 'samr/653100', toDepartment: 'samr', toRegion: '653100' }, new Date('2021-10-01T00:00:00Z'))).toMatchObject({ crossRegion: false, crossDepartment: false });
  });
});
