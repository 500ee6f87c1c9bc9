// GET /api/v1/briefing?format=json: the joint-meeting briefing (联席会议通报).
import type { AnnexReport } from '../annex/annex.contract.js';
import type { ProductCount } from '../overview/overview.contract.js';
import type { ReferralClock } from '../referrals/referrals.contract.js';

/** A referral whose receiver is late. Times are ISO instants. */
export interface OverdueReferral {
  referralId: string;
  leadId: string | null;
  fromUnit: string | null;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  reason: string | null;
  /** The referral's status (`sent` or `accepted` while a clock runs). */
  status: string;
  sentAt: string | null;
  /** Which answer is late: the receipt decision or the result feedback. */
  clock: ReferralClock;
  /** The missed deadline. */
  deadline: string;
  /** Working days after the deadline's last day up to `asOf`; null beyond the holiday calendar. */
  overdueWorkingDays: number | null;
}

/** Overdue referrals of one receiving department, most overdue first. */
export interface OverdueByDepartment {
  department: string;
  count: number;
  items: OverdueReferral[];
}

/** A cluster formed since the previous meeting. */
export interface BriefingCluster {
  clusterId: string;
  formedAt: string;
  /** Qualified members `<department>/<region>/lead|case/<id>`. */
  members: string[];
  /** Keys `kind:value`. */
  keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
}

/** A typical case (典型案例), money in yuan. */
export interface BriefingCase {
  unit: string;
  caseId: string;
  caseNo: string | null;
  department: string;
  region: string;
  kind: string | null;
  primaryCategory: string | null;
  decisionNo: string | null;
  fine: number | null;
  confiscation: number | null;
  decidedAt: string | null;
}

/** What one department's units did besides cases up to the cut-off (plan 三(二), 二(三)3, 二(六)5). */
export interface ActionTotals {
  department: string;
  /** 行政指导 given (guidance.given, kind guidance). */
  guidance: number;
  /** 行政约谈 held (guidance.given, kind interview). */
  interviews: number;
  /** Sampling records (sampling.recorded), the batches they sampled and how many failed. */
  samplings: number;
  batches: number;
  failed: number;
  /** 7×24 urgent closure requests sent. */
  closureRequests: number;
}

/** The briefing: one document, rendered as a page, HTML or XLSX. */
export interface Briefing {
  campaign: { id: string; name: string; title: string; start: string; end: string; reportDue: string };
  /** When the briefing was put together. */
  generatedAt: string;
  /** The previous meeting: clusters formed since then are "new". */
  since: string;
  /** The cut-off: what the hub knew then. */
  asOf: string;
  overdue: { total: number; byDepartment: OverdueByDepartment[] };
  newClusters: BriefingCluster[];
  typicalCases: BriefingCase[];
  /** The whole region's annex up to the cut-off day. */
  annex: AnnexReport;
  /** How many units' report packages are complete. */
  readiness: { total: number; complete: number };
  /** Leads reported up to the cut-off per product focus code (the plan's focus list), most first. */
  byProduct: ProductCount[];
  /** Guidance, interviews, sampling and closure requests per department up to the cut-off, departments in code order. */
  actions: ActionTotals[];
  /** Monitoring leads found in each of the campaign's key periods (重要时间节点: 国庆, 双11) up to the cut-off, in calendar order. */
  keyPeriodLeads: KeyPeriodLeads[];
  /**
   * The joint office's latest signed tree head over the log (log.checkpointed) at the cut-off: printed with the
   * meeting's record, so a later rewrite of history shows against it. Null before the first checkpoint.
   */
  logCheckpoint: BriefingCheckpoint | null;
}

/** The tree head a briefing prints: how many events, up to which stream sequence, the root, and when it was signed. */
export interface BriefingCheckpoint {
  treeSize: number;
  uptoSeq: number;
  root: string;
  signedAt: string;
}

/** How many monitoring leads the holiday and promotion watch found in one key period. */
export interface KeyPeriodLeads {
  keyPeriod: string;
  label: string;
  leads: number;
}
