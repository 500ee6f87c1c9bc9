import { describe, expect, it } from '@jest/globals';
import { aggregateOf, parseAggregateRef, subjectOf } from './subject.js';

describe('subjects', () => {
  it('given a well-formed subject, when parsing it, then type and id come back', () => {
    expect(aggregateOf('lead/L-2021_0001')).toEqual({ type: 'lead', id: 'L-2021_0001' });
    expect(aggregateOf(subjectOf('case', 'C1'))).toEqual({ type: 'case', id: 'C1' });
  });

  it.each(['lead', 'lead/', 'lead/a.b', 'lead/a b', 'lead/*', 'lead/>', 'lead/a/b', 'leads/x', 'Lead/x', `lead/${'x'.repeat(129)}`, '/x'])(
    'given %s, when parsing it, then it is not a subject',
    (subject) => {
      expect(aggregateOf(subject)).toBeUndefined();
    },
  );

  it('given a qualified reference, when parsing it, then department, region, type and id come back', () => {
    expect(parseAggregateRef('samr/653100/lead/L-1')).toEqual({ department: 'samr', region: '653100', type: 'lead', id: 'L-1' });
    expect(parseAggregateRef('samr/999999/lead/L-1')).toBeUndefined();
    expect(parseAggregateRef('samr/653100/lead/L.1')).toBeUndefined();
    expect(parseAggregateRef('lead/L-1')).toBeUndefined();
  });
});
