import { describe, expect, it } from '@jest/globals';
import { NET_SWORD_2021 } from '../annex/campaigns.js';
import { loadCampaignDefinition } from '../annex/definition.js';
import type { CampaignDefinition } from '../annex/types.js';
import { addressedUnits, annexDepartments, dutiesOf, filingsReaching, reportingPlan, routeFiling } from './duties.js';
import { assessReadiness, type UnitReportFacts } from './readiness.js';

const plan = reportingPlan(NET_SWORD_2021);
const nothing = (unit: string): UnitReportFacts => {
  const [department = '', region = ''] = unit.split('/');
  return { unit, department, region, annexContributions: 0, typicalCases: 0, typicalWithPenaltyDecision: 0 };
};
const filed = (unit: string): UnitReportFacts => ({
  ...nothing(unit),
  summary: { submittedAt: '2021-12-03T10:00:00+08:00', recordedAt: '2021-12-03T02:00:00.000Z', version: 1, length: 100, jointEnforcement: false },
});

describe('reporting duties (plan 三(四), campaign data)', () => {
  it('given the 2021 plan, when its addressed units are listed, then 13 region-level units and 12 departments × 14 prefectures (no prefecture-level 药监) = 181', () => {
    const units = addressedUnits(NET_SWORD_2021);
    expect(units).toHaveLength(13 + 12 * 14);
    expect(units).toContain('nmpa/650000');
    expect(units.filter((unit) => unit.startsWith('nmpa/'))).toEqual(['nmpa/650000']);
    expect(units).toContain('propaganda/653100');
    expect(dutiesOf(plan, 'nmpa/653100')).toBeUndefined();
  });

  it('given each duty, when checked against the annex, then exactly the departments with annex rows file statistics, and only 宣传部 files no typical cases', () => {
    const withRows = annexDepartments(NET_SWORD_2021);
    for (const duty of plan.duties) expect(duty.items.includes('statistics')).toBe(withRows.has(duty.department));
    expect(plan.duties.filter((duty) => !duty.items.includes('penalty_decisions')).map((duty) => duty.department)).toEqual(['propaganda']);
    expect(dutiesOf(plan, 'propaganda/653100')).toEqual(['summary']);
  });

  it('given a 宣传部 unit that filed only its summary, when assessed, then it is complete: nothing its department cannot produce is asked of it', () => {
    const readiness = assessReadiness(filed('propaganda/653100'), NET_SWORD_2021);
    expect(readiness).toMatchObject({ duties: ['summary'], annex: 'not_applicable', complete: true, missing: [], filing: 'filed' });
  });

  it('given a tax unit (no annex rows) with nothing filed, when assessed, then it is asked for typical cases, summary — never the statistics table', () => {
    const readiness = assessReadiness(nothing('tax/653100'), NET_SWORD_2021);
    expect(readiness.annex).toBe('not_applicable');
    expect(readiness.missing).toEqual(['典型案例不足：附行政处罚决定书的典型案例 0 件，至少需要 2 件', '未报送专项行动工作总结']);
  });

  it('given a filing without joint-enforcement material from a department that files it, when assessed, then that is missing; with it, not', () => {
    const facts = { ...filed('police/653100'), annexContributions: 3, typicalCases: 2, typicalWithPenaltyDecision: 2 };
    expect(assessReadiness(facts, NET_SWORD_2021).missing).toEqual(['报送材料未附联合执法相关材料']);
    expect(assessReadiness({ ...facts, summary: { ...facts.summary!, jointEnforcement: true } }, NET_SWORD_2021).complete).toBe(true);
  });

  it('given units at both levels, when routed, then a prefecture unit files to its line’s region-level unit with a copy to its prefecture’s 市场监管局; a region-level unit to its national superior, copied to 自治区市场监管局', () => {
    expect(routeFiling(NET_SWORD_2021, 'police/653100')).toEqual({ to: 'police/650000', toLabel: '自治区公安厅', copyTo: 'samr/653100', copyToLabel: '喀什地区市场监督管理局' });
    expect(routeFiling(NET_SWORD_2021, 'samr/653100')).toEqual({ to: 'samr/650000', toLabel: '自治区市场监督管理局', copyTo: null, copyToLabel: null });
    expect(routeFiling(NET_SWORD_2021, 'police/650000')).toEqual({ to: null, toLabel: '公安部', copyTo: 'samr/650000', copyToLabel: '自治区市场监督管理局' });
    expect(routeFiling(NET_SWORD_2021, 'samr/650000')).toMatchObject({ to: null, toLabel: '国家市场监督管理总局', copyTo: null });
    expect(assessReadiness(nothing('customs/653100'), NET_SWORD_2021).route.to).toBe('customs/650000');
  });

  it('given the routing table, when the filings reaching a unit are gathered, then 自治区公安厅 receives its 14 prefectures and a prefecture 市场监管局 the copies of its other 11 departments', () => {
    expect(filingsReaching(NET_SWORD_2021, 'police/650000')).toEqual({ to: addressedUnits(NET_SWORD_2021).filter((u) => u.startsWith('police/') && u !== 'police/650000'), copy: [] });
    const kashgar = filingsReaching(NET_SWORD_2021, 'samr/653100');
    expect(kashgar.to).toEqual([]);
    expect(kashgar.copy).toHaveLength(11);
    expect(kashgar.copy).not.toContain('nmpa/653100');
    expect(filingsReaching(NET_SWORD_2021, 'samr/650000').copy).toHaveLength(12);
  });

  it('given a campaign file without a reporting block, when its plan is derived, then every department at both levels files what it can (the annex decides statistics)', () => {
    const { reporting: _none, ...rest } = JSON.parse(JSON.stringify(NET_SWORD_2021)) as CampaignDefinition;
    const bare = loadCampaignDefinition(rest);
    expect(addressedUnits(bare)).toHaveLength(13 * 15);
    expect(dutiesOf(reportingPlan(bare), 'tax/653100')).toEqual(['summary', 'typical_cases', 'penalty_decisions', 'joint_enforcement']);
    expect(routeFiling(bare, 'police/653100').to).toBe('police/650000');
  });
});

describe('the reporting block is checked like the rest of the campaign file', () => {
  const withReporting = (patch: (reporting: Record<string, unknown>) => void): unknown => {
    const json = JSON.parse(JSON.stringify(NET_SWORD_2021)) as Record<string, unknown>;
    patch(json['reporting'] as Record<string, unknown>);
    return json;
  };
  const problems = (json: unknown): string[] => {
    try {
      loadCampaignDefinition(json);
      return [];
    } catch (error) {
      return (error as { problems: { path: string; message: string }[] }).problems.map((p) => `${p.path}: ${p.message}`);
    }
  };
  const duty = (reporting: Record<string, unknown>, department: string): Record<string, unknown> =>
    (reporting['duties'] as Record<string, unknown>[]).find((d) => d['department'] === department) as Record<string, unknown>;

  it('given the shipped file, then it has no problems', () => {
    expect(problems(JSON.parse(JSON.stringify(NET_SWORD_2021)))).toEqual([]);
  });

  it('given statistics asked of a department without annex rows, or withheld from one with rows, then the item list is named', () => {
    const found = problems(
      withReporting((r) => {
        duty(r, 'tax')['items'] = ['summary', 'statistics'];
        duty(r, 'police')['items'] = ['summary'];
      }),
    );
    expect([...found].sort()).toEqual(['reporting.duties[4].items: police has annex rows: list statistics', 'reporting.duties[9].items: tax has no annex rows: it has no statistics to file']);
  });

  it('given a duty without summary, penalty decisions without typical cases, a duplicate department, a bad level, region or copy, then each is named', () => {
    const found = problems(
      withReporting((r) => {
        duty(r, 'cac')['items'] = ['statistics', 'penalty_decisions'];
        duty(r, 'commerce')['levels'] = ['county'];
        (r['duties'] as unknown[]).push({ department: 'samr', levels: ['region'], items: ['summary', 'statistics'], superior: 'x', basis: 'y' });
        r['regionLevel'] = '659999';
        r['copyTo'] = 'joint';
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'reporting.duties[3].items: must include summary (every addressed unit files its work summary)',
        'reporting.duties[3].items: penalty_decisions are attached to typical cases: list typical_cases too',
        'reporting.duties[5].levels[0]: must be region or prefecture, got "county"',
        'reporting.duties[13].department: duplicate "samr": one duty per department',
        'reporting.regionLevel: must be a region of the 2021 table (自治区本级, e.g. 650000), got "659999"',
        'reporting.copyTo: must be an addressed department (the same-level copy goes to its unit), got "joint"',
      ]),
    );
  });
});
