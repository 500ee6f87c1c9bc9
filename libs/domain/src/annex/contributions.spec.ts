import { describe, expect, it } from '@jest/globals';
import { NET_SWORD_2021 } from './campaigns.js';
import { annexContributions } from './contributions.js';
import { caseOpened, hubEvent, takedown } from './event-fixtures.js';

const def = NET_SWORD_2021;

describe('annexContributions', () => {
  it('given a cac takedown, then adds its count to cac-1 with the unit, department, region and normalised instants', () => {
    const event = takedown('cac/653100', 'info_removed', 1_234, { time: '2021-10-08T09:30:00.123456+08:00', recordedAt: '2021-10-08T01:31:00Z' });
    expect(annexContributions(event, def)).toEqual([
      {
        rowId: 'cac-1',
        eventId: event.id,
        unit: 'cac/653100',
        department: 'cac',
        region: '653100',
        time: '2021-10-08T01:30:00.123Z',
        recordedAt: '2021-10-08T01:31:00.000Z',
        amount: 1_234,
      },
    ]);
  });

  it('given the same action from police, then it is pol-1, and from samr nothing', () => {
    expect(annexContributions(takedown('police/653100', 'info_removed', 5), def).map((c) => c.rowId)).toEqual(['pol-1']);
    expect(annexContributions(takedown('samr/653100', 'info_removed', 5), def)).toEqual([]);
  });

  it('given a samr counterfeit case also involving advertising, then only sa-6, with its other categories', () => {
    const contributions = annexContributions(caseOpened('samr/653100', { primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising'] }), def);
    expect(contributions.map((c) => [c.rowId, c.amount, c.otherCategories])).toEqual([['sa-6', 1, ['illegal_advertising']]]);
  });

  it('given a case without other categories, then the remark row still gets an empty list', () => {
    expect(annexContributions(caseOpened('postal/650100'), def).map((c) => [c.rowId, c.otherCategories])).toEqual([['pos-2', []]]);
  });

  it('given a police platform case, then pol-2 counts the case and pol-3 gets the normalised platform key', () => {
    const contributions = annexContributions(caseOpened('police/653100', { targetKind: 'platform', platform: '  Ｔａｏｂａｏ  ' }), def);
    expect(contributions.map((c) => [c.rowId, c.distinctKey])).toEqual([
      ['pol-2', undefined],
      ['pol-3', 'taobao'],
    ]);
  });

  it.each([
    ['joint coordination events', hubEvent('referral.overdue', 'joint/650000', { referralId: 'R-1', clock: 'answer', dueAt: '2021-10-22T18:00:00+08:00' })],
    ['a source without a region', takedown('cac', 'info_removed', 5)],
    ['an unreadable time', takedown('cac/653100', 'info_removed', 5, { time: 'yesterday' })],
    ['a non-numeric count', hubEvent('takedown.recorded', 'cac/653100', { action: 'info_removed', count: '5' })],
    ['a filter field inherited from Object.prototype', hubEvent('takedown.recorded', 'cac/653100', Object.create({ action: 'info_removed', count: 5 }) as Record<string, unknown>)],
  ])('given %s, then nothing', (_name, event) => {
    expect(annexContributions(event, def)).toEqual([]);
  });
  it('given events read in turn (as the projector reads each for every campaign), then each contribution has its own instants', () => {
    const first = takedown('cac/653100', 'info_removed', 1, { time: '2021-10-08T09:30:00+08:00', recordedAt: '2021-10-08T01:31:00Z' });
    const second = takedown('cac/653100', 'info_removed', 2, { time: '2021-11-01T12:00:00+06:00', recordedAt: '2021-11-02T00:00:00+08:00' });
    const unreadable = takedown('cac/653100', 'info_removed', 3, { time: 'yesterday', recordedAt: '2021-11-02T00:00:00+08:00' });
    const instants = (event: typeof first) => annexContributions(event, def).map((c) => [c.amount, c.time, c.recordedAt]);
    expect([instants(first), instants(second), instants(unreadable), instants(first), instants(first)]).toEqual([
      [[1, '2021-10-08T01:30:00.000Z', '2021-10-08T01:31:00.000Z']],
      [[2, '2021-11-01T06:00:00.000Z', '2021-11-01T16:00:00.000Z']],
      [],
      [[1, '2021-10-08T01:30:00.000Z', '2021-10-08T01:31:00.000Z']],
      [[1, '2021-10-08T01:30:00.000Z', '2021-10-08T01:31:00.000Z']],
    ]);
  });
});
