import { describe, expect, it } from '@jest/globals';
import { HubError } from '../errors.js';
import { formatAnnexScope, parseAnnexScope, scopeLabel, unitLabels } from './scope.js';
import type { AnnexScope } from './types.js';

describe('parseAnnexScope', () => {
  it.each<[string, AnnexScope]>([
    ['unit:samr/653100', { kind: 'unit', unit: 'samr/653100' }],
    ['unit:police/650000', { kind: 'unit', unit: 'police/650000' }],
    ['region:653100', { kind: 'region', region: '653100' }],
    ['line:police', { kind: 'line', department: 'police' }],
    ['all', { kind: 'all' }],
    [' all ', { kind: 'all' }],
  ])('given %j, then parses it and formats it back', (text, scope) => {
    expect(parseAnnexScope(text)).toEqual(scope);
    expect(formatAnnexScope(parseAnnexScope(text))).toBe(text.trim());
  });

  it.each([
    ['unit:joint/650000', /reporting department "joint"/],
    ['unit:army/653100', /reporting department "army"/],
    ['unit:samr/999999', /<dept>\/<region>/],
    ['unit:samr', /<dept>\/<region>/],
    ['unit:samr/653100/x', /<dept>\/<region>/],
    ['region:65310', /unknown region "65310"/],
    ['region:', /unknown region ""/],
    ['line:joint', /reporting department "joint".*line:<dept>/],
    ['line:', /reporting department ""/],
    ['everything', /unit:<dept>\/<region>.*region:<code>.*line:<dept>.*all/],
    ['', /scope must be/],
  ])('given %j, then VALIDATION_FAILED on path scope says %s', (text, message) => {
    let caught: unknown;
    try {
      parseAnnexScope(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HubError);
    expect((caught as HubError).code).toBe('VALIDATION_FAILED');
    expect((caught as HubError).details.fields).toEqual([{ path: 'scope', message: expect.stringMatching(message) as unknown as string }]);
  });
});

describe('scopeLabel (填报单位)', () => {
  it.each<[AnnexScope, string]>([
    [{ kind: 'unit', unit: 'samr/653100' }, '喀什地区市场监督管理局'],
    [{ kind: 'unit', unit: 'police/653100' }, '喀什地区公安局'],
    [{ kind: 'unit', unit: 'police/650000' }, '自治区公安厅'],
    [{ kind: 'unit', unit: 'customs/650000' }, '乌鲁木齐海关'],
    [{ kind: 'unit', unit: 'telecom/654000' }, '伊犁哈萨克自治州通信管理办公室'],
    [{ kind: 'unit', unit: 'pboc/652900' }, '中国人民银行阿克苏地区中心支行'],
    [{ kind: 'region', region: '653100' }, '喀什地区'],
    [{ kind: 'region', region: '650000' }, '自治区本级'],
    [{ kind: 'line', department: 'police' }, '自治区公安厅（全区汇总）'],
    [{ kind: 'all' }, '新疆维吾尔自治区（全区）'],
  ])('given %j, then %s', (scope, label) => {
    expect(scopeLabel(scope, 2021)).toBe(label);
  });
});

describe('unitLabels (the web UI names units by the same rule)', () => {
  const labels = unitLabels();

  it('given the 13 departments in 15 regions, then it names all 195 units', () => {
    expect(Object.keys(labels)).toHaveLength(195);
  });

  it('given a city police unit and the region-level one, then a 公安局 and the 公安厅', () => {
    expect(labels['police/650100']).toBe('乌鲁木齐市公安局');
    expect(labels['police/650000']).toBe('自治区公安厅');
  });

  it('given any unit, then its label is the printed 填报单位', () => {
    expect(labels['samr/653100']).toBe(scopeLabel({ kind: 'unit', unit: 'samr/653100' }));
  });
});
