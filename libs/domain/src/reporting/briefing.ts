import type { AnnexReport } from '../annex/types.js';
import { CalendarCoverageError, workingDaysBetween } from '../coordination/calendar/index.js';
import { localDateOf } from '../time/local-date.js';

/** A referral whose receiver is late (the coordination read model decides overdue; see referralView). */
export interface OverdueReferral {
  referralId: string;
  leadId: string | null;
  fromUnit: string | null;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  reason: string | null;
  status: string;
  sentAt: string | null;
  /** Which answer is late: the receipt decision (接收答复) or the result feedback (处理结果反馈). */
  clock: 'answer' | 'feedback';
  deadline: string;
  /** Working days after the deadline's last day, up to `asOf` (1 on the first working day after it); null beyond the holiday data. */
  overdueWorkingDays: number | null;
}

/**
 * Working days from the deadline's last day (a deadline is 24:00 of that day) to `asOf`'s day; null when
 * the span reaches a year the holiday calendar does not cover (a count would be a guess). Pure.
 */
export function workingDaysLate(deadline: string, asOf: Date): number | null {
  const lastDay = localDateOf(new Date(Date.parse(deadline) - 1));
  const today = localDateOf(asOf);
  if (today <= lastDay) return 0;
  try {
    return workingDaysBetween(lastDay, today);
  } catch (error) {
    if (error instanceof CalendarCoverageError) return null;
    throw error;
  }
}

/** Overdue referrals per receiving department: most overdue departments first, each list most overdue first. */
export function overdueByDepartment(overdue: readonly OverdueReferral[]): { department: string; count: number; items: OverdueReferral[] }[] {
  const groups = new Map<string, OverdueReferral[]>();
  for (const item of overdue) groups.set(item.toDepartment, [...(groups.get(item.toDepartment) ?? []), item]);
  return [...groups]
    .map(([department, items]) => ({
      department,
      count: items.length,
      items: [...items].sort((a, b) => (b.overdueWorkingDays ?? Infinity) - (a.overdueWorkingDays ?? Infinity) || a.deadline.localeCompare(b.deadline) || a.referralId.localeCompare(b.referralId)),
    }))
    .sort((a, b) => b.count - a.count || a.department.localeCompare(b.department));
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

/**
 * The last day the briefing's annex counts (on event time): the cut-off's local day, kept inside the
 * campaign. Event time rather than recordedAt, so records filed late still count on the day they happened.
 */
export function annexCutOffDay(asOf: Date, campaign: { start: string; end: string; timezone: string }): string {
  const day = localDateOf(asOf, campaign.timezone);
  return day < campaign.start ? campaign.start : day > campaign.end ? campaign.end : day;
}
