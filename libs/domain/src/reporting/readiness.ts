import type { CampaignDefinition, ReportingPlan } from '../annex/types.js';
import { localDayBounds } from '../annex/time-window.js';
import type { AnnexStatus, FilingStatus, UnitReadiness } from '@hub/contracts';
import { dutiesOf, reportingPlan, routeFiling } from './duties.js';

/** A unit's readiness is exactly what the API returns for it (the contract, types only). */
export type ReportReadiness = UnitReadiness;
export type { AnnexStatus, FilingStatus };

/** The plan's 三(四): a unit's 12-05 package needs the annex, ≥ 2 typical cases with penalty decisions, and the summary. */
export const MIN_TYPICAL_CASES = 2;

/** What the read models know about one reporting unit's package. */
export interface UnitReportFacts {
  unit: string;
  department: string;
  region: string;
  /** Annex contributions of this unit in the campaign window. */
  annexContributions: number;
  /** Typical cases (case.marked_typical) and, of those, administrative cases with a penalty decision (case.decided). */
  typicalCases: number;
  typicalWithPenaltyDecision: number;
  /** The report.submitted in force, if any; `jointEnforcement`: it carries joint-enforcement material. */
  summary?: {
    submittedAt: string;
    recordedAt: string;
    version: number;
    length: number;
    jointEnforcement?: boolean;
    /** Typical cases the filing names without a decision document attached (filings through /reports/file). */
    typicalWithoutDecisionDocument?: string[];
  };
  /** When the unit's last correction or void was recorded, if it ever sent one. */
  lastCorrectionRecordedAt?: string;
  /**
   * For a filing that names its checkpoint: the first correction or void after it of a record the filed
   * figures could count (null: none). Absent for older filings, judged by lastCorrectionRecordedAt.
   */
  changeAfterCheckpoint?: { type: string; subject: string; recordedAt: string } | null;
  /** The latest report.returned of this unit's filing (its line supervisor or region coordinator), if any. */
  returned?: { filedVersion: number; recordedAt: string; reason: string; by: string };
}

/**
 * Judges one unit's package against what its department must file (the campaign's reporting duties):
 * a unit is never flagged for an item its department does not file. Pure.
 */
export function assessReadiness(facts: UnitReportFacts, definition: CampaignDefinition, plan: ReportingPlan = reportingPlan(definition)): ReportReadiness {
  const duties = dutiesOf(plan, facts.unit) ?? [];
  const min = plan.minTypicalCases;
  const missing: string[] = [];
  const annex: AnnexStatus = !duties.includes('statistics') ? 'not_applicable' : facts.annexContributions > 0 ? 'filled' : 'empty';
  if (annex === 'empty') missing.push('情况统计表未填报：本单位在行动期间没有计入统计表的数据');
  if (duties.includes('penalty_decisions') && facts.typicalWithPenaltyDecision < min) {
    missing.push(
      `典型案例不足：附行政处罚决定书的典型案例 ${facts.typicalWithPenaltyDecision} 件，至少需要 ${min} 件` +
        (facts.typicalCases > facts.typicalWithPenaltyDecision ? `（另有 ${facts.typicalCases - facts.typicalWithPenaltyDecision} 件典型案例尚无行政处罚决定）` : ''),
    );
  } else if (duties.includes('typical_cases') && facts.typicalCases < min) {
    missing.push(`典型案例不足：典型案例 ${facts.typicalCases} 件，至少需要 ${min} 件`);
  }
  if (!facts.summary) missing.push('未报送专项行动工作总结');
  const undocumented = facts.summary?.typicalWithoutDecisionDocument ?? [];
  if (duties.includes('penalty_decisions') && undocumented.length > 0) missing.push(`报送的典型案例未附行政处罚决定书文件：${undocumented.join('、')}`);
  const jointEnforcement = facts.summary?.jointEnforcement === true;
  if (facts.summary && duties.includes('joint_enforcement') && !jointEnforcement) missing.push('报送材料未附联合执法相关材料');
  // A return holds until the unit files again: a later version of its report than the one returned.
  const returned = facts.summary !== undefined && facts.returned !== undefined && facts.returned.filedVersion >= facts.summary.version ? facts.returned : undefined;
  if (returned) missing.push(`报送已被退回，请修改后重新报送：${returned.reason}`);
  const deadline = localDayBounds(definition.reportDue, definition.timezone).end;
  const summaryLate = facts.summary !== undefined && Date.parse(facts.summary.submittedAt) >= deadline;
  const filing: FilingStatus = returned ? 'returned' : !facts.summary ? 'missing' : summaryLate ? 'late' : 'filed';
  return {
    unit: facts.unit,
    department: facts.department,
    region: facts.region,
    duties: [...duties],
    route: routeFiling(definition, facts.unit, plan),
    filing,
    annex,
    annexContributions: facts.annexContributions,
    typicalCases: facts.typicalCases,
    typicalWithPenaltyDecision: facts.typicalWithPenaltyDecision,
    jointEnforcement,
    summarySubmittedAt: facts.summary?.submittedAt ?? null,
    summaryLate,
    changedSinceFiled:
      facts.summary !== undefined &&
      (facts.changeAfterCheckpoint !== undefined
        ? facts.changeAfterCheckpoint !== null
        : facts.lastCorrectionRecordedAt !== undefined && Date.parse(facts.lastCorrectionRecordedAt) > Date.parse(facts.summary.recordedAt)),
    changedBy: facts.summary !== undefined && facts.changeAfterCheckpoint ? facts.changeAfterCheckpoint : null,
    filedVersion: facts.summary?.version ?? null,
    returned: returned ? { recordedAt: returned.recordedAt, reason: returned.reason, by: returned.by } : null,
    complete: missing.length === 0,
    missing,
  };
}
