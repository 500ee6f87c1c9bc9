import { describe, expect, it } from '@jest/globals';
import { NET_SWORD_2021 } from './campaigns.js';
import { annexRemarkText, assembleAnnex, type AnnexTotals } from './assemble.js';

const def = NET_SWORD_2021;
const amount = (value: number): AnnexTotals[string] => ({ amount: value, distinct: 0, remarkCounts: {} });

describe('assembleAnnex', () => {
  it('given no totals for all, then prints every row in order with 0 and the printed group labels', () => {
    const report = assembleAnnex(def, { kind: 'all' }, {});
    expect(report).toMatchObject({ campaign: 'net-sword-2021', scope: 'all' });
    expect(report.rows).toHaveLength(37);
    expect(report.rows[0]).toEqual({ id: 'cac-1', group: '网信部门', label: '清理网上违法违规信息', unit: '万条', value: 0, remark: '' });
    expect(report.rows.find((row) => row.id === 'drg-1')?.group).toBe('市场监管部门（药监部门）');
    expect(report.rows.every((row) => row.value === 0)).toBe(true);
  });

  it.each([
    [12_345, 1.2345],
    [1, 0.0001],
    [10_000, 1],
    [123_456_789, 12_345.6789],
    [3, 0.0003],
  ])('given %d items removed by cac, then cac-1 shows %d 万条 (4 decimals, never an integer)', (items, value) => {
    const report = assembleAnnex(def, { kind: 'all' }, { 'cac-1': amount(items) });
    expect(report.rows[0]?.value).toBe(value);
  });

  it('given a distinct row, then shows the distinct count, not the number of events', () => {
    const report = assembleAnnex(def, { kind: 'region', region: '653100' }, { 'pol-3': { amount: 5, distinct: 2, remarkCounts: {} } });
    expect(report.rows.find((row) => row.id === 'pol-3')?.value).toBe(2);
  });

  it('given a unit scope, then rows of groups its department does not fill are null with no remark', () => {
    const totals: AnnexTotals = { 'pol-4': { amount: 2, distinct: 0, remarkCounts: { wildlife: 1 } }, 'sa-6': { amount: 1, distinct: 0, remarkCounts: { counterfeit: 1 } } };
    const report = assembleAnnex(def, { kind: 'unit', unit: 'samr/653100' }, totals);
    expect(report.rows.find((row) => row.id === 'pol-4')).toMatchObject({ value: null, remark: '' });
    expect(report.rows.find((row) => row.id === 'sa-6')).toMatchObject({ value: 1, remark: '其中1件同时涉及网络侵权假冒伪劣' });
    expect(report.rows.filter((row) => row.value !== null).map((row) => row.id)).toEqual([...def.rows.filter((r) => r.group === 'drug' || r.group === 'samr').map((r) => r.id)]);
  });

  it('given meta, then echoes the period and as-of instant', () => {
    expect(assembleAnnex(def, { kind: 'all' }, {}, { from: '2021-10-01', to: '2021-10-31', asOf: '2021-12-05' })).toMatchObject({
      from: '2021-10-01',
      to: '2021-10-31',
      asOf: '2021-12-05',
    });
    expect(Object.keys(assembleAnnex(def, { kind: 'all' }, {}))).toEqual(['campaign', 'scope', 'rows']);
  });
});

describe('annexRemarkText', () => {
  it('given other categories, then most frequent first, then catalogue order, one 其中', () => {
    expect(annexRemarkText({ consumer_rights: 1, illegal_advertising: 2, counterfeit: 1, wildlife: 0 })).toBe(
      '其中2件同时涉及虚假违法互联网广告，1件同时涉及网络侵权假冒伪劣，1件同时涉及侵害消费者合法权益',
    );
  });

  it('given none, then an empty remark', () => {
    expect(annexRemarkText({})).toBe('');
  });

  it('given a code the catalogue does not know, then shows the code', () => {
    expect(annexRemarkText({ gambling: 1 })).toBe('其中1件同时涉及gambling');
  });
});
