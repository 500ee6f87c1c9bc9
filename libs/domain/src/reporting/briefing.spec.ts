import { describe, expect, it } from '@jest/globals';
import { overdueByDepartment, overdueReferrals, referralDeadline, type ReferralFacts } from './briefing.js';

const referral = (patch: Partial<ReferralFacts>): ReferralFacts => ({
  referralId: 'R-1',
  leadId: 'L-1',
  fromUnit: 'forestry/653100',
  toUnit: 'police/653100',
  toDepartment: 'police',
  toRegion: '653100',
  reason: '涉嫌犯罪',
  status: 'sent',
  sentAt: '2021-10-08T09:30:00+08:00',
  dueAt: null,
  answeredAt: null,
  ...patch,
});

describe('overdue referrals for the joint-meeting briefing', () => {
  it('given a sent referral without dueAt, when its deadline is computed, then it is 3 working days after sending (end of day)', () => {
    // 2021-10-08 (Fri) → 10-09 (Sat, a make-up working day after National Day), 10-11, 10-12 → due 2021-10-12 24:00 +08:00.
    expect(referralDeadline(referral({}))).toEqual({ clock: 'answer', deadline: new Date('2021-10-12T16:00:00.000Z') });
  });

  it('given an explicit dueAt, when the deadline is computed, then the sender’s date wins', () => {
    expect(referralDeadline(referral({ dueAt: '2021-10-22T18:00:00+08:00' }))?.deadline.toISOString()).toBe('2021-10-22T10:00:00.000Z');
  });

  it('given answered and fed-back referrals, when checked, then only accepted ones still owe feedback', () => {
    expect(referralDeadline(referral({ status: 'rejected' }))).toBeUndefined();
    expect(referralDeadline(referral({ status: 'fed_back' }))).toBeUndefined();
    expect(referralDeadline(referral({ status: 'accepted', answeredAt: '2021-10-09T10:00:00+08:00' }))?.clock).toBe('feedback');
  });

  it('given referrals before and after their deadline, when listed at an instant, then only late ones come back, most overdue first', () => {
    const asOf = new Date('2021-10-20T12:00:00+08:00');
    const late = overdueReferrals(
      [
        referral({ referralId: 'R-early', dueAt: '2021-10-21T18:00:00+08:00' }),
        referral({ referralId: 'R-late' }),
        referral({ referralId: 'R-later', sentAt: '2021-10-14T09:00:00+08:00', toDepartment: 'samr', toUnit: 'samr/650100' }),
      ],
      asOf,
    );
    expect(late.map((r) => [r.referralId, r.overdueWorkingDays])).toEqual([
      ['R-late', 6], // due 10-12; 10-13 … 10-20 hold 6 working days
      ['R-later', 1], // due 10-19
    ]);
    expect(overdueByDepartment(late).map((g) => [g.department, g.count])).toEqual([
      ['police', 1],
      ['samr', 1],
    ]);
  });
});
