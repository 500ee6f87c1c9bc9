import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../integrity/envelope.js';
import { closureDueAt, closureOverdue, evolveClosure, type ClosureWatch } from './closure.js';
import type { ClockPolicy } from './clocks.js';

let sequence = 0;
function event(type: string, source: string, subject: string, recordedAt: string, data: Record<string, unknown>): HubEvent {
  sequence += 1;
  return { id: `evt-${sequence}`, type, source, subject, time: recordedAt, recordedAt, version: 1, data, prevHash: null, hash: 'h', sig: 's' };
}

const CAC = 'cac/650100';
const TELECOM = 'telecom/650000';
const SUBJECT = 'closure/cac-650100-closure-CL-1';
const requested = event('closure.requested', CAC, 'closure/CL-1', '2021-10-01T22:00:00Z', { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: 'https://bad.example.cn', reason: '售假药' });
const answered = (source: string, recordedAt: string): HubEvent =>
  event('closure.answered', source, SUBJECT, recordedAt, { closureId: 'CL-1', fromDepartment: 'cac', fromRegion: '650100', decision: 'closed' });
const fold = (policy: ClockPolicy, ...events: HubEvent[]): ClosureWatch | undefined => events.reduce<ClosureWatch | undefined>((state, e) => evolveClosure(state, e, policy), undefined);

describe('7×24 closure requests on an hours clock', () => {
  it('given a request on the National Day holiday night, when unanswered for 24 hours, then one closure.overdue names both units and the clock (holidays do not stop it)', () => {
    const state = fold({}, requested);
    expect(state).toMatchObject({ from: CAC, to: TELECOM, closureId: 'CL-1', hours: 24, dueAt: '2021-10-02T22:00:00Z' });
    if (state === undefined) throw new Error('no watch');
    expect(closureOverdue(state, '2021-10-02T21:59:59Z')).toBeUndefined();
    expect(closureOverdue(state, '2021-10-02T22:00:00Z')).toEqual({
      key: 'closure.overdue/cac/650100/closure/CL-1',
      id: expect.any(String) as unknown as string,
      type: 'closure.overdue',
      subject: SUBJECT,
      time: '2021-10-02T22:00:00Z',
      data: { closureId: 'CL-1', fromDepartment: 'cac', fromRegion: '650100', toDepartment: 'telecom', toRegion: '650000', hours: 24, dueAt: '2021-10-02T22:00:00Z' },
    });
  });

  it('given a deployment that allows 4 hours, when the request is recorded, then the deadline is 4 hours on', () => {
    expect(fold({ amounts: { closure_answer: 4 } }, requested)).toMatchObject({ hours: 4, dueAt: '2021-10-02T02:00:00Z' });
  });

  it('given the addressed unit answers in time, then no notice; an answer after the deadline, a notice at the deadline', () => {
    const inTime = fold({}, requested, answered(TELECOM, '2021-10-02T08:00:00Z'));
    expect(inTime === undefined ? 'none' : closureDueAt(inTime)).toBeUndefined();
    const late = fold({}, requested, answered(TELECOM, '2021-10-03T08:00:00Z'));
    expect(late === undefined ? undefined : closureOverdue(late, '2021-10-03T08:00:00Z')?.time).toBe('2021-10-02T22:00:00Z');
  });

  it('given an answer from a unit the request was not addressed to, then it is kept aside and the clock runs on', () => {
    const state = fold({}, requested, answered('telecom/650100', '2021-10-02T08:00:00Z'));
    expect(state?.answer).toBeUndefined();
    expect(state?.ignored).toEqual([{ eventId: expect.any(String) as unknown as string, source: 'telecom/650100' }]);
    expect(state === undefined ? undefined : closureDueAt(state)).toBe('2021-10-02T22:00:00Z');
  });

  it('given another requester’s request with the same id, then it is a different watch', () => {
    const state = fold({}, requested);
    const other = event('closure.answered', TELECOM, 'closure/police-650100-closure-CL-1', '2021-10-02T08:00:00Z', { closureId: 'CL-1', fromDepartment: 'police', fromRegion: '650100', decision: 'closed' });
    expect(evolveClosure(state, other)).toBe(state);
  });
});
