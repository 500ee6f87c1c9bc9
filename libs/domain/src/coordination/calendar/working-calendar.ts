// The working-day calendar: weekends are rest days, except the make-up working days (调休上班)
// the State Council moves onto them; statutory holidays are rest days even on weekdays. A year
// without data is refused (CalendarCoverageError) because silently counting it as "weekdays only"
// would move legal deadlines by up to a week around the long holidays.
import { dayNumber, fromDayNumber, weekdayOf, yearOfDay, type LocalDate } from '../../time/local-date.js';

export interface HolidayRange {
  /** The festival, as the notice names it (春节, 国庆节 …). */
  readonly name: string;
  readonly from: LocalDate;
  /** Inclusive. */
  readonly to: LocalDate;
}

export interface MakeUpWorkday {
  /** A Saturday or Sunday that is worked to lengthen a holiday. */
  readonly date: LocalDate;
  /** The holiday it pays for. */
  readonly for: string;
}

export interface CalendarYear {
  readonly year: number;
  /** The notice the data was taken from, so an auditor can check it. */
  readonly notice: string;
  readonly holidays: readonly HolidayRange[];
  readonly workdays: readonly MakeUpWorkday[];
}

/** A date falls in a year the calendar has no holiday data for. */
export class CalendarCoverageError extends Error {
  readonly code = 'CALENDAR_NOT_COVERED';

  constructor(
    readonly date: LocalDate,
    readonly coveredYears: readonly number[],
  ) {
    super(`the working-day calendar has no data for ${date.slice(0, 4)} (covers ${coveredYears.join(', ') || 'no year'})`);
  }

  override get name(): string {
    return 'CalendarCoverageError';
  }
}

/** The holiday data is inconsistent; raised when a calendar is built, i.e. on module load. */
export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`invalid working-day calendar data: ${problems.join('; ')}`);
  }

  override get name(): string {
    return 'CalendarDataError';
  }
}

// A festival block never exceeds nine days; a longer range is almost certainly a typo (wrong month).
const MAX_HOLIDAY_DAYS = 9;

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** Every problem in the data, so a bad edit is reported in one go; [] when consistent. */
export function validateCalendarYears(years: readonly CalendarYear[]): string[] {
  const problems: string[] = [];
  const seenYears = new Set<number>();
  const day = (value: LocalDate, where: string): number | undefined => {
    try {
      return dayNumber(value);
    } catch {
      problems.push(`${where}: ${JSON.stringify(value)} is not a date YYYY-MM-DD`);
      return undefined;
    }
  };
  for (const entry of years) {
    const { year } = entry;
    if (!Number.isInteger(year) || year < 1949 || year > 2200) {
      problems.push(`year ${String(year)} is not a plausible calendar year`);
      continue;
    }
    if (seenYears.has(year)) problems.push(`year ${year} is listed twice`);
    seenYears.add(year);
    if (entry.notice.trim() === '') problems.push(`${year}: the source notice is missing`);
    const holidayDays = new Map<number, string>();
    for (const holiday of entry.holidays) {
      const where = `${year} ${holiday.name}`;
      const from = day(holiday.from, where);
      const to = day(holiday.to, where);
      if (from === undefined || to === undefined) continue;
      if (yearOfDay(from) !== year || yearOfDay(to) !== year) problems.push(`${where}: ${holiday.from}..${holiday.to} is not within ${year}`);
      if (to < from) problems.push(`${where}: ends before it starts`);
      if (to - from + 1 > MAX_HOLIDAY_DAYS) problems.push(`${where}: ${to - from + 1} days is longer than any statutory holiday`);
      for (let d = from; d <= to; d++) {
        const other = holidayDays.get(d);
        if (other !== undefined) problems.push(`${where}: ${fromDayNumber(d)} is already part of ${other}`);
        holidayDays.set(d, holiday.name);
      }
    }
    const festivals = new Set(entry.holidays.map((h) => h.name));
    for (const workday of entry.workdays) {
      const where = `${year} make-up day`;
      const d = day(workday.date, where);
      if (d === undefined) continue;
      if (yearOfDay(d) !== year) problems.push(`${where} ${workday.date} is not within ${year}`);
      if (!isWeekend(d)) problems.push(`${where} ${workday.date} is not a Saturday or Sunday, so it cannot be a make-up day`);
      if (holidayDays.has(d)) problems.push(`${where} ${workday.date} is also a holiday`);
      if (!festivals.has(workday.for)) problems.push(`${where} ${workday.date} pays for an unknown holiday ${JSON.stringify(workday.for)}`);
    }
  }
  return problems;
}

export class WorkingCalendar {
  private readonly holidays = new Map<number, string>();
  private readonly makeUpDays = new Set<number>();
  private readonly years: ReadonlySet<number>;
  readonly coveredYears: readonly number[];

  /** Validates the data first: a calendar with inconsistent data is never built. */
  constructor(data: readonly CalendarYear[]) {
    const problems = validateCalendarYears(data);
    if (problems.length > 0) throw new CalendarDataError(problems);
    for (const entry of data) {
      for (const holiday of entry.holidays) {
        for (let d = dayNumber(holiday.from); d <= dayNumber(holiday.to); d++) this.holidays.set(d, holiday.name);
      }
      for (const workday of entry.workdays) this.makeUpDays.add(dayNumber(workday.date));
    }
    this.coveredYears = data.map((entry) => entry.year).sort((a, b) => a - b);
    this.years = new Set(this.coveredYears);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The festival name when the date is a statutory holiday. */
  holidayOn(date: LocalDate): string | undefined {
    const day = dayNumber(date);
    this.assertCovered(day);
    return this.holidays.get(day);
  }

  /** Day-number form, for loops that step a day at a time. */
  isWorkingDayNumber(day: number): boolean {
    this.assertCovered(day);
    if (this.holidays.has(day)) return false;
    return this.makeUpDays.has(day) || !isWeekend(day);
  }

  /** The n-th working day strictly after `day` (n ≥ 0; n = 0 is `day` itself). */
  nthWorkingDayAfter(day: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let current = day;
    for (let counted = 0; counted < n; ) {
      current += 1;
      if (this.isWorkingDayNumber(current)) counted += 1;
    }
    return current;
  }

  /** The first working day on or after `day`. */
  workingDayOnOrAfter(day: number): number {
    let current = day;
    while (!this.isWorkingDayNumber(current)) current += 1;
    return current;
  }

  /**
   * Working days in (from, to]: the start day is not counted (期间开始之日不计算在内), the end day is.
   * Negative when `to` is before `from`, so `between(a, b) === -between(b, a)`.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = low + 1; d <= high; d++) if (this.isWorkingDayNumber(d)) count += 1;
    return sign * count;
  }

  private assertCovered(day: number): void {
    if (!this.years.has(yearOfDay(day))) throw new CalendarCoverageError(fromDayNumber(day), this.coveredYears);
  }
}
