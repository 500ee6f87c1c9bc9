// GET /api/v1/transfers: cases transferred to the police and the police's decision whether to open a case
// (《行政执法机关移送涉嫌犯罪案件的规定》第八条: within 3 days of receiving it).
import type { Page } from '../common/common.contract.js';

export interface TransferItem {
  /** `<department>-<region>-case-<id>`: the chain the police answer on. */
  id: string;
  /** The transferring unit `<department>/<region>`. */
  fromUnit: string;
  caseId: string;
  /** From the transferring unit's case, when the hub holds it. */
  caseNo: string | null;
  primaryCategory: string | null;
  /** The addressed police unit `police/<region>`. */
  toUnit: string;
  approvedAt: string | null;
  transferredAt: string | null;
  reason: string | null;
  /** transferredAt + 3 calendar days (rolled to a working day), 24:00 local. */
  dueAt: string | null;
  /** transferred | opened | declined */
  status: string;
  policeCaseId: string | null;
  decisionReason: string | null;
  /** When the police decided (the answer's event time, as the clock judges it). */
  answeredAt: string | null;
  answeredBy: string | null;
  /** Past its clock: the joint office published case.overdue, or it is unanswered past dueAt now. */
  overdue: boolean;
  /** Whether the caller may answer it (the addressed police unit, while unanswered). */
  answerable: boolean;
}

export type TransferPage = Page<TransferItem>;
