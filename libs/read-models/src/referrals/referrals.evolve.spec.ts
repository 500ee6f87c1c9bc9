import { describe, expect, it } from '@jest/globals';
import { deepFrozen } from '../testing/frozen.js';
import { positioned } from '../testing/positioned.js';
import { evolveReferral, referralKeyOf } from './referrals.evolve.js';

const referred = positioned(1, 'forestry/653100', 'lead.referred', 'lead/LC-7', {
  referralId: 'R-7',
  toDepartment: 'police',
  toRegion: '653100',
  reason: '网上非法交易野生动物制品',
  dueAt: '2021-10-22T18:00:00+08:00',
});
const R7 = { referralId: 'R-7', fromDepartment: 'forestry', fromRegion: '653100' };
const SUBJECT = 'referral/forestry-653100-referral-R-7';
const answered = (decision: string, seq = 2, unit = 'police/653100') => positioned(seq, unit, 'referral.answered', SUBJECT, { ...R7, decision, reason: '不属于本部门管辖' });
const feedback = positioned(4, 'police/653100', 'referral.feedback', SUBJECT, { ...R7, outcome: 'case_opened', caseId: 'KS-31' });

describe('evolveReferral', () => {
  it("given the sender's lead.referred and the receiver's events, then they meet on one referral keyed by the sending unit", () => {
    expect(referralKeyOf(referred)).toBe('forestry/653100\u0000R-7');
    expect(referralKeyOf(answered('accepted'))).toBe('forestry/653100\u0000R-7');
    expect(referralKeyOf(positioned(1, 'joint/650000', 'referral.overdue', SUBJECT, { ...R7, clock: 'answer' }))).toBeUndefined();
    // An answer of the old shape names no sender, so it names no referral.
    expect(referralKeyOf(positioned(2, 'police/653100', 'referral.answered', 'referral/R-7', { referralId: 'R-7', decision: 'accepted' }))).toBeUndefined();
  });

  it('given forestry’s R-7, when another unit refers its own R-7, then that is another row and forestry’s is unchanged', () => {
    const hijack = positioned(2, 'cac/650100', 'lead.referred', 'lead/W-1', { referralId: 'R-7', toDepartment: 'police', toRegion: '653100', reason: 'squat', dueAt: '2099-12-31T00:00:00+08:00' });
    expect(referralKeyOf(hijack)).toBe('cac/650100\u0000R-7');
    const forestry = evolveReferral(undefined, referred);
    expect(evolveReferral(forestry, { ...referred, seq: 3, event: { ...referred.event, data: { ...referred.event.data, reason: 'again' } } })).toBe(forestry);
  });

  it('given a sent referral, when a unit it is not addressed to answers, then the row is unchanged', () => {
    const sent = evolveReferral(undefined, referred);
    expect(evolveReferral(sent, answered('accepted', 2, 'cac/650100'))).toBe(sent);
  });

  it('given no referral, when lead.referred, then sent with sender, lead, reason and deadline', () => {
    expect(evolveReferral(undefined, referred)).toMatchObject({
      toUnit: 'police/653100',
      referralId: 'R-7',
      fromUnit: 'forestry/653100',
      leadId: 'LC-7',
      status: 'sent',
      dueAt: '2021-10-22T18:00:00+08:00',
      sentAt: '2021-10-08T09:30:00+08:00',
    });
  });

  it('given a sent referral, when answered and then fed back, then fed_back with decision and outcome', () => {
    const state = [answered('accepted'), feedback].reduce(evolveReferral, evolveReferral(undefined, referred));
    expect(state).toMatchObject({ status: 'fed_back', decision: 'accepted', feedbackOutcome: 'case_opened', feedbackCaseId: 'KS-31', lastSeq: 4 });
  });

  it('given a sent referral, when rejected, then rejected with the reason', () => {
    expect(evolveReferral(evolveReferral(undefined, referred), answered('rejected'))).toMatchObject({ status: 'rejected', decisionReason: '不属于本部门管辖' });
  });

  it("given the receiver's answer arrives first, then the later lead.referred completes the same row", () => {
    const state = evolveReferral(evolveReferral(undefined, answered('accepted', 1)), { ...referred, seq: 2 });
    expect(state).toMatchObject({ status: 'accepted', fromUnit: 'forestry/653100', leadId: 'LC-7', decision: 'accepted' });
  });

  it('given a lead.referred without dueAt on 2021-09-29, when folded, then the answer is due by the 3-working-day clock (2021-10-09 24:00 local)', () => {
    const plain = positioned(1, 'samr/653100', 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪' }, { time: '2021-09-29T10:00:00+08:00' });
    expect(evolveReferral(undefined, plain)).toMatchObject({ dueAt: '2021-10-09T16:00:00Z', feedbackDueAt: null });
  });

  it('given an acceptance, when folded, then the feedback clock (15 working days) starts; a rejection starts none', () => {
    const sent = evolveReferral(undefined, referred);
    const accepted = evolveReferral(sent, { ...answered('accepted'), event: { ...answered('accepted').event, time: '2021-10-08T09:00:00+08:00' } });
    expect(accepted.feedbackDueAt).toBe('2021-10-28T16:00:00Z');
    expect(evolveReferral(sent, answered('rejected')).feedbackDueAt).toBeNull();
  });
  it.each([
    ['an answer', answered('accepted')],
    ['a feedback', feedback],
    ['a second lead.referred of another sender', positioned(2, 'cac/650100', 'lead.referred', 'lead/W-1', { referralId: 'R-7', toDepartment: 'police', toRegion: '653100' })],
  ])('given a frozen referral, when %s, then the given one unchanged (pure)', (_name, event) => {
    const state = evolveReferral(undefined, referred);
    const before = structuredClone(state);
    evolveReferral(deepFrozen(state), event);
    expect(state).toEqual(before);
  });

  it('given a frozen answered referral, when the lead.referred comes after it, then the given one unchanged (pure)', () => {
    const state = evolveReferral(undefined, answered('accepted', 1));
    const before = structuredClone(state);
    expect(evolveReferral(deepFrozen(state), { ...referred, seq: 2 })).toMatchObject({ leadId: 'LC-7', status: 'accepted' });
    expect(state).toEqual(before);
  });
});
