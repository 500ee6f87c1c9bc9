import { describe, expect, it } from '@jest/globals';
import { mayHear, sseMessage } from './visibility.js';

const head = { seq: 7, type: 'lead.referred', source: 'forestry/653100', subject: 'lead/L-1', time: '2021-10-08T09:30:00+08:00', toUnit: 'police/653100' };

describe('live feed visibility', () => {
  it('given a coordinator or an auditor, when any event is projected, then they hear it', () => {
    expect(mayHear({ kind: 'coordinator' }, head)).toBe(true);
    expect(mayHear({ kind: 'auditor' }, head)).toBe(true);
  });

  it('given units, when a referral is projected, then the sender and the receiver hear it and nobody else', () => {
    const unit = (u: string) => ({ kind: 'unit' as const, unit: u, department: u.split('/')[0] ?? '', region: u.split('/')[1] ?? '' });
    expect(mayHear(unit('forestry/653100'), head)).toBe(true);
    expect(mayHear(unit('police/653100'), head)).toBe(true);
    expect(mayHear(unit('police/650100'), head)).toBe(false);
    expect(mayHear(unit('police/653100'), { ...head, toUnit: null })).toBe(false);
  });

  it('given a line and a prefecture, when a referral is projected, then each hears it when one side is theirs; staff hear nothing', () => {
    expect(mayHear({ kind: 'line', department: 'police' }, head)).toBe(true);
    expect(mayHear({ kind: 'line', department: 'samr' }, head)).toBe(false);
    expect(mayHear({ kind: 'region', region: '653100' }, head)).toBe(true);
    expect(mayHear({ kind: 'region', region: '654000' }, head)).toBe(false);
    expect(mayHear({ kind: 'staff' }, head)).toBe(false);
  });

  it('given an event head, when framed, then it is one SSE message with the sequence as id', () => {
    const text = sseMessage(head);
    expect(text.endsWith('\n\n')).toBe(true);
    const [id, event, data] = text.trim().split('\n');
    expect(id).toBe('id: 7');
    expect(event).toBe('event: projected');
    expect(JSON.parse(data?.slice('data: '.length) ?? '')).toMatchObject({ seq: 7, type: 'lead.referred', subject: 'lead/L-1', source: 'forestry/653100' });
  });
});
