// The procedure clocks of the market-regulation penalty rules, watched by the joint office (§5 of issue 19):
// - lead_to_case_decision: a market-regulation lead must be checked and a decision to open a case taken
//   (第十八条); it stops when a case names the lead, or the lead is closed, referred on or voided;
// - case_decision: a market-regulation case must be decided within 90 days of opening (第六十四条), one
//   approved extension (case.extended) adds 30, a suspension (case.suspended → case.resumed) does not count;
// - criminal_transfer_handover: a transfer to the police must follow its approval within 24 hours (国务院令
//   第310号第五条), judged when case.transferred names approvedAt;
// - police_decision: the police unit a case was transferred to decides within 3 days whether to open a case
//   (第八条); it starts with case.transferred (any department: the decree binds every enforcement agency) and
//   stops with that police unit's case.transfer_answered — an answer from any other unit changes nothing.
// Clocks count from the unit's own `time` (the legal dates are its facts). A watch is a pure fold of the log;
// whether it is overdue is judged from the log plus "now", so a replay concludes the same.
import type { CaseClock } from '../catalogue/actions.js';
import type { CaseOverdueData } from '../events/data/action.dto.js';
import { qualifiedAggregateId } from '../events/subject.js';
import type { HubEvent } from '../integrity/envelope.js';
import { toDate, toTimestamp, type Instant } from './calendar/index.js';
import { deadlineFor, LEGAL_CLOCKS, type ClockPolicy } from './clocks.js';
import { deterministicEventId } from './event-ids.js';
import { flat } from '../flat-string.js';

/** The units whose leads and cases run on the market-regulation procedure rules. */
export const PROCEDURE_RULE_DEPARTMENTS: ReadonlySet<string> = new Set(['samr']);

export interface CaseClockWatch {
  /** `case.overdue/<recordRef>/<clock>`: one notice per (record, clock). */
  readonly key: string;
  /** `<dept>/<region>/<lead|case>/<id>`. */
  readonly recordRef: string;
  readonly clock: CaseClock;
  readonly startedAt: string;
  /** Approved extensions, by when they were approved. */
  readonly extensions: readonly string[];
  /** Suspensions, `to` absent while the case is suspended. */
  readonly suspensions: readonly { readonly from: string; readonly to?: string }[];
  /** When the awaited step happened (decision, case opened, hand-over …) and which event it was. */
  readonly stopped?: { readonly at: string; readonly by: string };
  /** A voided record has no clock left. */
  readonly cancelled?: boolean;
  /** The unit whose step stops the clock when it is not the record's own (`police/<region>` for a transfer). */
  readonly addressee?: string;
}

const text = (data: Readonly<Record<string, unknown>>, field: string): string | undefined => (typeof data[field] === 'string' ? data[field] : undefined);

export const caseClockKey = (recordRef: string, clock: CaseClock): string => `case.overdue/${recordRef}/${clock}`;

/** A new clock's lists, shared: coordination keeps one watch per lead and case for its life (issue 16: RSS). */
const NO_EXTENSIONS: readonly string[] = Object.freeze([]);
const NO_SUSPENSIONS: readonly { readonly from: string; readonly to?: string }[] = Object.freeze([]);

const watch = (recordRef: string, clock: CaseClock, startedAt: string): CaseClockWatch => ({
  key: flat(caseClockKey(recordRef, clock)),
  recordRef: flat(recordRef),
  clock,
  startedAt,
  extensions: NO_EXTENSIONS,
  suspensions: NO_SUSPENSIONS,
});

const stop = (state: CaseClockWatch | undefined, at: string, by: string): CaseClockWatch | undefined =>
  state === undefined || state.stopped !== undefined || state.cancelled === true ? undefined : { ...state, stopped: { at, by } };

/** The events that start, stop, extend or pause a procedure clock (what caseClockChanges reads). */
export const CASE_CLOCK_EVENTS: ReadonlySet<string> = new Set([
  'lead.reported',
  'lead.closed',
  'lead.referred',
  'lead.voided',
  'case.opened',
  'case.extended',
  'case.suspended',
  'case.resumed',
  'case.decided',
  'case.closed',
  'case.transferred',
  'case.transfer_answered',
  'case.voided',
]);

/** The transferring unit's case a police answer names, `<dept>/<region>/case/<id>`. */
function transferredCaseRef(data: Readonly<Record<string, unknown>>): string | undefined {
  const [id, department, region] = [text(data, 'caseId'), text(data, 'fromDepartment'), text(data, 'fromRegion')];
  return id === undefined || department === undefined || region === undefined ? undefined : `${department}/${region}/case/${id}`;
}

const LEAD_STOPS: ReadonlySet<string> = new Set(['lead.closed', 'lead.referred', 'lead.voided']);
const CASE_STOPS: ReadonlySet<string> = new Set(['case.decided', 'case.closed', 'case.transferred', 'case.voided']);

/**
 * The watches one event changes (new or updated), given the current ones by key. Pure: the caller stores
 * what is returned. Events of units outside the procedure rules only start the hand-over clock.
 */
export function caseClockChanges(event: HubEvent, current: (key: string) => CaseClockWatch | undefined): CaseClockWatch[] {
  const [aggregate, id] = [event.subject.slice(0, event.subject.indexOf('/')), event.subject.slice(event.subject.indexOf('/') + 1)];
  const ref = `${event.source}/${aggregate}/${id}`;
  const department = event.source.slice(0, event.source.indexOf('/'));
  const ruled = PROCEDURE_RULE_DEPARTMENTS.has(department);
  const changed: (CaseClockWatch | undefined)[] = [];
  const leadKey = caseClockKey(ref, 'lead_to_case_decision');
  const caseKey = caseClockKey(ref, 'case_decision');
  switch (event.type) {
    case 'lead.reported':
      if (ruled && current(leadKey) === undefined) changed.push(watch(ref, 'lead_to_case_decision', event.time));
      break;
    case 'case.opened': {
      if (!ruled) break;
      if (current(caseKey) === undefined) changed.push(watch(ref, 'case_decision', event.time));
      const leadIds = Array.isArray(event.data['leadIds']) ? event.data['leadIds'].filter((lead): lead is string => typeof lead === 'string') : [];
      for (const lead of leadIds) changed.push(stop(current(caseClockKey(`${event.source}/lead/${lead}`, 'lead_to_case_decision')), event.time, event.type));
      break;
    }
    case 'case.extended': {
      const state = current(caseKey);
      if (state !== undefined && text(event.data, 'clock') === 'case_decision') changed.push({ ...state, extensions: [...state.extensions, event.time] });
      break;
    }
    case 'case.suspended': {
      const state = current(caseKey);
      // A second suspension while suspended changes nothing.
      const open = state?.suspensions.at(-1);
      if (state !== undefined && (open === undefined || open.to !== undefined)) changed.push({ ...state, suspensions: [...state.suspensions, { from: event.time }] });
      break;
    }
    case 'case.transferred': {
      const key = caseClockKey(ref, 'police_decision');
      const toRegion = text(event.data, 'toRegion') ?? event.source.slice(event.source.indexOf('/') + 1);
      if (department !== 'police' && current(key) === undefined) changed.push({ ...watch(ref, 'police_decision', event.time), addressee: `police/${toRegion}` });
      break;
    }
    case 'case.transfer_answered': {
      const transferred = transferredCaseRef(event.data);
      const state = transferred === undefined ? undefined : current(caseClockKey(transferred, 'police_decision'));
      if (state !== undefined && state.addressee === event.source) changed.push(stop(state, event.time, event.type));
      break;
    }
    case 'case.resumed': {
      const state = current(caseKey);
      const open = state?.suspensions.at(-1);
      if (state !== undefined && open !== undefined && open.to === undefined) changed.push({ ...state, suspensions: [...state.suspensions.slice(0, -1), { from: open.from, to: event.time }] });
      break;
    }
    default:
      break;
  }
  if (LEAD_STOPS.has(event.type)) {
    const state = current(leadKey);
    changed.push(event.type === 'lead.voided' && state !== undefined ? { ...state, cancelled: true } : stop(state, event.time, event.type));
  }
  if (CASE_STOPS.has(event.type)) {
    const state = current(caseKey);
    changed.push(event.type === 'case.voided' && state !== undefined ? { ...state, cancelled: true } : stop(state, event.time, event.type));
  }
  // A voided case was never transferred: the police owe no decision on it.
  const police = event.type === 'case.voided' ? current(caseClockKey(ref, 'police_decision')) : undefined;
  if (police !== undefined && police.stopped === undefined) changed.push({ ...police, cancelled: true });
  const approvedAt = event.type === 'case.transferred' ? text(event.data, 'approvedAt') : undefined;
  if (approvedAt !== undefined && current(caseClockKey(ref, 'criminal_transfer_handover')) === undefined) {
    changed.push({ ...watch(ref, 'criminal_transfer_handover', approvedAt), stopped: { at: event.time, by: event.type } });
  }
  return changed.filter((state): state is CaseClockWatch => state !== undefined);
}

export type ClockDeadline = { readonly state: 'running' | 'paused'; readonly dueAt?: string; readonly extensions: number; readonly suspendedMs: number };

/**
 * The clock's deadline from its start, the approved extensions and the completed suspensions — each
 * counted only when it came before the deadline as it stood then (an extension asked for after the time
 * ran out does not revive it; a suspension after it does not undo the lateness). While suspended the clock
 * is paused (no deadline). Extensions beyond what the rule allows are not counted.
 */
export function clockDeadline(state: CaseClockWatch, policy: ClockPolicy = {}): ClockDeadline {
  const spec = LEGAL_CLOCKS[state.clock];
  const maxExtensions = 'extension' in spec ? spec.extension.maxTimes : 0;
  let extensions = 0;
  let suspendedMs = 0;
  const compute = (): number => deadlineFor(state.clock, new Date(Date.parse(state.startedAt) + suspendedMs), { ...policy, extensions }).getTime();
  let deadline = compute();
  const steps = [
    ...state.extensions.map((at) => ({ at: Date.parse(at), extension: true as const })),
    ...state.suspensions.map((s) => ({ at: Date.parse(s.from), extension: false as const, to: s.to === undefined ? undefined : Date.parse(s.to) })),
  ].sort((a, b) => a.at - b.at);
  for (const step of steps) {
    if (step.at >= deadline) break;
    if (step.extension) {
      if (extensions < maxExtensions) extensions += 1;
    } else if (step.to === undefined) {
      return { state: 'paused', extensions, suspendedMs };
    } else {
      suspendedMs += Math.max(0, step.to - step.at);
    }
    deadline = compute();
  }
  return { state: 'running', dueAt: toTimestamp(new Date(deadline)), extensions, suspendedMs };
}

/**
 * When the watch turns overdue, if ever: its deadline unless the awaited step came before it (or the record
 * was voided); undefined while paused. Throws CalendarCoverageError when the period reaches a year without
 * holiday data (the caller records the problem).
 */
export function caseClockDueAt(state: CaseClockWatch, policy: ClockPolicy = {}): string | undefined {
  if (state.cancelled === true) return undefined;
  const { dueAt } = clockDeadline(state, policy);
  if (dueAt === undefined) return undefined;
  if (state.stopped !== undefined && Date.parse(state.stopped.at) < Date.parse(dueAt)) return undefined;
  return dueAt;
}

/** Days left on the clock at `now` (negative once overdue); undefined when stopped, cancelled or paused. */
export function daysLeft(state: CaseClockWatch, now: Instant, policy: ClockPolicy = {}): number | undefined {
  if (state.stopped !== undefined || state.cancelled === true) return undefined;
  const { dueAt } = clockDeadline(state, policy);
  return dueAt === undefined ? undefined : Math.ceil((Date.parse(dueAt) - toDate(now).getTime()) / 86_400_000);
}

/** The case.overdue notice due by `now`, if any (the caller publishes each key once). */
export function caseClockOverdue(state: CaseClockWatch, now: Instant, policy: ClockPolicy = {}): { key: string; id: string; type: 'case.overdue'; subject: string; time: string; data: CaseOverdueData } | undefined {
  const dueAt = caseClockDueAt(state, policy);
  if (dueAt === undefined || Date.parse(dueAt) > toDate(now).getTime()) return undefined;
  return {
    key: state.key,
    id: deterministicEventId(state.key),
    type: 'case.overdue',
    subject: `case/${qualifiedAggregateId(state.recordRef)}`,
    time: dueAt,
    data: { recordRef: state.recordRef, clock: state.clock, dueAt, basis: LEGAL_CLOCKS[state.clock].basis },
  };
}

/** The events that start, stop, extend or pause the decision clock of one case. */
export const CASE_DECISION_CLOCK_EVENTS: readonly string[] = ['case.opened', 'case.extended', 'case.suspended', 'case.resumed', 'case.decided', 'case.closed', 'case.transferred', 'case.voided'];

/** Where a case's decision clock (第六十四条) stands at `now`, for the case board. */
export interface CaseClockView {
  readonly clock: CaseClock;
  /** running: counting down; paused: suspended (中止); stopped: decided, closed, transferred or voided. */
  readonly state: 'running' | 'paused' | 'stopped';
  /** Days left (negative once overdue); null unless running. */
  readonly daysLeft: number | null;
  readonly dueAt: string | null;
  readonly extensions: number;
  /** Days the completed suspensions added. */
  readonly suspendedDays: number;
  readonly basis: string;
}

/**
 * The decision clock of one case folded from its own events (in log order), as the coordination service
 * folds it: undefined for a case outside the procedure rules or never opened. A period reaching a year
 * without holiday data throws CalendarCoverageError (the caller shows the clock as unknown).
 */
export function caseDecisionClock(events: readonly HubEvent[], now: Instant, policy: ClockPolicy = {}): CaseClockView | undefined {
  const watches = new Map<string, CaseClockWatch>();
  for (const event of events) for (const state of caseClockChanges(event, (key) => watches.get(key))) watches.set(state.key, state);
  const state = [...watches.values()].find((watch) => watch.clock === 'case_decision');
  if (state === undefined) return undefined;
  const deadline = clockDeadline(state, policy);
  const base = { clock: state.clock, extensions: deadline.extensions, suspendedDays: Math.round(deadline.suspendedMs / 86_400_000), basis: LEGAL_CLOCKS.case_decision.basis };
  if (state.stopped !== undefined || state.cancelled === true) return { ...base, state: 'stopped', daysLeft: null, dueAt: deadline.dueAt ?? null };
  if (deadline.state === 'paused') return { ...base, state: 'paused', daysLeft: null, dueAt: null };
  return { ...base, state: 'running', daysLeft: daysLeft(state, now, policy) ?? null, dueAt: deadline.dueAt ?? null };
}
