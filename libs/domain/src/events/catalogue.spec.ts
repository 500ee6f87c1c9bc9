import { describe, expect, it } from '@jest/globals';
import { AGGREGATE_TYPES } from '../catalogue/aggregates.js';
import { REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { EVENT_TYPE_LABELS, EVENT_TYPES, eventSpec, mayPublish } from './catalogue.js';

const JOINT_TYPES = ['cluster.formed', 'cluster.grown', 'cluster.linked', 'cluster.unlinked', 'referral.overdue', 'jurisdiction.suggested', 'role.granted', 'role.revoked', 'report.returned',
  'closure.overdue', 'case.overdue', 'draw.revealed', 'hit.alerted', 'log.checkpointed'];
// 7×24 closure requests: the units that can find a site harmful ask; any unit answers.
const CLOSURE_REQUESTERS = ['cac', 'police', 'samr'];

describe('event catalogue', () => {
  it('given the design, when listing event types, then all 56 are there (22 + a correction and a void for six record types + two role grants + the operator register + a returned filing + guidance, sampling, closures and case clocks + the commit and reveal of a draw + an attachment + a hit alert and its feedback + an assistance request + the police answer to a transfer + the log checkpoint), each with a data class and a label', () => {
    expect(EVENT_TYPES).toHaveLength(56);
    for (const type of EVENT_TYPES) {
      const spec = eventSpec(type);
      expect(typeof spec.dataClass).toBe('function');
      expect(AGGREGATE_TYPES).toContain(spec.aggregateType);
      expect(EVENT_TYPE_LABELS[type]).toMatch(/\p{Script=Han}/u);
    }
  });

  it.each([
    ['lead.reported', 'lead'],
    ['lead.referred', 'lead'],
    ['lead.closed', 'lead'],
    ['referral.answered', 'referral'],
    ['referral.feedback', 'referral'],
    ['referral.overdue', 'referral'],
    ['takedown.recorded', 'takedown'],
    ['inspection.recorded', 'inspection'],
    ['rectification.ordered', 'rectification'],
    ['seizure.recorded', 'seizure'],
    ['case.opened', 'case'],
    ['case.marked_typical', 'case'],
    ['cluster.unlinked', 'cluster'],
    ['jurisdiction.suggested', 'lead'],
    ['report.submitted', 'report'],
    ['lead.corrected', 'lead'],
    ['takedown.voided', 'takedown'],
    ['rectification.corrected', 'rectification'],
    ['case.voided', 'case'],
    ['role.granted', 'account'],
    ['role.revoked', 'account'],
    ['report.returned', 'report'],
    ['guidance.given', 'guidance'],
    ['sampling.recorded', 'sampling'],
    ['closure.requested', 'closure'],
    ['closure.answered', 'closure'],
    ['closure.overdue', 'closure'],
    ['case.extended', 'case'],
    ['case.suspended', 'case'],
    ['case.resumed', 'case'],
    ['case.overdue', 'case'],
    ['hit.alerted', 'hit'],
    ['hit.feedback', 'hit'],
  ] as const)('given %s, when reading its spec, then its subject is a %s', (type, aggregateType) => {
    expect(eventSpec(type).aggregateType).toBe(aggregateType);
  });

  it('given the publishers, when checking rights, then coordination types are joint-only, closure requests cac/police/samr only, answers to a transfer the police only, and other facts the 13 departments only', () => {
    expect(eventSpec('closure.requested').publishers).toEqual(CLOSURE_REQUESTERS);
    expect(mayPublish('telecom', 'closure.requested')).toBe(false);
    expect(mayPublish('telecom', 'closure.answered')).toBe(true);
    expect(eventSpec('case.transfer_answered').publishers).toEqual(['police']);
    expect(mayPublish('samr', 'case.transfer_answered')).toBe(false);
    for (const type of EVENT_TYPES.filter((t) => t !== 'closure.requested' && t !== 'case.transfer_answered')) {
      const jointOnly = JOINT_TYPES.includes(type);
      expect(eventSpec(type).publishers).toEqual(jointOnly ? ['joint'] : REPORTING_DEPARTMENTS);
      expect(mayPublish('joint', type)).toBe(jointOnly);
      expect(mayPublish('samr', type)).toBe(!jointOnly);
      expect(mayPublish('nobody', type)).toBe(false);
    }
  });
});
