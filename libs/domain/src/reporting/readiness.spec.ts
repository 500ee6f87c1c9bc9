import { describe, expect, it } from '@jest/globals';
import { NET_SWORD_2021 } from '../annex/campaigns.js';
import { annexDepartments } from './duties.js';
import { assessReadiness, type UnitReportFacts } from './readiness.js';

const facts = (patch: Partial<UnitReportFacts> = {}): UnitReportFacts => ({
  unit: 'samr/653100',
  department: 'samr',
  region: '653100',
  annexContributions: 12,
  typicalCases: 2,
  typicalWithPenaltyDecision: 2,
  summary: { submittedAt: '2021-12-03T10:00:00+08:00', recordedAt: '2021-12-03T02:00:00.000Z', version: 1, length: 800, jointEnforcement: true },
  ...patch,
});

describe('report readiness (plan 三(四))', () => {
  it('given annex, two decided typical cases and a summary, when assessed, then the package is complete', () => {
    const readiness = assessReadiness(facts(), NET_SWORD_2021);
    expect(readiness).toMatchObject({ annex: 'filled', complete: true, missing: [], summaryLate: false });
  });

  it('given nothing at all, when assessed, then all three requirements are listed as missing', () => {
    const { summary: _none, ...rest } = facts({ annexContributions: 0, typicalCases: 0, typicalWithPenaltyDecision: 0 });
    const readiness = assessReadiness(rest, NET_SWORD_2021);
    expect(readiness.complete).toBe(false);
    expect(readiness.annex).toBe('empty');
    expect(readiness.filing).toBe('missing');
    expect(readiness.missing).toEqual([
      '情况统计表未填报：本单位在行动期间没有计入统计表的数据',
      '典型案例不足：附行政处罚决定书的典型案例 0 件，至少需要 2 件',
      '未报送专项行动工作总结',
    ]);
  });

  it('given a typical case without a penalty decision, when assessed, then it does not count and the gap is explained', () => {
    const readiness = assessReadiness(facts({ typicalCases: 3, typicalWithPenaltyDecision: 1 }), NET_SWORD_2021);
    expect(readiness.missing).toEqual(['典型案例不足：附行政处罚决定书的典型案例 1 件，至少需要 2 件（另有 2 件典型案例尚无行政处罚决定）']);
  });

  it('given a department with no annex rows (tax), when assessed, then the annex is not applicable and not missing', () => {
    expect(annexDepartments(NET_SWORD_2021).has('tax')).toBe(false);
    const readiness = assessReadiness(facts({ unit: 'tax/650100', department: 'tax', region: '650100', annexContributions: 0 }), NET_SWORD_2021);
    expect(readiness).toMatchObject({ annex: 'not_applicable', complete: true });
  });

  it('given a summary filed after 2021-12-05 24:00 Beijing time, when assessed, then it is flagged late but present (a later upload of an on-time filing is not)', () => {
    const onTime = facts({ summary: { submittedAt: '2021-12-05T23:59:59+08:00', recordedAt: '2021-12-20T02:00:00.000Z', version: 1, length: 10 } });
    const late = facts({ summary: { submittedAt: '2021-12-06T00:00:00+08:00', recordedAt: '2021-12-06T02:00:00.000Z', version: 2, length: 10 } });
    expect(assessReadiness(onTime, NET_SWORD_2021).summaryLate).toBe(false);
    expect(assessReadiness(late, NET_SWORD_2021)).toMatchObject({ summaryLate: true, complete: false, filing: 'late', missing: ['报送材料未附联合执法相关材料'] });
    expect(assessReadiness(onTime, NET_SWORD_2021).filing).toBe('filed');
  });

  it('given a correction recorded after the filing, when assessed, then the filing is marked changed since filed; one before it is not', () => {
    expect(assessReadiness(facts({ lastCorrectionRecordedAt: '2021-12-03T02:00:00.001Z' }), NET_SWORD_2021).changedSinceFiled).toBe(true);
    expect(assessReadiness(facts({ lastCorrectionRecordedAt: '2021-12-03T01:59:59.999Z' }), NET_SWORD_2021).changedSinceFiled).toBe(false);
    expect(assessReadiness(facts(), NET_SWORD_2021).changedSinceFiled).toBe(false);
    const { summary: _none, ...unfiled } = facts({ lastCorrectionRecordedAt: '2021-12-04T00:00:00.000Z' });
    expect(assessReadiness(unfiled, NET_SWORD_2021).changedSinceFiled).toBe(false);
  });

  it('given a filing returned by the line supervisor, when assessed, then it is incomplete with the reason until the unit files a later version', () => {
    const returned = { filedVersion: 1, recordedAt: '2021-12-04T01:00:00.000Z', reason: '缺少处罚决定书', by: 'account:A-li' };
    const assessed = assessReadiness(facts({ returned }), NET_SWORD_2021);
    expect(assessed).toMatchObject({ complete: false, filing: 'returned', returned: { reason: '缺少处罚决定书', by: 'account:A-li' } });
    expect(assessed.missing.join()).toContain('缺少处罚决定书');
    const refiled = assessReadiness(facts({ returned, summary: { submittedAt: '2021-12-04T10:00:00+08:00', recordedAt: '2021-12-04T02:00:00.000Z', version: 2, length: 900, jointEnforcement: true } }), NET_SWORD_2021);
    expect(refiled).toMatchObject({ complete: true, filing: 'filed', returned: null });
  });

  it('given a filing with a checkpoint and a later correction of a counted record, when assessed, then it is changed since filed (已变更) naming the change', () => {
    const change = { type: 'case.corrected', subject: 'case/C-1', recordedAt: '2021-12-04T02:00:00.000Z' };
    const readiness = assessReadiness(facts({ changeAfterCheckpoint: change }), NET_SWORD_2021);
    expect(readiness).toMatchObject({ changedSinceFiled: true, changedBy: change, filedVersion: 1 });
  });

  it('given a filing with a checkpoint and only corrections of records it did not count, when assessed, then it is unchanged even if a correction came later', () => {
    const readiness = assessReadiness(facts({ changeAfterCheckpoint: null, lastCorrectionRecordedAt: '2021-12-04T02:00:00.000Z' }), NET_SWORD_2021);
    expect(readiness).toMatchObject({ changedSinceFiled: false, changedBy: null });
  });

  it('given a filing naming a typical case without its decision document, when assessed, then that case is named as missing its decision', () => {
    const summary = { submittedAt: '2021-12-03T10:00:00+08:00', recordedAt: '2021-12-03T02:00:00.000Z', version: 2, length: 800, jointEnforcement: true, typicalWithoutDecisionDocument: ['C-7'] };
    const readiness = assessReadiness(facts({ summary }), NET_SWORD_2021);
    expect(readiness.complete).toBe(false);
    expect(readiness.missing).toEqual(['报送的典型案例未附行政处罚决定书文件：C-7']);
  });
});
