import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../integrity/envelope.js';
import {
  checkAnswer,
  decideReferralLifecycle,
  evolveReferralLifecycle,
  overdueClocks,
  overdueEvent,
  unpublishedOverdue,
  type ReferralLifecycleState,
} from './referral.js';

let sequence = 0;
function event(type: string, source: string, subject: string, time: string, data: Record<string, unknown>): HubEvent {
  sequence += 1;
  return { id: `evt-${sequence}`, type, source, subject, time, recordedAt: time, version: 1, data, prevHash: null, hash: 'h', sig: 's' };
}

const SENDER = 'samr/653100';
const RECEIVER = 'police/650100';
const SUBJECT = 'referral/samr-653100-referral-R-1';
const referred = (data: Record<string, unknown> = {}, time = '2021-09-29T10:00:00+08:00'): HubEvent =>
  event('lead.referred', SENDER, 'lead/L-1', time, { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪', ...data });
const answered = (source: string, decision: string, time = '2021-09-30T11:00:00+08:00', reason?: string): HubEvent =>
  event('referral.answered', source, SUBJECT, time, { referralId: 'R-1', fromDepartment: 'samr', fromRegion: '653100', decision, ...(reason === undefined ? {} : { reason }) });
const feedback = (source: string, time = '2021-10-20T09:00:00+08:00'): HubEvent =>
  event('referral.feedback', source, SUBJECT, time, { referralId: 'R-1', fromDepartment: 'samr', fromRegion: '653100', outcome: 'case_opened', caseId: 'C-9' });

const fold = (...events: HubEvent[]): ReferralLifecycleState =>
  events.reduce<ReferralLifecycleState>((state, e) => evolveReferralLifecycle(state, e), undefined);

describe('referral lifecycle', () => {
  it('given a referral, when the addressed unit accepts and then feeds back, then it goes sent → accepted → closed', () => {
    const sent = fold(referred());
    expect(sent).toMatchObject({ status: 'sent', from: SENDER, to: RECEIVER, lead: 'samr/653100/lead/L-1' });
    const accepted = evolveReferralLifecycle(sent, answered(RECEIVER, 'accepted'));
    expect(accepted).toMatchObject({ status: 'accepted', answer: { decision: 'accepted', at: '2021-09-30T11:00:00+08:00' } });
    const closed = evolveReferralLifecycle(accepted, feedback(RECEIVER));
    expect(closed).toMatchObject({ status: 'fed_back', feedback: { outcome: 'case_opened', caseId: 'C-9' } });
  });

  it('given a sent referral, when the receiver rejects without a reason, then the command is refused; with one it is decided', () => {
    const state = fold(referred());
    const bare = decideReferralLifecycle({ type: 'answer', unit: RECEIVER, from: SENDER, referralId: 'R-1', decision: 'rejected' }, state);
    expect(bare).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    const blank = decideReferralLifecycle({ type: 'answer', unit: RECEIVER, from: SENDER, referralId: 'R-1', decision: 'returned', reason: '  ' }, state);
    expect(blank).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    const reasoned = decideReferralLifecycle({ type: 'answer', unit: RECEIVER, from: SENDER, referralId: 'R-1', decision: 'rejected', reason: '不属于本部门职责' }, state);
    expect(reasoned).toEqual({
      ok: true,
      event: {
        type: 'referral.answered',
        subject: SUBJECT,
        data: { referralId: 'R-1', fromDepartment: 'samr', fromRegion: '653100', decision: 'rejected', reason: '不属于本部门职责' },
      },
    });
  });

  it('given a referral to police/650100, when a third unit answers, then it is refused naming the addressed unit', () => {
    const error = checkAnswer(fold(referred()), 'cac/650100');
    expect(error?.code).toBe('NOT_ADDRESSED_TO_YOU');
    expect(error?.message).toBe('referral R-1 is addressed to police/650100, not cac/650100');
    expect(checkAnswer(fold(referred()), SENDER)?.message).toContain('the sending unit cannot answer its own referral');
  });

  it('given an unknown referral, when answered, then it is refused as unknown', () => {
    expect(checkAnswer(undefined, RECEIVER, 'R-404')).toMatchObject({ code: 'UNKNOWN_REFERRAL', message: 'no referral R-404 is known' });
  });

  it('given an answered referral, when the receiver answers again, then it is refused; the log fold keeps the first answer', () => {
    const state = fold(referred(), answered(RECEIVER, 'accepted'));
    const again = decideReferralLifecycle({ type: 'answer', unit: RECEIVER, from: SENDER, referralId: 'R-1', decision: 'rejected', reason: 'x' }, state);
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_ANSWERED' } });
    const second = answered(RECEIVER, 'returned', '2021-10-01T10:00:00+08:00', 'late change of mind');
    const folded = evolveReferralLifecycle(state, second);
    expect(folded).toMatchObject({ status: 'accepted', ignored: [{ eventId: second.id, code: 'ALREADY_ANSWERED' }] });
  });

  it('given a third unit’s answer in the log, when folded, then it is set aside and the referral stays sent', () => {
    const stray = answered('cac/650100', 'accepted');
    expect(fold(referred(), stray)).toMatchObject({ status: 'sent', ignored: [{ eventId: stray.id, code: 'NOT_ADDRESSED_TO_YOU' }] });
  });

  it('given a sent referral, when feedback is commanded before acceptance, then it is refused; after closing, again refused', () => {
    const sent = fold(referred());
    expect(decideReferralLifecycle({ type: 'feedback', unit: RECEIVER, from: SENDER, referralId: 'R-1', outcome: 'no_violation' }, sent)).toMatchObject({
      ok: false,
      error: { code: 'NOT_ACCEPTED' },
    });
    const closed = fold(referred(), answered(RECEIVER, 'accepted'), feedback(RECEIVER));
    expect(decideReferralLifecycle({ type: 'feedback', unit: RECEIVER, from: SENDER, referralId: 'R-1', outcome: 'no_violation' }, closed)).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_CLOSED' },
    });
  });

  it('given a new referral, when the sender refers to itself or reuses an id, then it is refused', () => {
    const refer = { type: 'refer', unit: SENDER, leadId: 'L-1', referralId: 'R-1', toDepartment: 'samr', toRegion: '653100', reason: 'x' } as const;
    expect(decideReferralLifecycle(refer, undefined)).toMatchObject({ ok: false, error: { code: 'SELF_REFERRAL' } });
    expect(decideReferralLifecycle({ ...refer, toDepartment: 'police' }, fold(referred()))).toMatchObject({ ok: false, error: { code: 'REFERRAL_EXISTS' } });
    expect(decideReferralLifecycle({ ...refer, toDepartment: 'police' }, undefined)).toMatchObject({
      ok: true,
      event: { type: 'lead.referred', subject: 'lead/L-1', data: { referralId: 'R-1', toDepartment: 'police' } },
    });
  });

  it('given samr’s R-1, when another unit refers its own R-1 and answers it, then samr’s referral is untouched', () => {
    const samr = fold(referred());
    const cacReferral = event('lead.referred', 'cac/650100', 'lead/W-1', '2021-09-30T10:00:00+08:00', {
      referralId: 'R-1',
      toDepartment: 'police',
      toRegion: '650100',
      reason: 'squat',
      dueAt: '2099-12-31T00:00:00+08:00',
    });
    const cacAnswer = event('referral.answered', RECEIVER, 'referral/cac-650100-referral-R-1', '2021-10-01T10:00:00+08:00', {
      referralId: 'R-1',
      fromDepartment: 'cac',
      fromRegion: '650100',
      decision: 'accepted',
    });
    expect(evolveReferralLifecycle(evolveReferralLifecycle(samr, cacReferral), cacAnswer)).toBe(samr);
    expect(decideReferralLifecycle({ type: 'answer', unit: RECEIVER, from: 'cac/650100', referralId: 'R-1', decision: 'accepted' }, samr)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_REFERRAL' },
    });
  });

  it('given a redelivered event, when folded twice, then the second is a no-op', () => {
    const accepted = answered(RECEIVER, 'accepted');
    const state = evolveReferralLifecycle(fold(referred()), accepted);
    expect(evolveReferralLifecycle(state, accepted)).toBe(state);
  });
});

describe('referral deadlines', () => {
  it('given a referral sent 2021-09-29 without dueAt, when folded, then the answer is due at the end of 2021-10-09 (make-up Saturday)', () => {
    expect(fold(referred())).toMatchObject({ answerDueAt: '2021-10-09T16:00:00Z', answerDueSource: 'clock' });
  });

  it('given a referral with the sender’s dueAt, when folded, then the sender’s deadline is kept', () => {
    expect(fold(referred({ dueAt: '2021-10-15T18:00:00+08:00' }))).toMatchObject({ answerDueAt: '2021-10-15T10:00:00Z', answerDueSource: 'sender' });
  });

  it('given a campaign policy of 5 working days, when folded, then the policy applies', () => {
    const state = evolveReferralLifecycle(undefined, referred(), { amounts: { referral_answer: 5 } });
    expect(state?.answerDueAt).toBe('2021-10-12T16:00:00Z');
  });

  it('given an acceptance on Friday 2021-10-08, when folded, then feedback is due 15 working days later', () => {
    const state = fold(referred(), answered(RECEIVER, 'accepted', '2021-10-08T09:00:00+08:00'));
    expect(state?.feedbackDueAt).toBe('2021-10-28T16:00:00Z');
  });

  it('given a referral sent in a year the calendar does not cover, when folded, then it has no due date and says why', () => {
    const state = fold(referred({}, '2027-03-01T10:00:00+08:00'));
    expect(state?.answerDueAt).toBeUndefined();
    expect(state?.problems).toEqual([expect.stringContaining('no data for 2027')]);
    expect(overdueClocks(state, '2027-12-31T00:00:00Z')).toEqual([]);
  });
});

describe('overdue clocks', () => {
  it('given an unanswered referral, when checked a second before and at the deadline, then it is overdue only from the deadline', () => {
    const state = fold(referred());
    expect(overdueClocks(state, '2021-10-09T23:59:59+08:00')).toEqual([]);
    expect(overdueClocks(state, '2021-10-10T00:00:00+08:00')).toEqual([
      expect.objectContaining({ referralId: 'R-1', clock: 'answer', dueAt: '2021-10-09T16:00:00Z', key: 'referral.overdue/samr/653100/referral/R-1/answer', from: SENDER }),
    ]);
  });

  it('given a publisher that records what it published, when it checks repeatedly, then each (referral, clock) is published once', () => {
    const state = fold(referred());
    const published = new Set<string>();
    const publishedEvents = [];
    for (const now of ['2021-10-10T08:00:00+08:00', '2021-10-11T08:00:00+08:00', '2021-10-12T08:00:00+08:00']) {
      for (const clock of unpublishedOverdue(state, now, published)) {
        publishedEvents.push(overdueEvent(clock));
        published.add(clock.key);
      }
    }
    expect(publishedEvents).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        type: 'referral.overdue',
        subject: SUBJECT,
        data: { referralId: 'R-1', fromDepartment: 'samr', fromRegion: '653100', clock: 'answer', dueAt: '2021-10-09T16:00:00Z' },
      },
    ]);
    // A restarted publisher that lost its set derives the same event id, so the stream dedupes it.
    expect(overdueClocks(state, '2021-10-13T08:00:00+08:00')[0]?.eventId).toBe(publishedEvents[0]?.id);
  });

  it('given an accepted referral without feedback, when its 15 working days pass, then the feedback clock is overdue, not the answer', () => {
    const state = fold(referred(), answered(RECEIVER, 'accepted', '2021-10-08T09:00:00+08:00'));
    expect(overdueClocks(state, '2021-10-28T23:00:00+08:00')).toEqual([]);
    expect(overdueClocks(state, '2021-10-29T00:00:00+08:00').map((clock) => clock.key)).toEqual(['referral.overdue/samr/653100/referral/R-1/feedback']);
  });

  it('given a rejected or closed referral, when checked long after, then no clock runs', () => {
    expect(overdueClocks(fold(referred(), answered(RECEIVER, 'rejected', undefined, '非本部门职责')), '2022-06-01T00:00:00Z')).toEqual([]);
    expect(overdueClocks(fold(referred(), answered(RECEIVER, 'accepted'), feedback(RECEIVER)), '2022-06-01T00:00:00Z')).toEqual([]);
  });
});
