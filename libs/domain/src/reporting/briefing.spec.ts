import { describe, expect, it } from '@jest/globals';
import { annexCutOffDay, overdueByDepartment, workingDaysLate, type OverdueReferral } from './briefing.js';

const overdue = (patch: Partial<OverdueReferral>): OverdueReferral => ({
  referralId: 'R-1',
  leadId: 'L-1',
  fromUnit: 'forestry/653100',
  toUnit: 'police/653100',
  toDepartment: 'police',
  toRegion: '653100',
  reason: '涉嫌犯罪',
  status: 'sent',
  sentAt: '2021-10-08T09:30:00+08:00',
  clock: 'answer',
  deadline: '2021-10-12T16:00:00.000Z',
  overdueWorkingDays: 1,
  ...patch,
});

describe('joint-meeting briefing: overdue referrals', () => {
  it('given a deadline at the end of 2021-10-12, when counted on 10-20, then 6 working days are late (10-16/17 are a weekend)', () => {
    expect(workingDaysLate('2021-10-12T16:00:00.000Z', new Date('2021-10-20T12:00:00+08:00'))).toBe(6);
  });

  it('given the deadline day itself, when counted, then nothing is late yet', () => {
    expect(workingDaysLate('2021-10-12T16:00:00.000Z', new Date('2021-10-12T23:00:00+08:00'))).toBe(0);
  });

  it('given a cut-off in a year without holiday data, when counted, then the count is unknown (null), not a guess', () => {
    expect(workingDaysLate('2021-10-12T16:00:00.000Z', new Date('2027-11-29T12:00:00+08:00'))).toBeNull();
  });

  it('given a deadline before the National Day holiday, when counted after it, then the holidays do not count', () => {
    // due end of 2021-09-30; 10-01…10-07 are holidays; 10-08 and 10-09 (make-up Saturday) are working days
    expect(workingDaysLate('2021-09-30T16:00:00.000Z', new Date('2021-10-09T10:00:00+08:00'))).toBe(2);
  });

  it('given overdue referrals to several departments, when grouped, then the busiest department comes first and each list is most overdue first', () => {
    const groups = overdueByDepartment([
      overdue({ referralId: 'R-a', overdueWorkingDays: 2 }),
      overdue({ referralId: 'R-b', toDepartment: 'samr', toUnit: 'samr/650100', overdueWorkingDays: 9 }),
      overdue({ referralId: 'R-c', overdueWorkingDays: 5 }),
    ]);
    expect(groups.map((g) => [g.department, g.count, g.items.map((i) => i.referralId)])).toEqual([
      ['police', 2, ['R-c', 'R-a']],
      ['samr', 1, ['R-b']],
    ]);
  });
});

describe('joint-meeting briefing: annex cut-off', () => {
  const campaign = { start: '2021-09-01', end: '2021-12-15', timezone: 'Asia/Shanghai' };
  it.each([
    ['2021-11-20T17:00:00Z', '2021-11-21'], // 01:00 the next day in Beijing
    ['2021-08-01T00:00:00Z', '2021-09-01'],
    ['2026-11-29T00:00:00Z', '2021-12-15'],
  ])('given a cut-off at %s, when the annex day is taken, then it is %s', (asOf, day) => {
    expect(annexCutOffDay(new Date(asOf), campaign)).toBe(day);
  });
});
