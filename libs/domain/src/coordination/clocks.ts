// The legal clocks the joint office watches, as data: how long, counted how, on what legal basis.
// Amounts are defaults from the rules in DESIGN.md; a campaign may override them (the referral
// answer period is a joint-meeting agreement, not a statute) through a ClockPolicy.
import type { ReferralClock } from '../catalogue/leads.js';
import {
  addCalendarDays,
  addHours,
  addWorkingDays,
  CN_CALENDAR,
  DEFAULT_TIME_ZONE,
  type Instant,
  type WorkingCalendar,
} from './calendar/index.js';

export type ClockUnit = 'working_days' | 'calendar_days' | 'hours';

export interface LegalClock {
  readonly unit: ClockUnit;
  readonly amount: number;
  /** An extension the rule allows (e.g. +15 working days once, with the head's approval). */
  readonly extension?: { readonly amount: number; readonly maxTimes: number };
  /** Calendar-day periods whose last day is a rest day end on the next working day instead. */
  readonly rollToWorkingDay?: boolean;
  readonly label: string;
  readonly basis: string;
}

export const LEGAL_CLOCKS = {
  referral_answer: {
    unit: 'working_days',
    amount: 3,
    label: '移送线索接收答复',
    basis: '联席会议移送协查约定（按活动配置）',
  },
  lead_to_case_decision: {
    unit: 'working_days',
    amount: 15,
    extension: { amount: 15, maxTimes: 1 },
    label: '线索核查及立案决定',
    basis: '《市场监督管理行政处罚程序规定》第十八条',
  },
  case_decision: {
    unit: 'calendar_days',
    amount: 90,
    extension: { amount: 30, maxTimes: 1 },
    rollToWorkingDay: true,
    label: '立案后作出处理决定',
    basis: '《市场监督管理行政处罚程序规定》第六十四条',
  },
  criminal_transfer_approval: {
    unit: 'calendar_days',
    amount: 3,
    rollToWorkingDay: true,
    label: '批准或不批准移送公安机关',
    basis: '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条',
  },
  criminal_transfer_handover: {
    unit: 'hours',
    amount: 24,
    label: '批准后向公安机关移送',
    basis: '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第五条',
  },
  closure_answer: {
    unit: 'hours',
    amount: 24,
    label: '7×24紧急关停请求答复',
    basis: '“网剑行动”方案二(六)五 7×24小时联动处置机制（按活动配置）',
  },
  police_decision: {
    unit: 'calendar_days',
    amount: 3,
    rollToWorkingDay: true,
    label: '公安机关决定是否立案',
    basis: '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第八条',
  },
} as const satisfies Readonly<Record<string, LegalClock>>;

export type LegalClockId = keyof typeof LEGAL_CLOCKS;

/**
 * Which legal clock each referral clock (referral.overdue `clock`) runs on, and from which event.
 * After acceptance the receiver owes its result within the lead → case decision period, so the
 * feedback clock uses the 15-working-day rule. `filing` has no separate watch yet: the catalogue
 * has no receiver event between acceptance and feedback that would stop it.
 */
export const REFERRAL_WATCHES = {
  answer: { legalClock: 'referral_answer', startsAt: 'referral.sent', awaits: 'referral.answered' },
  feedback: { legalClock: 'lead_to_case_decision', startsAt: 'referral.accepted', awaits: 'referral.feedback' },
} as const satisfies Partial<Readonly<Record<ReferralClock, { legalClock: LegalClockId; startsAt: string; awaits: string }>>>;

/** Per-campaign overrides of clock amounts (e.g. a 5-working-day referral answer). */
export interface ClockPolicy {
  readonly amounts?: Partial<Readonly<Record<LegalClockId, number>>>;
  readonly timeZone?: string;
  readonly calendar?: WorkingCalendar;
}

export interface DeadlineOptions extends ClockPolicy {
  /** Approved extensions taken so far (0 unless the rule allows one and it was granted). */
  readonly extensions?: number;
}

export class ClockError extends Error {
  constructor(
    readonly code: 'EXTENSION_NOT_ALLOWED' | 'INVALID_AMOUNT',
    message: string,
  ) {
    super(message);
  }

  override get name(): string {
    return `ClockError(${this.code})`;
  }
}

export function clockAmount(clock: LegalClockId, policy: ClockPolicy = {}): number {
  const amount = policy.amounts?.[clock] ?? LEGAL_CLOCKS[clock].amount;
  if (!Number.isInteger(amount) || amount < 0) throw new ClockError('INVALID_AMOUNT', `${clock}: amount must be a whole number ≥ 0, got ${amount}`);
  return amount;
}

/**
 * When the clock started at `start` runs out. Working and calendar days end at 24:00 local time of
 * the last day; hours run from the moment. Throws CalendarCoverageError when the period reaches
 * a year without holiday data, and ClockError for an extension the rule does not allow.
 */
export function deadlineFor(clock: LegalClockId, start: Instant, options: DeadlineOptions = {}): Date {
  const spec: LegalClock = LEGAL_CLOCKS[clock];
  const extensions = options.extensions ?? 0;
  const maxTimes = spec.extension?.maxTimes ?? 0;
  if (!Number.isInteger(extensions) || extensions < 0 || extensions > maxTimes) {
    throw new ClockError('EXTENSION_NOT_ALLOWED', `${clock} allows ${maxTimes} extension(s), asked for ${extensions}`);
  }
  const amount = clockAmount(clock, options) + extensions * (spec.extension?.amount ?? 0);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = options.calendar ?? CN_CALENDAR;
  switch (spec.unit) {
    case 'working_days':
      return addWorkingDays(start, amount, timeZone, calendar);
    case 'calendar_days':
      return addCalendarDays(start, amount, timeZone, { rollToWorkingDay: spec.rollToWorkingDay === true, calendar });
    case 'hours':
      return addHours(start, amount);
  }
}
