import { describe, expect, it } from '@jest/globals';
import { deepFrozen } from '../testing/frozen.js';
import { positioned } from '../testing/positioned.js';
import { evolveLead, leadKeyOf } from './leads.evolve.js';

const UNIT = 'samr/653100';
const reported = positioned(1, UNIT, 'lead.reported', 'lead/L-1', {
  category: 'counterfeit',
  channel: 'monitoring',
  platform: '淘宝',
  summary: '网店销售假冒运动鞋',
  entities: [{ kind: 'uscc', value: '91110000600037341L' }, { kind: 'bogus' }],
});

describe('evolveLead', () => {
  it('given no lead, when lead.reported, then an open lead with the reported facts', () => {
    const lead = evolveLead(undefined, reported);
    expect(lead).toMatchObject({
      unit: UNIT,
      leadId: 'L-1',
      department: 'samr',
      region: '653100',
      status: 'open',
      category: 'counterfeit',
      channel: 'monitoring',
      platform: '淘宝',
      entities: [{ kind: 'uscc', value: '91110000600037341L' }],
      reportedAt: '2021-10-08T09:30:00+08:00',
      version: 1,
      lastSeq: 1,
    });
  });

  it('given an open lead, when it is referred twice under one referral id, then it is referred once', () => {
    const referred = positioned(2, UNIT, 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '653100' }, { version: 2 });
    const lead = evolveLead(evolveLead(evolveLead(undefined, reported), referred), { ...referred, seq: 3 });
    expect(lead).toMatchObject({ status: 'referred', referralIds: ['R-1'], lastSeq: 3 });
  });

  it('given a lead, when lead.closed with a case, then closed with outcome, case and time', () => {
    const closed = positioned(5, UNIT, 'lead.closed', 'lead/L-1', { outcome: 'case_opened', caseId: 'C-9' }, { version: 2, time: '2021-10-20T10:00:00+08:00' });
    expect(evolveLead(evolveLead(undefined, reported), closed)).toMatchObject({
      status: 'closed',
      closedOutcome: 'case_opened',
      caseId: 'C-9',
      closedAt: '2021-10-20T10:00:00+08:00',
      category: 'counterfeit',
    });
  });

  it('given a closed lead, when a late referral arrives, then it stays closed', () => {
    const closed = positioned(2, UNIT, 'lead.closed', 'lead/L-1', { outcome: 'no_violation' });
    const referred = positioned(3, UNIT, 'lead.referred', 'lead/L-1', { referralId: 'R-2', toDepartment: 'police', toRegion: '653100' });
    expect(evolveLead(evolveLead(evolveLead(undefined, reported), closed), referred).status).toBe('closed');
  });

  it('only lead events of lead aggregates have a lead key', () => {
    expect(leadKeyOf(reported)).toBe(`${UNIT}\u0000L-1`);
    expect(leadKeyOf(positioned(1, 'joint/650000', 'jurisdiction.suggested', 'lead/L-1', {}))).toBeUndefined();
    expect(leadKeyOf(positioned(1, UNIT, 'takedown.recorded', 'takedown/T-1', {}))).toBeUndefined();
  });

  it('given a reported lead, when corrected and then voided, then the corrected category shows, then the lead is voided', () => {
    const corrected = evolveLead(evolveLead(undefined, reported), positioned(2, UNIT, 'lead.corrected', 'lead/L-1', { reason: '类别选错', category: 'illegal_advertising' }, { version: 2 }));
    expect(corrected).toMatchObject({ status: 'open', category: 'illegal_advertising', channel: 'monitoring', summary: '网店销售假冒运动鞋', version: 2 });
    expect(evolveLead(corrected, positioned(3, UNIT, 'lead.voided', 'lead/L-1', { reason: '重复登记' }, { version: 3 })).status).toBe('voided');
  });
});

describe('evolveLead — product focus codes', () => {
  const report = (data: Record<string, unknown>) => positioned(1, 'samr/653100', 'lead.reported', 'lead/L-9', { category: 'counterfeit', channel: 'monitoring', summary: 's', entities: [], ...data });
  it('given a lead stored with free text before the codes, when folded, then other with the text as description', () =>
    expect(evolveLead(undefined, report({ productCategory: '运动鞋' }))).toMatchObject({ productCategory: 'other', productDescription: '运动鞋' }));
  it('given a coded lead, when corrected to another code, then the code changes and the description stays', () => {
    const lead = evolveLead(undefined, report({ productCategory: 'cosmetics', productDescription: '儿童面霜' }));
    const corrected = evolveLead(lead, positioned(2, 'samr/653100', 'lead.corrected', 'lead/L-9', { reason: 'r', productCategory: 'elderly_children' }, { version: 2 }));
    expect(corrected).toMatchObject({ productCategory: 'elderly_children', productDescription: '儿童面霜' });
  });

  it('given a lead reported at level unit, when a correction names distribution joint, then only the level changes', () => {
    const atUnit = positioned(1, UNIT, 'lead.reported', 'lead/L-1', { category: 'counterfeit', summary: '线索', entities: [], distribution: 'unit' });
    const widened = positioned(2, UNIT, 'lead.corrected', 'lead/L-1', { reason: '可以共享', distribution: 'joint' }, { version: 2 });
    const lead = evolveLead(evolveLead(undefined, atUnit), widened);
    expect(lead).toMatchObject({ distribution: 'joint', summary: '线索', category: 'counterfeit' });
  });

  it('given a lead reported without a level, when folded, then distribution is null (the campaign default applies at read)', () => {
    expect(evolveLead(undefined, reported).distribution).toBeNull();
  });

  it('given a monitoring lead found on 2021-10-03 (国庆), then it is tagged national_day; corrected to 10-25, it is tagged double_11', () => {
    const holiday = positioned(1, UNIT, 'lead.reported', 'lead/L-2', { ...reported.event.data }, { time: '2021-10-03T10:00:00+08:00' });
    const lead = evolveLead(undefined, holiday);
    expect(lead.keyPeriod).toBe('national_day');
    const moved = positioned(2, UNIT, 'lead.corrected', 'lead/L-2', { occurredAt: '2021-10-25T10:00:00+08:00', reason: '更正发现日期' }, { version: 2 });
    expect(evolveLead(lead, moved).keyPeriod).toBe('double_11');
  });

  it('given a complaint lead on 2021-10-03, then no key period (the tag is for the monitoring watch); a lead outside the periods has none either', () => {
    const complaint = positioned(1, UNIT, 'lead.reported', 'lead/L-3', { ...reported.event.data, channel: 'complaint' }, { time: '2021-10-03T10:00:00+08:00' });
    expect(evolveLead(undefined, complaint).keyPeriod).toBeNull();
    expect(evolveLead(undefined, reported).keyPeriod).toBeNull();
  });
  it.each([
    ['lead.reported', { category: 'other', channel: 'complaint', entities: [{ kind: 'domain', value: 'x.cn' }] }],
    ['lead.referred', { referralId: 'R-2' }],
    ['lead.closed', { outcome: 'case_opened', caseId: 'C-1' }],
    ['lead.corrected', { summary: '更正', productCategory: 'cosmetics', occurredAt: '2021-10-03T10:00:00+08:00' }],
    ['lead.voided', { reason: '重复' }],
    ['case.opened', {}],
  ])('given a frozen lead, when %s, then a new state and the given one unchanged (pure)', (type, data) => {
    const state = evolveLead(evolveLead(undefined, reported), positioned(2, UNIT, 'lead.referred', 'lead/L-1', { referralId: 'R-1' }, { version: 2 }));
    const before = structuredClone(state);
    const next = evolveLead(deepFrozen(state), positioned(3, UNIT, type, 'lead/L-1', data, { version: 3 }));
    expect(state).toEqual(before);
    // Another aggregate's event leaves the lead as it is.
    expect(next === state).toBe(type === 'case.opened');
  });
});
