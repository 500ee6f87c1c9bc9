// The 7×24 urgent closure request (二(六)五) as the joint office watches it: born by the requester's
// closure.requested, answered by the addressed unit's closure.answered on the requester-qualified chain,
// on an hours clock (closure_answer, default 24 h, configurable per deployment). Like the referral fold it
// never throws: an answer from a unit the request was not addressed to is kept aside, not applied.
import type { ClosureOverdueData } from '../events/data/action.dto.js';
import { qualifiedAggregateId } from '../events/subject.js';
import type { HubEvent } from '../integrity/envelope.js';
import { toTimestamp, type Instant, toDate } from './calendar/index.js';
import { clockAmount, deadlineFor, type ClockPolicy } from './clocks.js';
import { deterministicEventId } from './event-ids.js';

export interface ClosureWatch {
  /** `closure.overdue/<from>/closure/<id>`: the one overdue notice this request can get. */
  readonly key: string;
  readonly closureId: string;
  /** Requesting unit `<dept>/<region>`. */
  readonly from: string;
  /** Addressed unit `<dept>/<region>`. */
  readonly to: string;
  /** When the hub recorded the request: the addressed unit can see it from then on. */
  readonly requestedAt: string;
  readonly hours: number;
  readonly dueAt: string;
  readonly answer?: { readonly decision: string; readonly at: string; readonly eventId: string };
  /** Answers from other units, kept for audit. */
  readonly ignored: readonly { readonly eventId: string; readonly source: string }[];
}

const text = (data: Readonly<Record<string, unknown>>, field: string): string | undefined => (typeof data[field] === 'string' ? data[field] : undefined);

/** The request a closure event is about, `<from>/closure/<id>`; undefined for other events. */
export function closureRefOf(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'>): string | undefined {
  if (event.type === 'closure.requested') return `${event.source}/${event.subject}`;
  if (event.type !== 'closure.answered') return undefined;
  const [id, department, region] = [text(event.data, 'closureId'), text(event.data, 'fromDepartment'), text(event.data, 'fromRegion')];
  return id === undefined || department === undefined || region === undefined ? undefined : `${department}/${region}/closure/${id}`;
}

export const closureOverdueKey = (ref: string): string => `closure.overdue/${ref}`;

/** Folds one event into the request's watch; events of other requests and redeliveries leave it as it is. */
export function evolveClosure(state: ClosureWatch | undefined, event: HubEvent, policy: ClockPolicy = {}): ClosureWatch | undefined {
  const ref = closureRefOf(event);
  if (ref === undefined || (state !== undefined && closureOverdueKey(ref) !== state.key)) return state;
  if (event.type === 'closure.requested') {
    if (state !== undefined) return state;
    const hours = clockAmount('closure_answer', policy);
    return {
      key: closureOverdueKey(ref),
      closureId: ref.slice(ref.lastIndexOf('/') + 1),
      from: event.source,
      to: `${text(event.data, 'toDepartment') ?? ''}/${text(event.data, 'toRegion') ?? ''}`,
      requestedAt: event.recordedAt,
      hours,
      dueAt: toTimestamp(deadlineFor('closure_answer', event.recordedAt, policy)),
      ignored: [],
    };
  }
  if (state === undefined || state.answer?.eventId === event.id || state.ignored.some((entry) => entry.eventId === event.id)) return state;
  if (event.source !== state.to || state.answer !== undefined) return { ...state, ignored: [...state.ignored, { eventId: event.id, source: event.source }] };
  return { ...state, answer: { decision: text(event.data, 'decision') ?? '', at: event.recordedAt, eventId: event.id } };
}

/**
 * When the request turns overdue, if ever: its deadline while unanswered, and also when the answer came
 * after it (judged from the log alone, so the notice does not depend on when the timer happened to run).
 */
export function closureDueAt(state: ClosureWatch): string | undefined {
  if (state.answer === undefined || Date.parse(state.answer.at) >= Date.parse(state.dueAt)) return state.dueAt;
  return undefined;
}

/** The closure.overdue notice due by `now`, if any (the caller publishes each key once). */
export function closureOverdue(state: ClosureWatch, now: Instant): { key: string; id: string; type: 'closure.overdue'; subject: string; time: string; data: ClosureOverdueData } | undefined {
  const dueAt = closureDueAt(state);
  if (dueAt === undefined || Date.parse(dueAt) > toDate(now).getTime()) return undefined;
  const [fromDepartment = '', fromRegion = ''] = state.from.split('/');
  const [toDepartment = '', toRegion = ''] = state.to.split('/');
  return {
    key: state.key,
    id: deterministicEventId(state.key),
    type: 'closure.overdue',
    subject: `closure/${qualifiedAggregateId(`${state.from}/closure/${state.closureId}`)}`,
    time: dueAt,
    data: { closureId: state.closureId, fromDepartment, fromRegion, toDepartment, toRegion, hours: state.hours, dueAt },
  };
}
