import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../integrity/envelope.js';
import { toTimestamp } from './calendar/index.js';
import { caseClockChanges, caseClockDueAt, caseDecisionClock, caseClockKey, caseClockOverdue, clockDeadline, daysLeft, type CaseClockWatch } from './case-clocks.js';
import { deadlineFor } from './clocks.js';

let sequence = 0;
function event(type: string, source: string, subject: string, time: string, data: Record<string, unknown> = {}): HubEvent {
  sequence += 1;
  return { id: `evt-${sequence}`, type, source, subject, time, recordedAt: time, version: 1, data, prevHash: null, hash: 'h', sig: 's' };
}

const SAMR = 'samr/653100';
const CASE = 'samr/653100/case/C-1';
/** Folds events into the watches by key, as the coordination service does. */
function fold(...events: HubEvent[]): Map<string, CaseClockWatch> {
  const watches = new Map<string, CaseClockWatch>();
  for (const e of events) for (const changed of caseClockChanges(e, (key) => watches.get(key))) watches.set(changed.key, changed);
  return watches;
}
const caseClock = (watches: Map<string, CaseClockWatch>, ref = CASE): CaseClockWatch => {
  const state = watches.get(caseClockKey(ref, 'case_decision'));
  if (state === undefined) throw new Error('no case clock');
  return state;
};

// 2021-03-01 (Mon) + 90 days = 2021-05-30 (Sun), a rest day → Monday 05-31, 24:00 local.
const opened = event('case.opened', SAMR, 'case/C-1', '2021-03-01T10:00:00+08:00', { leadIds: ['L-1'] });
const PLAIN_DUE = '2021-05-31T16:00:00Z';

describe('case clocks: the decision within 90 days of opening (第六十四条)', () => {
  it('given a market-regulation case opened 2021-03-01, when nothing else happens, then it is due 2021-05-31 24:00 local and overdue once that passed', () => {
    const state = caseClock(fold(opened));
    expect(caseClockDueAt(state)).toBe(PLAIN_DUE);
    expect(toTimestamp(deadlineFor('case_decision', opened.time))).toBe(PLAIN_DUE);
    expect(caseClockOverdue(state, '2021-05-31T15:59:59Z')).toBeUndefined();
    expect(caseClockOverdue(state, PLAIN_DUE)).toEqual({
      key: 'case.overdue/samr/653100/case/C-1/case_decision',
      id: expect.any(String) as unknown as string,
      type: 'case.overdue',
      subject: 'case/samr-653100-case-C-1',
      time: PLAIN_DUE,
      data: { recordRef: CASE, clock: 'case_decision', dueAt: PLAIN_DUE, basis: '《市场监督管理行政处罚程序规定》第六十四条' },
    });
    expect(daysLeft(state, '2021-05-21T16:00:00Z')).toBe(10);
  });

  it('given an approved extension before the deadline, when judged, then 30 more days count; a second one is not counted', () => {
    const once = caseClock(fold(opened, event('case.extended', SAMR, 'case/C-1', '2021-05-20T10:00:00+08:00', { clock: 'case_decision' })));
    // 03-01 + 120 days = 06-29 (Tue).
    expect(caseClockDueAt(once)).toBe('2021-06-29T16:00:00Z');
    const twice = caseClock(fold(opened, event('case.extended', SAMR, 'case/C-1', '2021-05-20T10:00:00+08:00', { clock: 'case_decision' }), event('case.extended', SAMR, 'case/C-1', '2021-06-20T10:00:00+08:00', { clock: 'case_decision' })));
    expect(clockDeadline(twice)).toMatchObject({ extensions: 1, dueAt: '2021-06-29T16:00:00Z' });
  });

  it('given an extension approved after the time ran out, when judged, then it does not revive the clock', () => {
    const late = caseClock(fold(opened, event('case.extended', SAMR, 'case/C-1', '2021-06-02T10:00:00+08:00', { clock: 'case_decision' })));
    expect(caseClockDueAt(late)).toBe(PLAIN_DUE);
  });

  it('given a 10-day suspension, when resumed, then the deadline moves by the suspended time; while suspended the clock is paused', () => {
    const suspended = fold(opened, event('case.suspended', SAMR, 'case/C-1', '2021-04-10T10:00:00+08:00', { reason: '送检' }));
    expect(clockDeadline(caseClock(suspended))).toMatchObject({ state: 'paused' });
    expect(caseClockOverdue(caseClock(suspended), '2021-12-31T00:00:00Z')).toBeUndefined();
    expect(daysLeft(caseClock(suspended), '2021-04-11T00:00:00Z')).toBeUndefined();
    const resumed = fold(opened, event('case.suspended', SAMR, 'case/C-1', '2021-04-10T10:00:00+08:00', { reason: '送检' }), event('case.resumed', SAMR, 'case/C-1', '2021-04-20T10:00:00+08:00'));
    // Start moves to 03-11 10:00: + 90 days = 06-09 (Wed).
    expect(clockDeadline(caseClock(resumed))).toMatchObject({ state: 'running', suspendedMs: 10 * 86_400_000, dueAt: '2021-06-09T16:00:00Z' });
  });

  it('given a suspension, an extension, and a second suspension, when judged, then all add up in order', () => {
    const watches = fold(
      opened,
      event('case.suspended', SAMR, 'case/C-1', '2021-04-01T10:00:00+08:00', { reason: '听证' }),
      event('case.resumed', SAMR, 'case/C-1', '2021-04-06T10:00:00+08:00'),
      event('case.extended', SAMR, 'case/C-1', '2021-05-25T10:00:00+08:00', { clock: 'case_decision' }),
      event('case.suspended', SAMR, 'case/C-1', '2021-06-10T10:00:00+08:00', { reason: '检验' }),
      event('case.resumed', SAMR, 'case/C-1', '2021-06-12T10:00:00+08:00'),
    );
    // 5 + 2 suspended days: start 03-08 10:00 + 120 days = 07-06 (Tue).
    expect(clockDeadline(caseClock(watches))).toEqual({ state: 'running', extensions: 1, suspendedMs: 7 * 86_400_000, dueAt: '2021-07-06T16:00:00Z' });
  });

  it('given a suspension that began after the deadline, when judged, then the case stays overdue from the deadline', () => {
    const watches = fold(opened, event('case.suspended', SAMR, 'case/C-1', '2021-06-05T10:00:00+08:00', { reason: '送检' }));
    expect(caseClockDueAt(caseClock(watches))).toBe(PLAIN_DUE);
  });

  it('given the decision before the deadline, then no notice; after it, one notice at the deadline; a voided case, none', () => {
    expect(caseClockDueAt(caseClock(fold(opened, event('case.decided', SAMR, 'case/C-1', '2021-05-10T10:00:00+08:00'))))).toBeUndefined();
    const late = caseClock(fold(opened, event('case.decided', SAMR, 'case/C-1', '2021-06-10T10:00:00+08:00')));
    expect(late.stopped).toEqual({ at: '2021-06-10T10:00:00+08:00', by: 'case.decided' });
    expect(caseClockOverdue(late, '2021-06-10T02:00:00Z')?.time).toBe(PLAIN_DUE);
    expect(caseClockDueAt(caseClock(fold(opened, event('case.voided', SAMR, 'case/C-1', '2021-06-10T10:00:00+08:00', { reason: '重复' }))))).toBeUndefined();
    expect(daysLeft(late, '2021-06-01T00:00:00Z')).toBeUndefined();
  });

  it('given a police case, when opened, then no market-regulation clock runs', () => {
    expect(fold(event('case.opened', 'police/653100', 'case/C-1', '2021-03-01T10:00:00+08:00', { leadIds: [] })).size).toBe(0);
  });
});

describe('case clocks: deciding whether to open a case after a lead (第十八条)', () => {
  const lead = event('lead.reported', SAMR, 'lead/L-1', '2021-10-08T09:00:00+08:00', { category: 'counterfeit' });
  const leadKey = caseClockKey('samr/653100/lead/L-1', 'lead_to_case_decision');

  it('given a market-regulation lead, when no case names it in 15 working days, then it is due 10-28 24:00 local', () => {
    const state = fold(lead).get(leadKey);
    expect(state === undefined ? undefined : caseClockDueAt(state)).toBe('2021-10-28T16:00:00Z');
  });

  it('given a case that names the lead in time, or the lead referred on, then the lead clock stops without a notice', () => {
    const named = fold(lead, event('case.opened', SAMR, 'case/C-2', '2021-10-20T09:00:00+08:00', { leadIds: ['L-1'] })).get(leadKey);
    expect(named?.stopped).toEqual({ at: '2021-10-20T09:00:00+08:00', by: 'case.opened' });
    expect(named === undefined ? 'none' : caseClockDueAt(named)).toBeUndefined();
    const referred = fold(lead, event('lead.referred', SAMR, 'lead/L-1', '2021-10-11T09:00:00+08:00', { referralId: 'R-1' })).get(leadKey);
    expect(referred?.stopped?.by).toBe('lead.referred');
  });

  it('given another unit with a case naming the same lead id, then the lead clock runs on', () => {
    const other = fold(lead, event('case.opened', 'samr/650100', 'case/C-2', '2021-10-20T09:00:00+08:00', { leadIds: ['L-1'] })).get(leadKey);
    expect(other?.stopped).toBeUndefined();
  });
});

describe('case clocks: hand-over to the police within 24 hours of approval (国务院令第310号第五条)', () => {
  const transferred = (time: string): HubEvent => event('case.transferred', 'forestry/653100', 'case/FC-1', time, { toDepartment: 'police', approvedAt: '2021-10-08T10:00:00+08:00' });
  const key = caseClockKey('forestry/653100/case/FC-1', 'criminal_transfer_handover');

  it('given the transfer 25 hours after approval, then it is overdue from approval + 24 h; 2 hours after, it is not', () => {
    const late = fold(transferred('2021-10-09T11:00:00+08:00')).get(key);
    expect(late === undefined ? undefined : caseClockOverdue(late, '2021-10-09T03:00:00Z')?.data).toMatchObject({ clock: 'criminal_transfer_handover', dueAt: '2021-10-09T02:00:00Z' });
    const inTime = fold(transferred('2021-10-08T12:00:00+08:00')).get(key);
    expect(inTime === undefined ? 'none' : caseClockDueAt(inTime)).toBeUndefined();
  });
});

describe('the case board: days left on the decision clock (caseDecisionClock)', () => {
  it('given a case opened 2021-03-01, when the board is read on 2021-05-01, then 31 days are left (due 05-31 24:00 local)', () => {
    expect(caseDecisionClock([opened], '2021-05-01T00:00:00Z')).toMatchObject({ clock: 'case_decision', state: 'running', daysLeft: 31, dueAt: PLAIN_DUE, extensions: 0, suspendedDays: 0 });
  });

  it('given a 10-day suspension and one approved extension, then the days left count both (120 + 10 days: due 07-09 24:00)', () => {
    const events = [
      opened,
      event('case.suspended', SAMR, 'case/C-1', '2021-04-10T10:00:00+08:00', { reason: '送检' }),
      event('case.resumed', SAMR, 'case/C-1', '2021-04-20T10:00:00+08:00'),
      event('case.extended', SAMR, 'case/C-1', '2021-05-20T10:00:00+08:00', { clock: 'case_decision', approvedBy: '局长', reason: '案情复杂' }),
    ];
    expect(caseDecisionClock(events, '2021-07-01T00:00:00Z')).toMatchObject({ state: 'running', dueAt: '2021-07-09T16:00:00Z', daysLeft: 9, extensions: 1, suspendedDays: 10 });
    expect(caseDecisionClock(events, '2021-07-12T00:00:00Z')?.daysLeft).toBe(-2);
  });

  it('given a suspended case, then the clock is paused (no days left); a decided one is stopped; a case of a unit outside the rules has none', () => {
    const suspended = event('case.suspended', SAMR, 'case/C-1', '2021-04-10T10:00:00+08:00', { reason: '送检' });
    expect(caseDecisionClock([opened, suspended], '2021-06-30T00:00:00Z')).toMatchObject({ state: 'paused', daysLeft: null });
    const decided = event('case.decided', SAMR, 'case/C-1', '2021-04-01T10:00:00+08:00', { decisionNo: 'X', fine: 1, confiscation: 0 });
    expect(caseDecisionClock([opened, decided], '2021-06-30T00:00:00Z')).toMatchObject({ state: 'stopped', daysLeft: null });
    expect(caseDecisionClock([event('case.opened', 'police/653100', 'case/C-1', '2021-03-01T10:00:00+08:00')], '2021-04-01T00:00:00Z')).toBeUndefined();
  });
});

describe('case clocks: the police decide within 3 days whether to open a transferred case (国务院令第310号第八条)', () => {
  // Transferred Friday 2021-10-08; + 3 calendar days = Monday 10-11 (a working day), 24:00 local.
  const transferred = event('case.transferred', SAMR, 'case/C-1', '2021-10-08T10:00:00+08:00', { toDepartment: 'police', toRegion: '650100' });
  const DUE = '2021-10-11T16:00:00Z';
  const answer = (source: string, time: string, decision = 'opened'): HubEvent =>
    event('case.transfer_answered', source, 'case/samr-653100-case-C-1', time, {
      caseId: 'C-1',
      fromDepartment: 'samr',
      fromRegion: '653100',
      decision,
      ...(decision === 'opened' ? { policeCaseId: 'GA-1' } : { reason: '不构成犯罪' }),
    });
  const policeClock = (watches: Map<string, CaseClockWatch>): CaseClockWatch | undefined => watches.get(caseClockKey(CASE, 'police_decision'));

  it('given a case transferred to the police of 650100, when nobody answers, then the clock addressed to police/650100 is overdue after 3 days, naming article 8', () => {
    const state = policeClock(fold(opened, transferred));
    expect(state).toMatchObject({ clock: 'police_decision', addressee: 'police/650100', startedAt: transferred.time });
    expect(caseClockOverdue(state as CaseClockWatch, '2021-10-11T15:59:59Z')).toBeUndefined();
    expect(caseClockOverdue(state as CaseClockWatch, DUE)).toMatchObject({
      subject: 'case/samr-653100-case-C-1',
      data: { recordRef: CASE, clock: 'police_decision', dueAt: DUE, basis: '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第八条' },
    });
  });

  it('given the addressed police unit answers in time (opened or declined), when judged, then the clock stops and nothing is overdue', () => {
    for (const decision of ['opened', 'declined']) {
      const state = policeClock(fold(opened, transferred, answer('police/650100', '2021-10-10T09:00:00+08:00', decision))) as CaseClockWatch;
      expect(state.stopped).toEqual({ at: '2021-10-10T09:00:00+08:00', by: 'case.transfer_answered' });
      expect(caseClockOverdue(state, '2021-12-01T00:00:00Z')).toBeUndefined();
    }
  });

  it('given an answer from another police unit, when folded, then the clock keeps running', () => {
    const state = policeClock(fold(opened, transferred, answer('police/653100', '2021-10-09T09:00:00+08:00'))) as CaseClockWatch;
    expect(state.stopped).toBeUndefined();
    expect(caseClockDueAt(state)).toBe(DUE);
  });

  it('given an answer after the deadline, when judged, then it is overdue all the same (judged from the log alone)', () => {
    const state = policeClock(fold(opened, transferred, answer('police/650100', '2021-10-13T09:00:00+08:00'))) as CaseClockWatch;
    expect(caseClockDueAt(state)).toBe(DUE);
  });

  it('given a transfer without toRegion, when folded, then the police of the transferring unit own region are addressed; a voided case cancels the clock', () => {
    const local = event('case.transferred', SAMR, 'case/C-1', '2021-10-08T10:00:00+08:00', { toDepartment: 'police' });
    expect(policeClock(fold(opened, local))?.addressee).toBe('police/653100');
    const voided = policeClock(fold(opened, local, event('case.voided', SAMR, 'case/C-1', '2021-10-09T10:00:00+08:00', { reason: '误录' })));
    expect(voided?.cancelled).toBe(true);
    expect(caseClockDueAt(voided as CaseClockWatch)).toBeUndefined();
  });
});
