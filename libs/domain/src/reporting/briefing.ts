import type { AnnexReport } from '../annex/types.js';
import { deadlineFor } from '../coordination/clocks.js';
import { workingDaysBetween } from '../coordination/calendar/index.js';
import { localDateOf } from '../time/local-date.js';

/** What the briefing needs of a referral (the referrals read model). */
export interface ReferralFacts {
  referralId: string;
  leadId: string | null;
  fromUnit: string | null;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  reason: string | null;
  status: string;
  sentAt: string | null;
  dueAt: string | null;
  answeredAt: string | null;
}

export interface OverdueReferral extends ReferralFacts {
  /** Which answer is late: the receipt decision (接收答复) or the result feedback (处理结果反馈). */
  clock: 'answer' | 'feedback';
  deadline: string;
  /** Working days since the deadline passed (0 on the day after). */
  overdueWorkingDays: number;
}

/**
 * When the receiver's next answer is due: a sent referral must be answered by its `dueAt` (or the
 * referral-answer clock from when it was sent); an accepted one owes feedback within the lead-to-case
 * clock from its acceptance. Undefined when the receiver owes nothing more.
 */
export function referralDeadline(referral: ReferralFacts): { clock: 'answer' | 'feedback'; deadline: Date } | undefined {
  if (referral.status === 'sent' && referral.sentAt) {
    return { clock: 'answer', deadline: referral.dueAt ? new Date(referral.dueAt) : deadlineFor('referral_answer', referral.sentAt) };
  }
  if (referral.status === 'accepted') {
    const start = referral.answeredAt ?? referral.sentAt;
    return start ? { clock: 'feedback', deadline: deadlineFor('lead_to_case_decision', start) } : undefined;
  }
  return undefined;
}

/** The referrals whose receiver is late at `asOf`, most overdue first. Pure. */
export function overdueReferrals(referrals: readonly ReferralFacts[], asOf: Date): OverdueReferral[] {
  const today = localDateOf(asOf);
  const late: OverdueReferral[] = [];
  for (const referral of referrals) {
    const due = referralDeadline(referral);
    if (!due || due.deadline.getTime() > asOf.getTime()) continue;
    const dueDay = localDateOf(new Date(due.deadline.getTime() - 1)); // a deadline is the end (24:00) of its last day
    late.push({ ...referral, clock: due.clock, deadline: due.deadline.toISOString(), overdueWorkingDays: Math.max(0, workingDaysBetween(dueDay, today)) });
  }
  return late.sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays || a.referralId.localeCompare(b.referralId));
}

/** Overdue referrals per receiving department, the departments with most first. */
export function overdueByDepartment(overdue: readonly OverdueReferral[]): { department: string; count: number; items: OverdueReferral[] }[] {
  const groups = new Map<string, OverdueReferral[]>();
  for (const item of overdue) groups.set(item.toDepartment, [...(groups.get(item.toDepartment) ?? []), item]);
  return [...groups].map(([department, items]) => ({ department, count: items.length, items })).sort((a, b) => b.count - a.count || a.department.localeCompare(b.department));
}

export interface BriefingCluster {
  clusterId: string;
  formedAt: string;
  members: string[];
  keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
}

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

/** The joint-meeting briefing (联席会议通报): one document, rendered as a page, HTML or XLSX. */
export interface Briefing {
  campaign: { id: string; name: string; title: string; start: string; end: string; reportDue: string };
  generatedAt: string;
  /** The previous meeting: clusters formed since then are "new". */
  since: string;
  asOf: string;
  overdue: { total: number; byDepartment: { department: string; count: number; items: OverdueReferral[] }[] };
  newClusters: BriefingCluster[];
  typicalCases: BriefingCase[];
  annex: AnnexReport;
  readiness: { total: number; complete: number };
}
