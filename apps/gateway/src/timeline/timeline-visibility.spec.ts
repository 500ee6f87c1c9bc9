import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../auth/principal.js';
import { scopeOf } from '../auth/scope.js';
import { mayReadEvent, readableData, visibilityContext, type VisibleEvent } from './timeline-visibility.js';

const unit = (u: string): Principal => ({ kind: 'unit', unit: u, department: u.split('/')[0] ?? '', region: u.split('/')[1] ?? '' });
const SAMR = 'samr/653100';
const POLICE = 'police/650100';
const CAC = 'cac/650100';

const samrReferral: VisibleEvent = {
  type: 'lead.referred',
  source: SAMR,
  data: { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪（保密）' },
};
const cacReferral: VisibleEvent = {
  type: 'lead.referred',
  source: CAC,
  data: { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', reason: 'squat', dueAt: '2099-12-31T00:00:00+08:00' },
};
const answer = (from: string, source = POLICE): VisibleEvent => {
  const [fromDepartment, fromRegion] = from.split('/');
  return { type: 'referral.answered', source, data: { referralId: 'R-1', fromDepartment, fromRegion, decision: 'accepted' } };
};
const overdue = (from: string): VisibleEvent => {
  const [fromDepartment, fromRegion] = from.split('/');
  return { type: 'referral.overdue', source: 'joint/650000', data: { referralId: 'R-1', fromDepartment, fromRegion, clock: 'answer', dueAt: '2021-10-09T16:00:00Z' } };
};
const all = [samrReferral, cacReferral, answer(SAMR), answer(CAC), overdue(SAMR)];
const visibleTo = (principal: Principal): VisibleEvent[] => {
  const scope = scopeOf(principal);
  const context = visibilityContext(scope, all);
  return all.filter((event) => mayReadEvent(scope, event, context));
};

describe('mayReadEvent (timeline, event by event)', () => {
  it('given a coordinator or an auditor, when reading a timeline, then every event is visible; staff see none', () => {
    expect(visibleTo({ kind: 'coordinator' })).toEqual(all);
    expect(visibleTo({ kind: 'auditor' })).toEqual(all);
    expect(() => visibleTo({ kind: 'staff' })).toThrow('no access to campaign data');
  });

  it("given a prefecture's coordinator or a line supervisor, when reading, then they see what their units would see together", () => {
    expect(visibleTo({ kind: 'region', region: '653100' })).toEqual([samrReferral, answer(SAMR), overdue(SAMR)]);
    expect(visibleTo({ kind: 'line', department: 'cac' })).toEqual([cacReferral, answer(CAC)]);
    expect(visibleTo({ kind: 'line', department: 'police' })).toEqual(all);
  });

  it('given cac’s look-alike R-1, when cac reads referral R-1, then it sees only its own referral and the answer to it — none of samr’s reason', () => {
    const seen = visibleTo(unit(CAC));
    expect(seen).toEqual([cacReferral, answer(CAC)]);
    expect(JSON.stringify(seen)).not.toContain('涉嫌犯罪');
  });

  it('given samr’s R-1 to police, when samr reads it, then it sees its referral, the answer to it and its overdue notice only', () => {
    expect(visibleTo(unit(SAMR))).toEqual([samrReferral, answer(SAMR), overdue(SAMR)]);
  });

  it('given both referrals addressed to police, when police reads them, then it sees both, its answers and the overdue notice of a referral to it', () => {
    expect(visibleTo(unit(POLICE))).toEqual(all);
  });

  it('given an unrelated unit, when it reads, then nothing is visible', () => {
    expect(visibleTo(unit('nmpa/650100'))).toEqual([]);
  });

  it('given joint-office conclusions, when a unit reads, then it sees those about its own leads or suggesting it, not others', () => {
    const cluster: VisibleEvent = { type: 'cluster.formed', source: 'joint/650000', data: { members: ['samr/653100/lead/L-1', 'cac/650100/lead/W-1'] } };
    const suggestion: VisibleEvent = { type: 'jurisdiction.suggested', source: 'joint/650000', data: { leadSubject: 'samr/653100/lead/L-1', toDepartment: 'samr', toRegion: '650100' } };
    const none = { referralsToReader: new Set<string>() };
    expect(mayReadEvent(scopeOf(unit(CAC)), cluster, none)).toBe(true);
    expect(mayReadEvent(scopeOf(unit(POLICE)), cluster, none)).toBe(false);
    expect(mayReadEvent(scopeOf(unit(SAMR)), suggestion, none)).toBe(true);
    expect(mayReadEvent(scopeOf(unit('samr/650100')), suggestion, none)).toBe(true);
    expect(mayReadEvent(scopeOf(unit(CAC)), suggestion, none)).toBe(false);
  });

  it('given one cluster.grown naming leads of several units, when a unit reads it, then it names only the leads of that unit; the joint office reads them all; other events are read whole', () => {
    const grown: VisibleEvent = {
      type: 'cluster.grown',
      source: 'joint/650000',
      data: { clusterId: 'samr-653100-lead-L-1', members: ['cac/650100/lead/W-1', 'police/650100/lead/P-7', 'cac/650100/lead/W-2'], keys: ['phone:13912345678'] },
    };
    expect(readableData(scopeOf(unit(CAC)), grown)).toEqual({ ...grown.data, members: ['cac/650100/lead/W-1', 'cac/650100/lead/W-2'] });
    expect(readableData(scopeOf({ kind: 'coordinator' }), grown)).toBe(grown.data);
    expect(readableData(scopeOf(unit(POLICE)), samrReferral)).toBe(samrReferral.data);
  });
});
