// The briefing's shape is the API's contract (types only): the domain computes what the API returns.
import type { Briefing, BriefingCase, BriefingCluster, OverdueByDepartment, OverdueReferral } from '@hub/contracts';
import { CalendarCoverageError, workingDaysBetween } from '../coordination/calendar/index.js';
import { localDateOf } from '../time/local-date.js';

export type { Briefing, BriefingCase, BriefingCluster, OverdueReferral };

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
export function overdueByDepartment(overdue: readonly OverdueReferral[]): OverdueByDepartment[] {
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

/**
 * The last day the briefing's annex counts (on event time): the cut-off's local day, kept inside the
 * campaign. Event time rather than recordedAt, so records filed late still count on the day they happened.
 */
export function annexCutOffDay(asOf: Date, campaign: { start: string; end: string; timezone: string }): string {
  const day = localDateOf(asOf, campaign.timezone);
  return day < campaign.start ? campaign.start : day > campaign.end ? campaign.end : day;
}
