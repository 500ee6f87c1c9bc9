// GET /api/v1/cases: cases with their penalty decisions (the `cases` read model).
import type { Page } from '../common/common.contract.js';

/**
 * Where a case stands: the last lifecycle step recorded (`assisted`: a case opened to assist another unit's;
 * `voided`: withdrawn by case.voided — listed, never counted).
 */
export type CaseStatus = 'opened' | 'decided' | 'transferred' | 'closed' | 'assisted' | 'voided';

/** One case as the list shows it. Times are ISO instants; money is in yuan. */
export interface CaseItem {
  /** The owning unit, `<department>/<region>` (case ids are unique per unit only). */
  unit: string;
  /** The unit's own case id (the `case/<caseId>` subject). */
  caseId: string;
  /** The printed case number (案号), once opened. */
  caseNo: string | null;
  /** The owning unit's department code, e.g. `samr`. */
  department: string;
  /** The owning unit's region code (GB/T 2260), e.g. `653100`. */
  region: string;
  status: CaseStatus;
  /** `administrative` | `criminal` (catalogue `caseKinds`). */
  kind: string | null;
  /** The violation category counted in the annex (catalogue `categories`). */
  primaryCategory: string | null;
  /** Further categories the case also involves (listed in the annex remark). */
  otherCategories: string[];
  /** The platform the case concerns, e.g. `taobao`. */
  platform: string | null;
  /** The unit's leads the case came from. */
  leadIds: string[];
  /** When the case was opened (立案). */
  openedAt: string | null;
  /** The campaign the case belongs to (by when it was opened), e.g. `net-sword-2021`; lists filter on it. */
  campaign: string | null;
  /** The penalty decision's document number (行政处罚决定书文号). */
  decisionNo: string | null;
  /** Fine imposed, yuan. */
  fine: number | null;
  /** Value confiscated, yuan. */
  confiscation: number | null;
  /** When the penalty decision was made. */
  decidedAt: string | null;
  /** Handed over to the police (移送公安机关). */
  transferred: boolean;
  /** The department the case was transferred to (case.transferred's toDepartment), when it was. */
  transferredTo: string | null;
  closed: boolean;
  /** Marked a typical case (典型案例) for the report package. */
  typical: boolean;
  /**
   * The decision clock of the market-regulation penalty rules (第六十四条: 90 days from opening, +30 with an approved
   * extension, suspensions not counted), for cases of units under those rules; null otherwise.
   */
  clock: CaseClockItem | null;
}

export interface CaseClockItem {
  /** running | paused (suspended, 中止) | stopped (decided, closed, transferred, voided) | unknown (no holiday data for the period). */
  state: 'running' | 'paused' | 'stopped' | 'unknown';
  /** Days left (negative: overdue by that many days); null unless running. */
  daysLeft: number | null;
  dueAt: string | null;
  extensions: number;
  suspendedDays: number;
  /** The legal basis (LEGAL_CLOCKS). */
  basis: string;
}

/** GET /api/v1/cases: newest first (typical cases first when filtered so); a unit sees its own. */
export type CasePage = Page<CaseItem>;
