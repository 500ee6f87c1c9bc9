import { describe, expect, it } from '@jest/globals';
import { toTimestamp } from './calendar/index.js';
import { ClockError, deadlineFor, LEGAL_CLOCKS } from './clocks.js';

describe('deadlineFor', () => {
  it('given the default referral answer clock, when started before National Day, then it is 3 working days', () => {
    expect(toTimestamp(deadlineFor('referral_answer', '2021-09-29T10:00:00+08:00'))).toBe('2021-10-09T16:00:00Z');
  });

  it('given a campaign that allows 5 working days to answer, when computed, then the policy amount applies', () => {
    const due = deadlineFor('referral_answer', '2021-09-29T10:00:00+08:00', { amounts: { referral_answer: 5 } });
    expect(toTimestamp(due)).toBe('2021-10-12T16:00:00Z');
  });

  it('given a lead → case decision, when extended once, then it is 30 working days; a second extension is refused', () => {
    // From Friday 10/8: the make-up Saturday 10/9 is working day 1, so day 15 is Thursday 10/28.
    expect(LEGAL_CLOCKS.lead_to_case_decision.amount).toBe(15);
    expect(toTimestamp(deadlineFor('lead_to_case_decision', '2021-10-08T09:00:00+08:00'))).toBe('2021-10-28T16:00:00Z');
    expect(toTimestamp(deadlineFor('lead_to_case_decision', '2021-10-08T09:00:00+08:00', { extensions: 1 }))).toBe(
      '2021-11-18T16:00:00Z',
    );
    expect(() => deadlineFor('lead_to_case_decision', '2021-10-08T09:00:00+08:00', { extensions: 2 })).toThrow(ClockError);
  });

  it('given a case opened on 2021-07-03, when its 90-day decision clock ends on a holiday, then it moves to the next working day', () => {
    expect(toTimestamp(deadlineFor('case_decision', '2021-07-03T10:00:00+08:00'))).toBe('2021-10-08T16:00:00Z');
    // +30: Sunday 10/31 is a rest day → Monday 11/1.
    expect(toTimestamp(deadlineFor('case_decision', '2021-07-03T10:00:00+08:00', { extensions: 1 }))).toBe('2021-11-01T16:00:00Z');
  });

  it('given an approved criminal transfer, when the hand-over clock runs, then it is 24 hours; the police then have 3 days', () => {
    expect(toTimestamp(deadlineFor('criminal_transfer_handover', '2021-09-30T10:00:00+08:00'))).toBe('2021-10-01T02:00:00Z');
    // 9/30 + 3 days = 10/3, inside the holiday → the first working day, 10/8.
    expect(toTimestamp(deadlineFor('police_decision', '2021-09-30T10:00:00+08:00'))).toBe('2021-10-08T16:00:00Z');
  });
});
