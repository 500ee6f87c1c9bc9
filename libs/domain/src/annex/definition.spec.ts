import { describe, expect, it } from '@jest/globals';
import { REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { campaignById, campaignIds, NET_SWORD_2021 } from './campaigns.js';
import { InvalidCampaignDefinitionError, loadCampaignDefinition } from './definition.js';
import type { CampaignDefinition } from './types.js';

type Json = Record<string, unknown>;
/** The definition as editable JSON, typed loosely enough to break it on purpose. */
interface Draft extends Json {
  departments: string[];
  groups: { id: string; label: string; departments: string[] }[];
  rows: { id: string; group: string; rule: Json }[];
}

/** A mutable deep copy of the 2021 definition, edited by `change` (the loaded one is frozen). */
function edited(change: (draft: Draft) => void): unknown {
  const draft: Draft = structuredClone(NET_SWORD_2021 as unknown as Draft);
  change(draft);
  return draft;
}

const ruleOf = (draft: Draft, index: number): Json => {
  const found = draft.rows[index];
  if (!found) throw new Error(`no rows[${index}]`);
  return found.rule;
};

function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    loadCampaignDefinition(json, 'test.json');
  } catch (error) {
    if (error instanceof InvalidCampaignDefinitionError) return [...error.problems];
    throw error;
  }
  throw new Error('expected InvalidCampaignDefinitionError');
}

const row = (definition: CampaignDefinition, id: string): CampaignDefinition['rows'][number] => {
  const found = definition.rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};

describe('the 2021 campaign definition (campaigns/net-sword-2021.json)', () => {
  const def = NET_SWORD_2021;

  it('runs 2021-09-01 → 2021-12-15 in Asia/Shanghai, reports due 2021-12-05, 2021 region table', () => {
    expect(def).toMatchObject({
      id: 'net-sword-2021',
      title: '2021网络市场监管专项行动情况统计表',
      name: '2021 网络市场监管专项行动（网剑行动）',
      start: '2021-09-01',
      end: '2021-12-15',
      reportDue: '2021-12-05',
      timezone: 'Asia/Shanghai',
      regionTableYear: 2021,
    });
    expect(def.departments).toEqual([...REPORTING_DEPARTMENTS]);
  });

  it('has the printed department groups in printed order', () => {
    expect(def.groups.map((g) => [g.id, g.label, g.departments])).toEqual([
      ['cac', '网信部门', ['cac']],
      ['telecom', '电信主管部门', ['telecom']],
      ['police', '公安部门', ['police']],
      ['customs', '海关', ['customs']],
      ['forestry', '林草局', ['forestry']],
      ['postal', '邮政管理部门', ['postal']],
      ['drug', '市场监管部门（药监部门）', ['samr', 'nmpa']],
      ['samr', '市场监管部门', ['samr']],
    ]);
  });

  it('has the 37 rows in printed order with their printed units', () => {
    const ids = [
      ...['cac-1', 'cac-2', 'cac-3', 'tel-1', 'pol-1', 'pol-2', 'pol-3', 'pol-4', 'cus-1', 'cus-2', 'for-1', 'for-2', 'pos-1', 'pos-2'],
      ...Array.from({ length: 11 }, (_, i) => `drg-${i + 1}`),
      ...Array.from({ length: 12 }, (_, i) => `sa-${i + 1}`),
    ];
    expect(def.rows.map((r) => r.id)).toEqual(ids);
    expect(def.rows.map((r) => r.unit).join(' ')).toBe(
      '万条 个 个 家 条 件 个 件 批次 件 条 件 家次 次 家次 家次 家次 家次 家次 家次 家次 件 件 件 件 个次 条 个次 个次 个次 件 件 件 件 件 件 件',
    );
  });

  it('carries the full printed labels and note, in full-width punctuation', () => {
    expect(row(def, 'for-1').label).toBe('向公安机关、市场监管部门、网信部门和邮政部门提交网上非法交易野生动植物线索数量');
    expect(row(def, 'for-2').label).toBe('配合公安机关、市场监管部门、网信部门和邮政部门查处网上非法交易野生动植物案件数量');
    expect(row(def, 'drg-7').label).toBe('责令医疗器械网络销售企业整改（包括：下架、删除、更正违法违规商品信息，关闭违法违规页面等）');
    expect(row(def, 'tel-1').label).toBe('处置违法违规互联网应用（网站、APP等）');
    expect(def.note).toBe('注：如查处的同一网络违法案件属于同时违反多个法律法规的，原则上按照涉及的最主要的违法问题进行分类（不重复计算），请在备注中予以说明。');
    const texts = [...def.rows.flatMap((r) => [r.label, r.unit]), ...def.groups.map((g) => g.label), def.note];
    expect(texts.filter((text) => /[(),:;]/.test(text))).toEqual([]);
  });

  it('counts 万条 with scale 10000 and police platforms as distinct platform names', () => {
    expect(row(def, 'cac-1').rule).toEqual({ eventType: 'takedown.recorded', where: { action: 'info_removed' }, measure: { kind: 'sum', field: 'count' }, scale: 10000 });
    expect(row(def, 'pol-3').rule).toEqual({ eventType: 'case.opened', where: { targetKind: 'platform' }, measure: { kind: 'distinct', field: 'platform' } });
    expect(row(def, 'for-1').rule.where).toEqual({ toDepartment: ['police', 'samr', 'cac', 'postal'] });
  });

  it('makes sa-12 the catch-all: it excludes exactly the categories sa-6…sa-11 and drg-8…drg-11 count', () => {
    const counted = def.rows
      .filter((r) => /^(sa-([6-9]|1[01])|drg-([89]|1[01]))$/.test(r.id))
      .map((r) => r.rule.where?.primaryCategory)
      .sort();
    expect(counted).toHaveLength(10);
    expect([...(row(def, 'sa-12').rule.whereNot?.primaryCategory ?? [])].sort()).toEqual(counted);
    expect(row(def, 'sa-12').rule.where).toBeUndefined();
  });

  it('marks every case-counting row for remarks, and no other row', () => {
    const remarkRows = def.rows.filter((r) => r.rule.remarkOtherCategories === true).map((r) => r.id);
    expect(remarkRows).toEqual(['pol-2', 'pol-4', 'pos-2', 'drg-8', 'drg-9', 'drg-10', 'drg-11', 'sa-6', 'sa-7', 'sa-8', 'sa-9', 'sa-10', 'sa-11', 'sa-12']);
  });

  it('is frozen, so nobody can change the campaign at run time', () => {
    expect(Object.isFrozen(def)).toBe(true);
    expect(Object.isFrozen(row(def, 'cac-1').rule.where)).toBe(true);
  });
});

describe('campaignById', () => {
  it('given the file name, when asked by id, then returns the same loaded definition', () => {
    expect(campaignById('net-sword-2021')).toBe(NET_SWORD_2021);
    expect(campaignIds()).toContain('net-sword-2021');
  });

  it('given no such file or an id that cannot be a file name, then returns undefined', () => {
    expect(campaignById('net-sword-1999')).toBeUndefined();
    expect(campaignById('../campaigns/net-sword-2021')).toBeUndefined();
    expect(campaignById('')).toBeUndefined();
  });
});

describe('loadCampaignDefinition', () => {
  it('given the 2021 file content, then accepts it', () => {
    expect(loadCampaignDefinition(structuredClone(NET_SWORD_2021))).toEqual(NET_SWORD_2021);
  });

  // Each case breaks one thing; the error must name the path into the file.
  const cases: [name: string, change: (d: Draft) => void, path: string, message: RegExp][] = [
    ['unknown event type', (d) => void (ruleOf(d, 3).eventType = 'lead.sighted'), 'rows[3].rule.eventType', /EVENT_TYPES/],
    ['event type the group never publishes', (d) => void (ruleOf(d, 0).eventType = 'referral.overdue'), 'rows[0].rule.eventType', /never published/],
    ['row in an unknown group', (d) => void (((d.rows[0] ?? { group: '' }).group = 'nope')), 'rows[0].group', /no group "nope"/],
    ['rows out of printed group order', (d) => void d.rows.push(...d.rows.splice(0, 1)), 'rows[36].group', /printed group order/],
    ['duplicate row id', (d) => void (((d.rows[1] ?? { id: '' }).id = 'cac-1')), 'rows[1].id', /duplicate/],
    ['a group without rows', (d) => void d.groups.push({ id: 'tax', label: '税务部门', departments: ['tax'] }), 'groups[8]', /no rows/],
    ['joint in a group', (d) => void (((d.groups[0] ?? { departments: [] }).departments = ['joint'])), 'groups[0].departments[0]', /reporting department/],
    ['group department not in the campaign', (d) => void (d.departments = d.departments.filter((x) => x !== 'nmpa')), 'groups[6].departments[1]', /campaign's departments/],
    ['unknown campaign department', (d) => void d.departments.push('army'), 'departments[13]', /reporting department/],
    ['end before start', (d) => void (d.end = '2021-08-01'), 'end', /before start/],
    ['impossible date', (d) => void (d.reportDue = '2021-11-31'), 'reportDue', /YYYY-MM-DD/],
    ['unknown time zone', (d) => void (d.timezone = 'Asia/Kashgar-ish'), 'timezone', /IANA/],
    ['year without a region table', (d) => void (d.regionTableYear = 1999), 'regionTableYear', /region table/],
    ['scale 0', (d) => void (ruleOf(d, 0).scale = 0), 'rows[0].rule.scale', /> 0/],
    ['scale on a distinct row', (d) => void (ruleOf(d, 6).scale = 10), 'rows[6].rule.scale', /count and sum/],
    ['sum without a field', (d) => void (ruleOf(d, 0).measure = { kind: 'sum' }), 'rows[0].rule.measure.field', /required/],
    ['sum of a text field', (d) => void (ruleOf(d, 0).measure = { kind: 'sum', field: 'platform' }), 'rows[0].rule.measure.field', /not numeric/],
    ['distinct of a missing field', (d) => void (ruleOf(d, 6).measure = { kind: 'distinct', field: 'shop' }), 'rows[6].rule.measure.field', /no field "shop"/],
    ['count with a field', (d) => void (ruleOf(d, 5).measure = { kind: 'count', field: 'caseNo' }), 'rows[5].rule.measure.field', /takes no field/],
    ['unknown measure kind', (d) => void (ruleOf(d, 5).measure = { kind: 'avg' }), 'rows[5].rule.measure.kind', /count, sum, distinct/],
    ['where on a field the event lacks', (d) => void (ruleOf(d, 0).where = { actoin: 'info_removed' }), 'rows[0].rule.where.actoin', /no field "actoin"/],
    ['where with a code the field rejects', (d) => void (ruleOf(d, 0).where = { action: 'info_remvoed' }), 'rows[0].rule.where.action', /not a valid takedown.recorded value/],
    ['whereNot list with a bad code', (d) => void (ruleOf(d, 36).whereNot = { primaryCategory: ['counterfeit', 'fake'] }), 'rows[36].rule.whereNot.primaryCategory[1]', /"fake"/],
    ['a typo in a rule key', (d) => void (ruleOf(d, 0).wher = {}), 'rows[0].rule.wher', /unknown field/],
    ['remarks on a sum row', (d) => void (ruleOf(d, 0).remarkOtherCategories = true), 'rows[0].rule.remarkOtherCategories', /count measure/],
    [
      'sa-12 that would also count counterfeit cases',
      (d) => void (ruleOf(d, 36).whereNot = { primaryCategory: ['other'] }),
      'rows[36].rule',
      /rows\[30\] \(sa-6\).*counts once/,
    ],
    ['an id that cannot be a file name', (d) => void (d.id = 'Net Sword'), 'id', /file/],
  ];

  it.each(cases.map(([name, change, path, message]) => ({ name, change, path, message })))('given $name, then names $path', ({ change, path, message }) => {
    const problems = problemsOf(edited(change));
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) as unknown as string });
  });

  it('given several problems, then reports them all at once in the error message', () => {
    const json = edited((d) => {
      d.timezone = 'nowhere';
      ruleOf(d, 3).eventType = 'nope';
    });
    expect(() => loadCampaignDefinition(json, 'net-sword-2022.json')).toThrow(/net-sword-2022\.json:\n {2}timezone: .*\n {2}rows\[3\]\.rule\.eventType: /);
  });

  it('given something that is not an object, then names the root', () => {
    expect(problemsOf([])).toEqual([{ path: '(root)', message: 'must be an object, got an array' }]);
  });

  it('given a missing field, then says it is required', () => {
    expect(problemsOf(edited((d) => void delete d.note))).toEqual([{ path: 'note', message: 'is required' }]);
  });
});
