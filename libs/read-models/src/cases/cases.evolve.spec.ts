import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { CAMPAIGN_DIRS_ENV } from '@hub/domain';
import { deepFrozen } from '../testing/frozen.js';
import { positioned } from '../testing/positioned.js';
import { caseKeyOf, evolveCase } from './cases.evolve.js';

const UNIT = 'samr/653100';
const opened = positioned(1, UNIT, 'case.opened', 'case/C-12', {
  caseNo: '喀市监立〔2021〕12号',
  kind: 'administrative',
  primaryCategory: 'counterfeit',
  otherCategories: ['illegal_advertising'],
  leadIds: ['L-1'],
  entities: [],
  targetKind: 'website_or_shop',
  platform: '淘宝',
});
const step = (seq: number, type: string, data: Record<string, unknown> = {}) => positioned(seq, UNIT, type, 'case/C-12', data, { version: seq });

describe('evolveCase', () => {
  it('given no case, when case.opened, then an opened case with its categories', () => {
    expect(evolveCase(undefined, opened)).toMatchObject({
      status: 'opened',
      caseNo: '喀市监立〔2021〕12号',
      kind: 'administrative',
      primaryCategory: 'counterfeit',
      otherCategories: ['illegal_advertising'],
      leadIds: ['L-1'],
      openedAt: '2021-10-08T09:30:00+08:00',
      typical: false,
    });
  });

  it('given an opened case, when decided, then decided with decision number and amounts', () => {
    const decided = evolveCase(evolveCase(undefined, opened), step(2, 'case.decided', { decisionNo: '处罚45号', fine: 50000, confiscation: 12345.67 }));
    expect(decided).toMatchObject({ status: 'decided', decisionNo: '处罚45号', fine: 50000, confiscation: 12345.67, version: 2 });
  });

  it('given a case, when transferred, marked typical and closed, then closed, transferred and typical', () => {
    const events = [step(2, 'case.transferred', { toDepartment: 'police', approvedAt: '2021-10-20T10:00:00+08:00' }), step(3, 'case.marked_typical'), step(4, 'case.closed', { outcome: 'transferred' })];
    expect(events.reduce(evolveCase, evolveCase(undefined, opened))).toMatchObject({
      status: 'closed',
      transferred: true,
      transferredAt: '2021-10-20T10:00:00+08:00',
      typical: true,
      closed: true,
      closeOutcome: 'transferred',
      lastSeq: 4,
    });
  });

  it('given an opened case, when transferred, then it names the department it went to', () => {
    const transferred = evolveCase(evolveCase(undefined, opened), step(2, 'case.transferred', { toDepartment: 'police', approvedAt: '2021-10-20T10:00:00+08:00' }));
    expect(transferred).toMatchObject({ status: 'transferred', transferredTo: 'police' });
    expect(evolveCase(undefined, opened).transferredTo).toBeNull();
  });

  it('given nothing, when case.assisted, then an assistance record without a kind', () => {
    const assisted = positioned(1, 'forestry/653100', 'case.assisted', 'case/A-3', { caseRef: '喀公立字31号', leadDepartment: 'police' });
    expect(evolveCase(undefined, assisted)).toMatchObject({ status: 'assisted', kind: null, assistedCaseRef: '喀公立字31号', assistedDepartment: 'police' });
  });

  it('only case events have a case key', () => {
    expect(caseKeyOf(opened)).toBe(`${UNIT}\u0000C-12`);
    expect(caseKeyOf(positioned(1, UNIT, 'lead.reported', 'lead/C-12', {}))).toBeUndefined();
  });

  it('given a decided case, when corrected, then only the named fields change (categories, amounts, the opening date)', () => {
    const decided = evolveCase(evolveCase(undefined, opened), step(2, 'case.decided', { decisionNo: '处罚45号', fine: 50000, confiscation: 0 }));
    const corrected = evolveCase(decided, step(3, 'case.corrected', { reason: '更正', primaryCategory: 'illegal_advertising', otherCategories: [], fine: 5000, occurredAt: '2021-10-07T09:00:00+08:00' }));
    expect(corrected).toMatchObject({
      status: 'decided',
      caseNo: '喀市监立〔2021〕12号',
      primaryCategory: 'illegal_advertising',
      otherCategories: [],
      fine: 5000,
      confiscation: 0,
      openedAt: '2021-10-07T09:00:00+08:00',
      version: 3,
    });
  });

  it('given a typical case, when voided, then it shows voided whatever comes after', () => {
    const typical = [step(2, 'case.decided', { decisionNo: '处罚45号', fine: 1, confiscation: 0 }), step(3, 'case.marked_typical')].reduce(evolveCase, evolveCase(undefined, opened));
    const voided = evolveCase(typical, step(4, 'case.voided', { reason: '重复立案' }));
    expect(voided).toMatchObject({ status: 'voided', typical: true });
    expect(evolveCase(voided, step(5, 'case.closed')).status).toBe('voided');
  });

  it.each([
    ['case.opened', { caseNo: '2号', kind: 'criminal', otherCategories: ['x'], leadIds: ['L-2'] }],
    ['case.assisted', { caseRef: 'R', leadDepartment: 'police' }],
    ['case.transferred', { toDepartment: 'police' }],
    ['case.decided', { decisionNo: '处罚46号', fine: 1, confiscation: 2 }],
    ['case.closed', { outcome: 'done' }],
    ['case.marked_typical', {}],
    ['case.corrected', { otherCategories: ['y'], fine: 3, occurredAt: '2021-10-09T09:00:00+08:00' }],
    ['case.voided', { reason: '重复立案' }],
    ['lead.reported', {}],
  ])('given a frozen case, when %s, then a new state and the given one unchanged (pure)', (type, data) => {
    const state = evolveCase(undefined, opened);
    const before = structuredClone(state);
    const next = evolveCase(deepFrozen(state), step(2, type, data));
    expect(state).toEqual(before);
    // Another aggregate's event leaves the case as it is.
    expect(next === state).toBe(type === 'lead.reported');
  });
});

describe('evolveCase: the campaign a case belongs to', () => {
  const examples = fileURLToPath(new URL('../../../domain/src/annex/campaigns/examples/', import.meta.url));

  it('given only the 2021 campaign, when a case is opened, then it is a 2021 case', () => {
    expect(evolveCase(undefined, opened).campaign).toBe('net-sword-2021');
  });

  it('given 2021 and 2022, when a 2021 case is corrected to have been opened in September 2022, then it moves to 2022', () => {
    const before = process.env[CAMPAIGN_DIRS_ENV];
    process.env[CAMPAIGN_DIRS_ENV] = examples;
    try {
      const state = evolveCase(undefined, opened);
      expect(state.campaign).toBe('net-sword-2021');
      const corrected = evolveCase(state, step(2, 'case.corrected', { occurredAt: '2022-09-20T10:00:00+08:00' }));
      expect(corrected).toMatchObject({ campaign: 'net-sword-2022', openedAt: '2022-09-20T10:00:00+08:00' });
      // A correction of another field keeps the campaign.
      expect(evolveCase(corrected, step(3, 'case.corrected', { caseNo: '喀市监立〔2022〕1号' })).campaign).toBe('net-sword-2022');
    } finally {
      if (before === undefined) delete process.env[CAMPAIGN_DIRS_ENV];
      else process.env[CAMPAIGN_DIRS_ENV] = before;
    }
  });
});
