import type { CampaignDefinition } from '../annex/types.js';
import { localDayBounds } from '../annex/time-window.js';
import type { AnnexStatus, UnitReadiness } from '@hub/contracts';

/** A unit's readiness is exactly what the API returns for it (the contract, types only). */
export type ReportReadiness = UnitReadiness;
export type { AnnexStatus };

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
  /** The report.submitted in force, if any. */
  summary?: { submittedAt: string; recordedAt: string; version: number; length: number };
  /** When the unit's last correction or void was recorded, if it ever sent one. */
  lastCorrectionRecordedAt?: string;
}

/** Departments whose events fill some annex row of the campaign: only they have an annex to fill. */
export function annexDepartments(definition: CampaignDefinition): ReadonlySet<string> {
  const withRows = new Set(definition.rows.map((row) => row.group));
  return new Set(definition.groups.filter((group) => withRows.has(group.id)).flatMap((group) => group.departments));
}

/** Judges one unit's package against the plan's requirements. Pure. */
export function assessReadiness(facts: UnitReportFacts, definition: CampaignDefinition, annexDepts: ReadonlySet<string> = annexDepartments(definition)): ReportReadiness {
  const missing: string[] = [];
  const annex: AnnexStatus = !annexDepts.has(facts.department) ? 'not_applicable' : facts.annexContributions > 0 ? 'filled' : 'empty';
  if (annex === 'empty') missing.push('情况统计表未填报：本单位在行动期间没有计入统计表的数据');
  if (facts.typicalWithPenaltyDecision < MIN_TYPICAL_CASES) {
    missing.push(
      `典型案例不足：附行政处罚决定书的典型案例 ${facts.typicalWithPenaltyDecision} 件，至少需要 ${MIN_TYPICAL_CASES} 件` +
        (facts.typicalCases > facts.typicalWithPenaltyDecision ? `（另有 ${facts.typicalCases - facts.typicalWithPenaltyDecision} 件典型案例尚无行政处罚决定）` : ''),
    );
  }
  if (!facts.summary) missing.push('未报送专项行动工作总结');
  const deadline = localDayBounds(definition.reportDue, definition.timezone).end;
  const summaryLate = facts.summary !== undefined && Date.parse(facts.summary.submittedAt) >= deadline;
  return {
    unit: facts.unit,
    department: facts.department,
    region: facts.region,
    annex,
    annexContributions: facts.annexContributions,
    typicalCases: facts.typicalCases,
    typicalWithPenaltyDecision: facts.typicalWithPenaltyDecision,
    summarySubmittedAt: facts.summary?.submittedAt ?? null,
    summaryLate,
    changedSinceFiled:
      facts.summary !== undefined && facts.lastCorrectionRecordedAt !== undefined && Date.parse(facts.lastCorrectionRecordedAt) > Date.parse(facts.summary.recordedAt),
    complete: missing.length === 0,
    missing,
  };
}
