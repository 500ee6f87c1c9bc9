// The referral (移送/协查) lifecycle as the joint office sees it: born by the sender's
// lead.referred, answered and fed back by the addressed unit under its own referral/<id> subject.
// emmett style: `evolveReferralLifecycle` folds facts from the log (it never throws: a log entry
// that breaks a rule is kept aside in `ignored`, because the log is the truth and the fold must
// not stall on it); `decideReferralLifecycle` checks a unit's command before anything is published.
import {
  isLeadCloseOutcome,
  isReferralDecision,
  type LeadCloseOutcome,
  type ReferralClock,
  type ReferralDecision,
} from '../catalogue/leads.js';
import type { LeadReferredData } from '../events/data/lead.dto.js';
import type { ReferralAnsweredData, ReferralFeedbackData } from '../events/data/referral.dto.js';
import type { ReferralOverdueData } from '../events/data/coordination.dto.js';
import type { HubEvent } from '../integrity/envelope.js';
import { referralRef, referralSubjectId } from '../events/subject.js';
import { toDate, toTimestamp, type Instant } from './calendar/index.js';
import { deadlineFor, REFERRAL_WATCHES, type ClockPolicy } from './clocks.js';
import { deterministicEventId } from './event-ids.js';

/**
 * Where a referral stands, one vocabulary for the joint office's lifecycle, the read model and the API's
 * `status` filter: `fed_back` once the addressed unit has sent its result feedback.
 */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'rejected', 'returned', 'fed_back'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ReferralLifecycleStatus = ReferralStatus;

export const REFERRAL_ERROR_CODES = [
  'UNKNOWN_REFERRAL',
  'NOT_ADDRESSED_TO_YOU',
  'ALREADY_ANSWERED',
  'NOT_ACCEPTED',
  'ALREADY_CLOSED',
  'REASON_REQUIRED',
  'REFERRAL_EXISTS',
  'SELF_REFERRAL',
] as const;
export type ReferralErrorCode = (typeof REFERRAL_ERROR_CODES)[number];

/** Why a unit may not do what it asked; returned (not thrown) so callers map it to their transport. */
export class ReferralError extends Error {
  constructor(
    readonly code: ReferralErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  override get name(): string {
    return `ReferralError(${this.code})`;
  }
}

export interface ReferralAnswer {
  readonly decision: ReferralDecision;
  readonly reason?: string;
  /** The receiver's `time`: when it answered. */
  readonly at: string;
  readonly eventId: string;
}

export interface ReferralFeedback {
  readonly outcome: LeadCloseOutcome;
  readonly caseId?: string;
  readonly note?: string;
  readonly at: string;
  readonly eventId: string;
}

export interface IgnoredReferralEvent {
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly code: ReferralErrorCode;
}

/** Plain JSON, so a repository can store it as a row/document as is. */
export interface Referral {
  /** The sender's id for it: unique only together with `from`. */
  readonly referralId: string;
  /** The sender's lead, qualified: `<dept>/<region>/lead/<id>`; for an assistance request, the record asked about. */
  readonly lead: string;
  /** `transfer` (移送, born by lead.referred) or `assistance` (协查请求, born by referral.requested). */
  readonly kind?: 'transfer' | 'assistance';
  /** Sender unit `<dept>/<region>`. */
  readonly from: string;
  /** Addressed unit `<dept>/<region>`: the only unit that may answer and feed back. */
  readonly to: string;
  readonly reason: string;
  /** The sender's `time` on lead.referred; the answer clock starts here. */
  readonly sentAt: string;
  readonly bornBy: string;
  /** Absent when it could not be computed (see `problems`). */
  readonly answerDueAt?: string;
  /** `sender` when lead.referred carried dueAt, else the campaign's clock. */
  readonly answerDueSource: 'sender' | 'clock';
  readonly status: ReferralLifecycleStatus;
  readonly answer?: ReferralAnswer;
  readonly feedbackDueAt?: string;
  readonly feedback?: ReferralFeedback;
  /** Log entries that broke a rule (a third unit answering, a second answer …), kept for audit. */
  readonly ignored: readonly IgnoredReferralEvent[];
  /** Why a deadline is missing, e.g. the calendar does not cover the year. */
  readonly problems: readonly string[];
}

export type ReferralLifecycleState = Referral | undefined;

/** The events a referral's fold reads (referralKeyOf is undefined for every other type). */
export const REFERRAL_EVENT_TYPES: ReadonlySet<string> = new Set(['lead.referred', 'referral.requested', 'referral.answered', 'referral.feedback', 'referral.overdue']);

/** The events a referral is born by: a lead's transfer, or an assistance request on the requester's own chain. */
export const REFERRAL_BIRTH_TYPES: ReadonlySet<string> = new Set(['lead.referred', 'referral.requested']);

function text(data: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = data[field];
  return typeof value === 'string' ? value : undefined;
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** The referral id an event names (the sender's id, not unique alone); undefined for other events. */
export function referralIdOf(event: Pick<HubEvent, 'type' | 'data'>): string | undefined {
  return REFERRAL_EVENT_TYPES.has(event.type) ? text(event.data, 'referralId') : undefined;
}

/**
 * The sending unit of the referral an event is about: the publisher of lead.referred, the `from*` the
 * answers, feedback and overdue notices name. Undefined for other events (and for old-shape answers).
 */
export function referralSenderOf(event: Pick<HubEvent, 'type' | 'data' | 'source'>): string | undefined {
  if (!REFERRAL_EVENT_TYPES.has(event.type)) return undefined;
  if (REFERRAL_BIRTH_TYPES.has(event.type)) return event.source;
  const department = text(event.data, 'fromDepartment');
  const region = text(event.data, 'fromRegion');
  return department === undefined || region === undefined ? undefined : `${department}/${region}`;
}

/**
 * The referral an event belongs to, `<dept>/<region>/referral/<id>` of its sender, for routing log entries
 * to their state: one key for the sender's lead.referred and the receiver's events; undefined otherwise.
 */
export function referralKeyOf(event: Pick<HubEvent, 'type' | 'data' | 'source'>): string | undefined {
  const referralId = referralIdOf(event);
  const sender = referralSenderOf(event);
  return referralId === undefined || sender === undefined ? undefined : referralRef(sender, referralId);
}

/** A referral's key, `<from>/referral/<id>`. */
export const keyOfReferral = (referral: Pick<Referral, 'from' | 'referralId'>): string => referralRef(referral.from, referral.referralId);

function deadline(run: () => Date, what: string, problems: string[]): string | undefined {
  try {
    return toTimestamp(run());
  } catch (error) {
    problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function seen(state: Referral, eventId: string): boolean {
  return (
    state.bornBy === eventId ||
    state.answer?.eventId === eventId ||
    state.feedback?.eventId === eventId ||
    state.ignored.some((entry) => entry.eventId === eventId)
  );
}

function ignore(state: Referral, event: HubEvent, code: ReferralErrorCode): Referral {
  return { ...state, ignored: [...state.ignored, { eventId: event.id, type: event.type, source: event.source, code }] };
}

/**
 * Folds one event into the referral's state. Events of other types or other referrals leave the
 * state as it is; redelivered events (same id) are no-ops.
 */
export function evolveReferralLifecycle(state: ReferralLifecycleState, event: HubEvent, policy: ClockPolicy = {}): ReferralLifecycleState {
  const referralId = referralIdOf(event);
  const sender = referralSenderOf(event);
  if (referralId === undefined || sender === undefined) return state;
  if (state !== undefined && (state.referralId !== referralId || state.from !== sender)) return state;
  if (state !== undefined && seen(state, event.id)) return state;
  switch (event.type) {
    case 'lead.referred':
    case 'referral.requested':
      return state === undefined ? born(referralId, event, policy) : ignore(state, event, 'REFERRAL_EXISTS');
    case 'referral.answered':
      return state === undefined ? state : answered(state, event, policy);
    case 'referral.feedback':
      return state === undefined ? state : fedBack(state, event);
    default:
      return state;
  }
}

function born(referralId: string, event: HubEvent, policy: ClockPolicy): Referral {
  const problems: string[] = [];
  const senderDue = text(event.data, 'dueAt');
  const answerDueAt =
    senderDue !== undefined
      ? deadline(() => toDate(senderDue), 'answer deadline', problems)
      : deadline(() => deadlineFor(REFERRAL_WATCHES.answer.legalClock, event.time, policy), 'answer deadline', problems);
  const referral: Referral = {
    referralId,
    lead: event.type === 'referral.requested' ? (text(event.data, 'record') ?? '') : `${event.source}/${event.subject}`,
    kind: event.type === 'referral.requested' ? 'assistance' : 'transfer',
    from: event.source,
    to: `${text(event.data, 'toDepartment') ?? ''}/${text(event.data, 'toRegion') ?? ''}`,
    reason: text(event.data, 'reason') ?? '',
    sentAt: event.time,
    bornBy: event.id,
    answerDueSource: senderDue !== undefined ? 'sender' : 'clock',
    status: 'sent',
    ignored: [],
    problems,
  };
  return answerDueAt === undefined ? referral : { ...referral, answerDueAt };
}

function answered(state: Referral, event: HubEvent, policy: ClockPolicy): Referral {
  const refusal = checkAnswer(state, event.source);
  if (refusal !== undefined) return ignore(state, event, refusal.code);
  const decision = event.data['decision'];
  // The hub validated the payload; a value outside the code list here means a newer catalogue.
  if (!isReferralDecision(decision)) return state;
  const reason = text(event.data, 'reason');
  const answer: ReferralAnswer = { decision, at: event.time, eventId: event.id, ...(reason === undefined ? {} : { reason }) };
  if (decision !== 'accepted') return { ...state, status: decision, answer };
  const problems = [...state.problems];
  const feedbackDueAt = deadline(
    () => deadlineFor(REFERRAL_WATCHES.feedback.legalClock, event.time, policy),
    'feedback deadline',
    problems,
  );
  return { ...state, status: 'accepted', answer, problems, ...(feedbackDueAt === undefined ? {} : { feedbackDueAt }) };
}

function fedBack(state: Referral, event: HubEvent): Referral {
  // The log is lenient where decide is strict: feedback from the addressed unit closes the
  // referral even without an acceptance on file, since the work was evidently done.
  if (event.source !== state.to) return ignore(state, event, 'NOT_ADDRESSED_TO_YOU');
  if (state.status === 'fed_back') return ignore(state, event, 'ALREADY_CLOSED');
  const outcome = event.data['outcome'];
  if (!isLeadCloseOutcome(outcome)) return state;
  const caseId = text(event.data, 'caseId');
  const note = text(event.data, 'note');
  const feedback: ReferralFeedback = {
    outcome,
    at: event.time,
    eventId: event.id,
    ...(caseId === undefined ? {} : { caseId }),
    ...(note === undefined ? {} : { note }),
  };
  return { ...state, status: 'fed_back', feedback };
}

/**
 * May `unit` (`<dept>/<region>`) answer this referral? undefined when it may; otherwise the error
 * naming why: unknown referral, not addressed to it, or already answered.
 */
export function checkAnswer(state: ReferralLifecycleState, unit: string, referralId?: string): ReferralError | undefined {
  if (state === undefined) {
    const id = referralId ?? '(unknown)';
    return new ReferralError('UNKNOWN_REFERRAL', `no referral ${id} is known`, { referralId: id });
  }
  const details = { referralId: state.referralId, addressedTo: state.to, unit };
  if (unit !== state.to) {
    const who = unit === state.from ? 'the sending unit cannot answer its own referral' : `not ${unit}`;
    return new ReferralError('NOT_ADDRESSED_TO_YOU', `referral ${state.referralId} is addressed to ${state.to}, ${who}`, details);
  }
  if (state.status !== 'sent') {
    const when = state.answer === undefined ? '' : ` at ${state.answer.at}`;
    return new ReferralError('ALREADY_ANSWERED', `referral ${state.referralId} was already answered (${state.status}${when})`, {
      ...details,
      status: state.status,
    });
  }
  return undefined;
}

/** May `unit` send result feedback? Only the addressed unit, after accepting, and only once. */
export function checkFeedback(state: ReferralLifecycleState, unit: string, referralId?: string): ReferralError | undefined {
  if (state === undefined || unit !== state.to) return checkAnswer(state, unit, referralId);
  const details = { referralId: state.referralId, status: state.status };
  if (state.status === 'fed_back') return new ReferralError('ALREADY_CLOSED', `referral ${state.referralId} is already closed`, details);
  if (state.status !== 'accepted') {
    return new ReferralError('NOT_ACCEPTED', `referral ${state.referralId} is ${state.status}; feedback follows an acceptance`, details);
  }
  return undefined;
}

export interface ReferCommand {
  readonly type: 'refer';
  /** Sender unit `<dept>/<region>`. */
  readonly unit: string;
  readonly leadId: string;
  readonly referralId: string;
  readonly toDepartment: string;
  readonly toRegion: string;
  readonly reason: string;
  readonly dueAt?: string;
}

export interface AnswerCommand {
  readonly type: 'answer';
  readonly unit: string;
  /** The referral's sender `<dept>/<region>`: with `referralId`, which referral is answered. */
  readonly from: string;
  readonly referralId: string;
  readonly decision: ReferralDecision;
  readonly reason?: string;
}

export interface FeedbackCommand {
  readonly type: 'feedback';
  readonly unit: string;
  readonly from: string;
  readonly referralId: string;
  readonly outcome: LeadCloseOutcome;
  readonly caseId?: string;
  readonly note?: string;
}

export type ReferralCommand = ReferCommand | AnswerCommand | FeedbackCommand;

/** What to publish (the caller adds id and time, and publishes under its own unit). */
export type DecidedReferralEvent =
  | { readonly type: 'lead.referred'; readonly subject: string; readonly data: LeadReferredData }
  | { readonly type: 'referral.answered'; readonly subject: string; readonly data: ReferralAnsweredData }
  | { readonly type: 'referral.feedback'; readonly subject: string; readonly data: ReferralFeedbackData };

export type ReferralDecisionResult = { readonly ok: true; readonly event: DecidedReferralEvent } | { readonly ok: false; readonly error: ReferralError };

const refused = (error: ReferralError): ReferralDecisionResult => ({ ok: false, error });

/** The state when it is the referral the command names (sender + id), else undefined. */
function stateFor(command: ReferralCommand, state: ReferralLifecycleState): ReferralLifecycleState {
  const from = command.type === 'refer' ? command.unit : command.from;
  return state?.referralId === command.referralId && state.from === from ? state : undefined;
}

export function decideReferralLifecycle(command: ReferralCommand, state: ReferralLifecycleState): ReferralDecisionResult {
  const current = stateFor(command, state);
  switch (command.type) {
    case 'refer': {
      if (current !== undefined) {
        return refused(new ReferralError('REFERRAL_EXISTS', `referral ${command.referralId} already exists`, { referralId: command.referralId }));
      }
      if (command.unit === `${command.toDepartment}/${command.toRegion}`) {
        return refused(new ReferralError('SELF_REFERRAL', `${command.unit} cannot refer a lead to itself`, { unit: command.unit }));
      }
      if (blank(command.reason)) return refused(new ReferralError('REASON_REQUIRED', 'a referral must say why it is referred'));
      const { referralId, toDepartment, toRegion, reason, dueAt } = command;
      return {
        ok: true,
        event: {
          type: 'lead.referred',
          subject: `lead/${command.leadId}`,
          data: { referralId, toDepartment, toRegion, reason, ...(dueAt === undefined ? {} : { dueAt }) },
        },
      };
    }
    case 'answer': {
      const refusal = checkAnswer(current, command.unit, command.referralId);
      if (refusal !== undefined) return refused(refusal);
      if (command.decision !== 'accepted' && blank(command.reason)) {
        return refused(
          new ReferralError('REASON_REQUIRED', `a ${command.decision} answer must give the reason`, {
            referralId: command.referralId,
            decision: command.decision,
          }),
        );
      }
      const { referralId, decision, reason } = command;
      return {
        ok: true,
        event: {
          type: 'referral.answered',
          subject: `referral/${referralSubjectId(command.from, referralId)}`,
          data: { referralId, ...senderFields(command.from), decision, ...(reason === undefined ? {} : { reason }) },
        },
      };
    }
    case 'feedback': {
      const refusal = checkFeedback(current, command.unit, command.referralId);
      if (refusal !== undefined) return refused(refusal);
      const { referralId, outcome, caseId, note } = command;
      return {
        ok: true,
        event: {
          type: 'referral.feedback',
          subject: `referral/${referralSubjectId(command.from, referralId)}`,
          data: {
            referralId,
            ...senderFields(command.from),
            outcome,
            ...(caseId === undefined ? {} : { caseId }),
            ...(note === undefined ? {} : { note }),
          },
        },
      };
    }
  }
}

/** `samr/653100` → `{fromDepartment: 'samr', fromRegion: '653100'}`, as referral events name their sender. */
export function senderFields(from: string): { fromDepartment: string; fromRegion: string } {
  const slash = from.indexOf('/');
  return { fromDepartment: from.slice(0, slash), fromRegion: from.slice(slash + 1) };
}

export interface OverdueClock {
  readonly referralId: string;
  /** The sending unit: with `referralId`, which referral's clock ran out. */
  readonly from: string;
  readonly clock: ReferralClock;
  readonly dueAt: string;
  /** One referral.overdue per (referral, clock): the caller records the key once published. */
  readonly key: string;
  /** Deterministic event id for that key, so a repeat publish is deduped by the stream. */
  readonly eventId: string;
}

/** One key per (sender's referral, clock): `referral.overdue/<from>/referral/<id>/<clock>`. */
export function overdueKey(from: string, referralId: string, clock: ReferralClock): string {
  return `referral.overdue/${referralRef(from, referralId)}/${clock}`;
}

/**
 * The clocks that ran out by `now` without the awaited event: the answer while the referral is
 * only sent, the feedback while it is accepted. A clock whose event has arrived is no longer
 * listed, even if the event came late.
 */
export function overdueClocks(state: ReferralLifecycleState, now: Instant): OverdueClock[] {
  if (state === undefined) return [];
  const at = toDate(now).getTime();
  const running: [ReferralClock, string | undefined][] = [];
  if (state.status === 'sent') running.push(['answer', state.answerDueAt]);
  if (state.status === 'accepted') running.push(['feedback', state.feedbackDueAt]);
  const overdue: OverdueClock[] = [];
  for (const [clock, dueAt] of running) {
    if (dueAt === undefined || Date.parse(dueAt) > at) continue;
    const key = overdueKey(state.from, state.referralId, clock);
    overdue.push({ referralId: state.referralId, from: state.from, clock, dueAt, key, eventId: deterministicEventId(key) });
  }
  return overdue;
}

/** The overdue clocks not yet published, given the keys the caller has published. */
export function unpublishedOverdue(state: ReferralLifecycleState, now: Instant, published: ReadonlySet<string>): OverdueClock[] {
  return overdueClocks(state, now).filter((clock) => !published.has(clock.key));
}

/** The joint office's referral.overdue event for a clock (the referral's sender-qualified subject). */
export function overdueEvent(clock: OverdueClock): {
  readonly id: string;
  readonly type: 'referral.overdue';
  readonly subject: string;
  readonly data: ReferralOverdueData;
} {
  return {
    id: clock.eventId,
    type: 'referral.overdue',
    subject: `referral/${referralSubjectId(clock.from, clock.referralId)}`,
    data: { referralId: clock.referralId, ...senderFields(clock.from), clock: clock.clock, dueAt: clock.dueAt },
  };
}
