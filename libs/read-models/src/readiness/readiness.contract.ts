// GET /api/v1/readiness: per reporting unit, whether its report package (due 12-05) is complete.

/** The unit's annex: has data counted, has none, or its department has no annex rows to fill. */
export type AnnexStatus = 'filled' | 'empty' | 'not_applicable';

/** One reporting unit's package. */
export interface UnitReadiness {
  /** `<department>/<region>`. */
  unit: string;
  department: string;
  region: string;
  annex: AnnexStatus;
  /** Events of the unit counted in the annex during the campaign. */
  annexContributions: number;
  /** Typical cases marked (典型案例). */
  typicalCases: number;
  /** Of those, cases with a penalty decision (the plan asks for ≥ 2). */
  typicalWithPenaltyDecision: number;
  /** When the work summary in force was filed (the unit's own time), null if none. */
  summarySubmittedAt: string | null;
  /** The summary was filed after the report deadline. */
  summaryLate: boolean;
  /** A correction or void (`<type>.corrected` / `.voided`) was recorded after the unit's filing: re-file. */
  changedSinceFiled: boolean;
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
  /** Units listed (after the filters; a unit's token: itself). */
  total: number;
  /** Of those, complete ones. */
  complete: number;
  items: UnitReadiness[];
}
