// Working-day arithmetic for legal clocks. Periods follow the Chinese procedural rule: the start
// day is not counted, a period ends at 24:00 of its last day, and (for calendar-day periods, on
// request) a last day that is not a working day moves to the next working day.
import { CN_PUBLIC_HOLIDAYS } from './holidays.js';
import { DEFAULT_TIME_ZONE, endOfLocalDay, localDayOf, toDate, type Instant, type LocalDate } from '../../time/local-date.js';
import { WorkingCalendar } from './working-calendar.js';

export { CN_PUBLIC_HOLIDAYS } from './holidays.js';
export {
  DEFAULT_TIME_ZONE,
  dayNumber,
  endOfLocalDay,
  fromDayNumber,
  localDateOf,
  localDayOf,
  startOfLocalDay,
  toDate,
  toTimestamp,
  weekdayOf,
} from '../../time/local-date.js';
export type { Instant, LocalDate } from '../../time/local-date.js';
export {
  CalendarCoverageError,
  CalendarDataError,
  validateCalendarYears,
  WorkingCalendar,
} from './working-calendar.js';
export type { CalendarYear, HolidayRange, MakeUpWorkday } from './working-calendar.js';

/** Built (and so validated) when the module loads: bad holiday data fails the service at start-up. */
export const CN_CALENDAR: WorkingCalendar = new WorkingCalendar(CN_PUBLIC_HOLIDAYS);

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar = CN_CALENDAR): boolean {
  return calendar.isWorkingDay(date);
}

/**
 * The deadline of an n-working-day period starting at `start`: 24:00 (local) of the n-th working
 * day after the start day. E.g. sent 2021-09-29, n = 3 → 9/30, 10/8, 10/9 (a make-up Saturday)
 * → 2021-10-10T00:00+08:00.
 */
export function addWorkingDays(
  start: Instant,
  n: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  calendar: WorkingCalendar = CN_CALENDAR,
): Date {
  const last = calendar.nthWorkingDayAfter(localDayOf(start, timeZone), n);
  return endOfLocalDay(last, timeZone);
}

/** Working days in (from, to] — see {@link WorkingCalendar.workingDaysBetween}. */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkingCalendar = CN_CALENDAR): number {
  return calendar.workingDaysBetween(from, to);
}

export interface CalendarDaysOptions {
  /** Move a last day that is a rest day to the next working day (期间届满的最后一日为法定节假日的…). */
  readonly rollToWorkingDay?: boolean;
  readonly calendar?: WorkingCalendar;
}

/**
 * The deadline of an n-calendar-day period starting at `start`: 24:00 (local) of the n-th day
 * after the start day, optionally rolled forward past rest days.
 */
export function addCalendarDays(
  start: Instant,
  n: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  options: CalendarDaysOptions = {},
): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`calendar days must be a whole number ≥ 0, got ${n}`);
  let last = localDayOf(start, timeZone) + n;
  if (options.rollToWorkingDay === true) last = (options.calendar ?? CN_CALENDAR).workingDayOnOrAfter(last);
  return endOfLocalDay(last, timeZone);
}

/** Exactly n hours later (hour periods run from the moment, not from a day boundary). */
export function addHours(start: Instant, n: number): Date {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`hours must be ≥ 0, got ${n}`);
  return new Date(toDate(start).getTime() + n * 3_600_000);
}
