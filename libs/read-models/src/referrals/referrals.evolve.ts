import { deadlineFor, REFERRAL_WATCHES, toTimestamp, type ReferralStatus } from '@hub/domain';
import { text, type PositionedEvent } from '../table/positioned-event.js';

export type { ReferralStatus };

/** One referral (移送/协查) as the `referrals` table holds it. Times are ISO strings. */
export interface ReferralState {
  /** Sending unit `<dept>/<region>`: with `referralId`, the key. */
  fromUnit: string;
  referralId: string;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  leadId: string | null;
  /** `transfer` (移送) or `assistance` (协查请求 about another unit's record). */
  kind: 'transfer' | 'assistance';
  recordRef: string | null;
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
  /** The signed actors of the lead.referred and the referral.answered, when they name one. */
  sentBy: string | null;
  answeredBy: string | null;
  lastSeq: number;
  updatedAt: string;
}

export const referralKey = (fromUnit: string, referralId: string): string => `${fromUnit}\u0000${referralId}`;

interface ReferralTarget {
  fromUnit: string;
  referralId: string;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
}

/**
 * The referral a message is about, named by its sender: the sender publishes lead.referred (the receiving
 * unit is in its data); the receiver's referral.answered / referral.feedback name the sender in
 * `fromDepartment`/`fromRegion`. The joint office's referral.overdue is a coordination fact, not part of
 * the referral's own state; answers of the old shape (no sender) name no referral.
 */
export function referralTarget(e: PositionedEvent): ReferralTarget | undefined {
  const data = e.event.data;
  const referralId = text(data, 'referralId');
  if (referralId === null) return undefined;
  if (e.event.type === 'lead.referred' || e.event.type === 'referral.requested') {
    const toDepartment = text(data, 'toDepartment');
    const toRegion = text(data, 'toRegion');
    if (toDepartment === null || toRegion === null) return undefined;
    return { fromUnit: e.unit, referralId, toUnit: `${toDepartment}/${toRegion}`, toDepartment, toRegion };
  }
  if (e.event.type === 'referral.answered' || e.event.type === 'referral.feedback') {
    const fromDepartment = text(data, 'fromDepartment');
    const fromRegion = text(data, 'fromRegion');
    if (fromDepartment === null || fromRegion === null) return undefined;
    return { fromUnit: `${fromDepartment}/${fromRegion}`, referralId, toUnit: e.unit, toDepartment: e.department, toRegion: e.region };
  }
  return undefined;
}

export function referralKeyOf(e: PositionedEvent): string | undefined {
  const target = referralTarget(e);
  return target && referralKey(target.fromUnit, target.referralId);
}

/**
 * Whether the log entry may change the row: nothing one unit publishes may change what another unit's
 * referral says. Only the addressed unit answers (the department service refuses the rest; a log written
 * before it did keeps them out here), and a second lead.referred of the same sender and id does not
 * rewrite the first.
 */
function mayChange(current: ReferralState, e: PositionedEvent): boolean {
  if (e.event.type === 'lead.referred' || e.event.type === 'referral.requested') return current.sentAt === null;
  return e.unit === current.toUnit;
}

/** Folds one referral event into the referral's state (pure); the receiver's answer may even precede the referral. */
export function evolveReferral(state: ReferralState | undefined, e: PositionedEvent): ReferralState {
  const target = referralTarget(e);
  if (target === undefined) {
    if (state === undefined) throw new TypeError(`${e.event.type} at seq ${e.seq} is not a referral event`);
    return state;
  }
  if (state !== undefined && !mayChange(state, e)) return state;
  const current: ReferralState = state ?? {
    ...target,
    leadId: null,
    kind: 'transfer',
    recordRef: null,
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
    sentBy: null,
    answeredBy: null,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
  // Copied once (a new state is the fold's own already) and the copy filled in: the projector folds every referral event.
  const next = state === undefined ? current : { ...current };
  const data = e.event.data;
  next.lastSeq = e.seq;
  next.updatedAt = e.event.recordedAt;
  switch (e.event.type) {
    case 'lead.referred':
    case 'referral.requested':
      next.toUnit = target.toUnit;
      next.toDepartment = target.toDepartment;
      next.toRegion = target.toRegion;
      if (e.event.type === 'lead.referred') next.leadId = e.aggregateId;
      else {
        // The same answer clock as a transfer; the request names no lead of the requester, only the record asked about.
        next.kind = 'assistance';
        next.recordRef = text(data, 'record');
      }
      next.reason = text(data, 'reason');
      next.sentAt = e.event.time;
      next.sentBy = e.event.actor ?? null;
      next.dueAt = text(data, 'dueAt') ?? clockDeadline(REFERRAL_WATCHES.answer.legalClock, e.event.time);
      break;
    case 'referral.answered': {
      const decision = text(data, 'decision');
      const answered = decision === 'accepted' || decision === 'rejected' || decision === 'returned' ? decision : current.status;
      next.decision = decision;
      next.decisionReason = text(data, 'reason');
      next.answeredAt = e.event.time;
      next.answeredBy = e.event.actor ?? null;
      next.feedbackDueAt = decision === 'accepted' ? clockDeadline(REFERRAL_WATCHES.feedback.legalClock, e.event.time) : null;
      next.status = current.status === 'fed_back' ? 'fed_back' : answered;
      break;
    }
    case 'referral.feedback':
      next.feedbackOutcome = text(data, 'outcome');
      next.feedbackCaseId = text(data, 'caseId');
      next.feedbackAt = e.event.time;
      next.status = 'fed_back';
      break;
  }
  return next;
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
