// What a referral looks like to coordinators and units (GET /api/v1/referrals, /referrals/inbox):
// the read-model row plus what depends on "now" — which clock is running, whether it ran out, and
// the referral's age in working days. Pure: `now` is passed in, so the same row and instant always
// give the same answer.
import { CalendarCoverageError, CN_CALENDAR, localDateOf, referralSubjectId, toTimestamp } from '@hub/domain';
import type { ReferralItem } from '@hub/contracts';
import type { ReferralState } from './referrals.evolve.js';

/** What the API returns for a referral (the contract): the row plus its clocks evaluated at `now`. */
export type ReferralView = ReferralItem;

/** The clock that is still running for a referral in `status`, with its deadline. */
export function runningClock(state: Pick<ReferralState, 'status' | 'dueAt' | 'feedbackDueAt'>): { clock: 'answer' | 'feedback'; dueAt: string | null } | undefined {
  if (state.status === 'sent') return { clock: 'answer', dueAt: state.dueAt };
  if (state.status === 'accepted') return { clock: 'feedback', dueAt: state.feedbackDueAt };
  return undefined;
}

/** When the referral stopped ageing: feedback, or a rejection/return; null while it is open. */
function settledAt(state: ReferralState): string | null {
  if (state.status === 'fed_back') return state.feedbackAt;
  if (state.status === 'rejected' || state.status === 'returned') return state.answeredAt;
  return null;
}

function ageInWorkingDays(from: string | null, to: string | Date): number | null {
  if (from === null) return null;
  try {
    return Math.max(0, CN_CALENDAR.workingDaysBetween(localDateOf(from), localDateOf(to)));
  } catch (error) {
    if (error instanceof CalendarCoverageError) return null;
    throw error;
  }
}

const iso = (value: string | null): string | null => (value === null ? null : toTimestamp(value));

export function referralView(state: ReferralState, now: Date): ReferralView {
  const [fromDepartment = null, fromRegion = null] = state.fromUnit === null ? [] : state.fromUnit.split('/');
  const running = runningClock(state);
  const overdue = running !== undefined && running.dueAt !== null && Date.parse(running.dueAt) <= now.getTime();
  return {
    referralId: state.referralId,
    subject: `referral/${referralSubjectId(state.fromUnit, state.referralId)}`,
    leadId: state.leadId,
    kind: state.kind,
    recordRef: state.recordRef,
    fromUnit: state.fromUnit,
    fromDepartment,
    fromRegion,
    toUnit: state.toUnit,
    toDepartment: state.toDepartment,
    toRegion: state.toRegion,
    reason: state.reason,
    sentAt: iso(state.sentAt),
    dueAt: iso(running?.dueAt ?? state.dueAt),
    answerDueAt: iso(state.dueAt),
    feedbackDueAt: iso(state.feedbackDueAt),
    status: state.status,
    decision: state.decision,
    decisionReason: state.decisionReason,
    answeredAt: iso(state.answeredAt),
    sentBy: state.sentBy,
    answeredBy: state.answeredBy,
    feedbackOutcome: state.feedbackOutcome,
    feedbackCaseId: state.feedbackCaseId,
    feedbackAt: iso(state.feedbackAt),
    overdue,
    overdueClock: overdue ? (running?.clock ?? null) : null,
    overdueSince: overdue ? iso(running?.dueAt ?? null) : null,
    ageWorkingDays: ageInWorkingDays(state.sentAt, settledAt(state) ?? now),
    crossRegion: fromRegion !== null && fromRegion !== state.toRegion,
    crossDepartment: fromDepartment !== null && fromDepartment !== state.toDepartment,
  };
}
