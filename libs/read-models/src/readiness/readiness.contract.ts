// GET /api/v1/readiness: per reporting unit, whether its report package (due 12-05) is complete.

/** The unit's annex: has data counted, has none, or its department has no annex rows to fill. */
export type AnnexStatus = 'filled' | 'empty' | 'not_applicable';

/**
 * What a department files with its package (plan 三(四)), per the campaign's reporting duties:
 * 工作总结, 情况统计表, ≥ N 典型案例, their 行政处罚决定书, 联合执法相关材料.
 */
export type ReportItem = 'summary' | 'statistics' | 'typical_cases' | 'penalty_decisions' | 'joint_enforcement';

/** Where the unit's filing stands: not filed, filed on time, filed after the due date, or sent back by its line or region. */
export type FilingStatus = 'missing' | 'filed' | 'late' | 'returned';

/** Whom the unit files to (its superior in the department line) and whom it copies (the same-level market regulator). */
export interface FilingRoute {
  /** The superior unit `<department>/<region>` in the hub, or null when it is a national body outside it. */
  to: string | null;
  /** The superior's name, e.g. 自治区公安厅 or 公安部. */
  toLabel: string;
  /** The same-level market-regulation unit copied, or null when the unit is that unit itself. */
  copyTo: string | null;
  copyToLabel: string | null;
}

/** One reporting unit's package. */
export interface UnitReadiness {
  /** `<department>/<region>`. */
  unit: string;
  department: string;
  region: string;
  /** What its department must file (the campaign's reporting duties); nothing else is asked of it. */
  duties: ReportItem[];
  /** Whom it files to and copies. */
  route: FilingRoute;
  /** Where its filing stands. */
  filing: FilingStatus;
  annex: AnnexStatus;
  /** Events of the unit counted in the annex during the campaign. */
  annexContributions: number;
  /** Typical cases marked (典型案例). */
  typicalCases: number;
  /** Of those, cases with a penalty decision (the plan asks for ≥ 2). */
  typicalWithPenaltyDecision: number;
  /** The filing in force carries joint-enforcement material (联合执法相关材料). */
  jointEnforcement: boolean;
  /** When the work summary in force was filed (the unit's own time), null if none. */
  summarySubmittedAt: string | null;
  /** The summary was filed after the report deadline. */
  summaryLate: boolean;
  /**
   * 已变更: a correction or void (`<type>.corrected` / `.voided`) of a record the filed figures count was
   * recorded after the filing's checkpoint (older filings without one: after the filing): re-file.
   */
  changedSinceFiled: boolean;
  /** The first such change: its event type, the record and when it was recorded; null when unchanged. */
  changedBy: { type: string; subject: string; recordedAt: string } | null;
  /** The version of the report aggregate filed in force (a refiling is a later version); null if none. */
  filedVersion: number | null;
  /** The filing in force was returned by the line supervisor (report.returned): when, why, by whom; null otherwise. */
  returned: { recordedAt: string; reason: string; by: string } | null;
  /** Nothing is missing. */
  complete: boolean;
  /** What is missing, in Chinese, one line per requirement not met. */
  missing: string[];
}

export interface ReadinessReport {
  /** Campaign id. */
  campaign: string;
  /** The due date, `YYYY-MM-DD`. */
  reportDue: string;
  /** Units listed: those the plan addresses (after the filters; a unit's token: itself). */
  total: number;
  /** Of those, complete ones. */
  complete: number;
  items: UnitReadiness[];
}
