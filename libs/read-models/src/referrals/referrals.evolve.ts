import { deadlineFor, REFERRAL_WATCHES, toTimestamp, type ReferralStatus } from '@hub/domain';
import { text, type PositionedEvent } from '../table/positioned-event.js';

export type { ReferralStatus };

/** One referral (移送/协查) as the `referrals` table holds it. Times are ISO strings. */
export interface ReferralState {
  toUnit: string;
  referralId: string;
  toDepartment: string;
  toRegion: string;
  fromUnit: string | null;
  leadId: string | null;
  reason: string | null;
  sentAt: string | null;
  /** When the answer is due: the sender's `dueAt`, else the referral-answer clock from `sentAt` (working days). */
  dueAt: string | null;
  status: ReferralStatus;
  decision: string | null;
  decisionReason: string | null;
  answeredAt: string | null;
  /** When result feedback is due after an acceptance (the lead → case decision clock from `answeredAt`). */
  feedbackDueAt: string | null;
  feedbackOutcome: string | null;
  feedbackCaseId: string | null;
  feedbackAt: string | null;
  lastSeq: number;
  updatedAt: string;
}

export const referralKey = (toUnit: string, referralId: string): string => `${toUnit}\u0000${referralId}`;

/**
 * The referral a message is about: the sender's lead.referred names the receiving unit in its data, the
 * receiver's referral.answered / referral.feedback are published by that unit. The joint office's
 * referral.overdue is a coordination fact, not part of the referral's own state.
 */
export function referralTarget(e: PositionedEvent): { toUnit: string; toDepartment: string; toRegion: string; referralId: string } | undefined {
  const data = e.event.data;
  const referralId = text(data, 'referralId');
  if (referralId === null) return undefined;
  if (e.event.type === 'lead.referred') {
    const toDepartment = text(data, 'toDepartment');
    const toRegion = text(data, 'toRegion');
    if (toDepartment === null || toRegion === null) return undefined;
    return { toUnit: `${toDepartment}/${toRegion}`, toDepartment, toRegion, referralId };
  }
  if (e.event.type === 'referral.answered' || e.event.type === 'referral.feedback') {
    return { toUnit: e.unit, toDepartment: e.department, toRegion: e.region, referralId };
  }
  return undefined;
}

export function referralKeyOf(e: PositionedEvent): string | undefined {
  const target = referralTarget(e);
  return target && referralKey(target.toUnit, target.referralId);
}

/** Folds one referral event into the referral's state (pure); the receiver's answer may even precede the referral. */
export function evolveReferral(state: ReferralState | undefined, e: PositionedEvent): ReferralState {
  const target = referralTarget(e);
  if (target === undefined) {
    if (state === undefined) throw new TypeError(`${e.event.type} at seq ${e.seq} is not a referral event`);
    return state;
  }
  const current: ReferralState = state ?? {
    ...target,
    fromUnit: null,
    leadId: null,
    reason: null,
    sentAt: null,
    dueAt: null,
    status: 'sent',
    decision: null,
    decisionReason: null,
    answeredAt: null,
    feedbackDueAt: null,
    feedbackOutcome: null,
    feedbackCaseId: null,
    feedbackAt: null,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
  const data = e.event.data;
  const next: ReferralState = { ...current, lastSeq: e.seq, updatedAt: e.event.recordedAt };
  switch (e.event.type) {
    case 'lead.referred':
      return {
        ...next,
        fromUnit: e.unit,
        leadId: e.aggregateId,
        reason: text(data, 'reason'),
        sentAt: e.event.time,
        dueAt: text(data, 'dueAt') ?? clockDeadline(REFERRAL_WATCHES.answer.legalClock, e.event.time),
      };
    case 'referral.answered': {
      const decision = text(data, 'decision');
      const answered = decision === 'accepted' || decision === 'rejected' || decision === 'returned' ? decision : current.status;
      return {
        ...next,
        decision,
        decisionReason: text(data, 'reason'),
        answeredAt: e.event.time,
        feedbackDueAt: decision === 'accepted' ? clockDeadline(REFERRAL_WATCHES.feedback.legalClock, e.event.time) : null,
        status: current.status === 'fed_back' ? 'fed_back' : answered,
      };
    }
    case 'referral.feedback':
      return { ...next, feedbackOutcome: text(data, 'outcome'), feedbackCaseId: text(data, 'caseId'), feedbackAt: e.event.time, status: 'fed_back' };
    default:
      return current;
  }
}

/**
 * A legal clock's deadline as an ISO string, or null when it cannot be computed (the working-day
 * calendar does not cover the year): a referral is never dropped for want of holiday data.
 */
function clockDeadline(clock: (typeof REFERRAL_WATCHES)[keyof typeof REFERRAL_WATCHES]['legalClock'], start: string): string | null {
  try {
    return toTimestamp(deadlineFor(clock, start));
  } catch {
    return null;
  }
}
