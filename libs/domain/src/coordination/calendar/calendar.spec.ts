import { describe, expect, it } from '@jest/globals';
import {
  addCalendarDays,
  addHours,
  addWorkingDays,
  CalendarCoverageError,
  CalendarDataError,
  CN_CALENDAR,
  CN_PUBLIC_HOLIDAYS,
  isWorkingDay,
  localDateOf,
  toTimestamp,
  validateCalendarYears,
  WorkingCalendar,
  workingDaysBetween,
  type CalendarYear,
} from './index.js';

describe('the 2021–2026 holiday data', () => {
  it('given the shipped data, when validated, then it has no problems', () => {
    expect(validateCalendarYears(CN_PUBLIC_HOLIDAYS)).toEqual([]);
    expect(CN_CALENDAR.coveredYears).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it.each([
    ['2021-10-09', true, 'National Day make-up Saturday'],
    ['2021-09-26', true, 'National Day make-up Sunday'],
    ['2021-09-18', true, 'Mid-Autumn make-up Saturday'],
    ['2021-02-07', true, 'Spring Festival make-up Sunday'],
    ['2022-01-29', true, 'Spring Festival make-up Saturday'],
    ['2022-04-02', true, 'Qingming make-up Saturday'],
    ['2022-10-08', true, 'National Day make-up Saturday'],
    ['2021-10-08', true, 'an ordinary Friday'],
    ['2021-10-01', false, 'National Day'],
    ['2021-10-07', false, 'National Day (Thursday)'],
    ['2021-09-20', false, 'Mid-Autumn (Monday)'],
    ['2022-06-03', false, 'Dragon Boat (Friday)'],
    ['2022-02-04', false, 'Spring Festival (Friday)'],
    ['2021-10-16', false, 'an ordinary Saturday'],
    ['2023-01-02', false, 'New Year (Monday, 2023)'],
    ['2023-10-07', true, 'National Day make-up Saturday (2023)'],
    ['2024-02-18', true, 'Spring Festival make-up Sunday (2024)'],
    ['2024-06-10', false, 'Dragon Boat (Monday, 2024)'],
    ['2025-10-08', false, 'National Day and Mid-Autumn (Wednesday, 2025)'],
    ['2025-04-27', true, 'Labour Day make-up Sunday (2025)'],
    ['2026-01-04', true, 'New Year make-up Sunday (2026)'],
    ['2026-02-23', false, 'Spring Festival (Monday, 2026)'],
    ['2026-02-28', true, 'Spring Festival make-up Saturday (2026)'],
    ['2026-12-07', true, 'an ordinary Monday (2026)'],
  ])('given %s, when asked whether it is a working day, then %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('given a holiday, when asked its name, then the festival is named', () => {
    expect(CN_CALENDAR.holidayOn('2021-10-05')).toBe('国庆节');
    expect(CN_CALENDAR.holidayOn('2021-10-08')).toBeUndefined();
  });
});

describe('addWorkingDays', () => {
  it('given a referral sent on 2021-09-29 before National Day, when 3 working days are added, then it is due at the end of Saturday 2021-10-09 (a make-up day)', () => {
    // 9/30 (1), 10/1–10/7 holiday, 10/8 (2), 10/9 make-up Saturday (3) → 24:00 local on 10/9.
    const due = addWorkingDays('2021-09-29T10:00:00+08:00', 3);
    expect(toTimestamp(due)).toBe('2021-10-09T16:00:00Z');
    expect(localDateOf(new Date(due.getTime() - 1))).toBe('2021-10-09');
  });

  it('given an instant that is already the next day in Beijing, when counted, then the start day is the local one', () => {
    // 23:30 UTC on 9/29 is 07:30 on 9/30 in Asia/Shanghai: 10/8, 10/9, 10/11.
    expect(toTimestamp(addWorkingDays('2021-09-29T23:30:00Z', 3))).toBe('2021-10-11T16:00:00Z');
  });

  it('given another time zone, when counted, then the day ends at that zone’s midnight', () => {
    expect(toTimestamp(addWorkingDays('2021-09-29T10:00:00+06:00', 3, 'Asia/Urumqi'))).toBe('2021-10-09T18:00:00Z');
  });

  it('given n = 0, when added, then the deadline is the end of the start day', () => {
    expect(toTimestamp(addWorkingDays('2021-10-08T09:00:00+08:00', 0))).toBe('2021-10-08T16:00:00Z');
  });

  it('given a period that runs into 2027, when added, then it fails because the calendar does not cover 2027 yet', () => {
    expect(() => addWorkingDays('2026-12-28T09:00:00+08:00', 5)).toThrow(CalendarCoverageError);
    expect(() => isWorkingDay('2027-01-04')).toThrow(/no data for 2027 \(covers 2021, 2022, 2023, 2024, 2025, 2026\)/);
  });

  it('given a negative count, when added, then it is refused', () => {
    expect(() => addWorkingDays('2021-10-08T09:00:00+08:00', -1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('given the National Day week, when counted, then the start day is excluded and the end day included', () => {
    expect(workingDaysBetween('2021-09-29', '2021-10-09')).toBe(3);
    expect(workingDaysBetween('2021-10-09', '2021-09-29')).toBe(-3);
    expect(workingDaysBetween('2021-10-08', '2021-10-08')).toBe(0);
  });
});

describe('addCalendarDays and addHours', () => {
  it('given a 90-day period ending on National Day, when rolled, then it ends on the first working day after', () => {
    expect(toTimestamp(addCalendarDays('2021-07-03T10:00:00+08:00', 90))).toBe('2021-10-01T16:00:00Z');
    expect(toTimestamp(addCalendarDays('2021-07-03T10:00:00+08:00', 90, 'Asia/Shanghai', { rollToWorkingDay: true }))).toBe(
      '2021-10-08T16:00:00Z',
    );
  });

  it('given 24 hours, when added, then it runs from the moment, not the day', () => {
    expect(toTimestamp(addHours('2021-10-08T15:20:00+08:00', 24))).toBe('2021-10-09T07:20:00Z');
  });
});

describe('calendar data validation', () => {
  const year = (patch: Partial<CalendarYear>): CalendarYear => ({ year: 2030, notice: 'test', holidays: [], workdays: [], ...patch });

  it('given a make-up day on a weekday, when the calendar is built, then it is refused', () => {
    const data = [year({ holidays: [{ name: 'A', from: '2030-10-01', to: '2030-10-03' }], workdays: [{ date: '2030-10-08', for: 'A' }] })];
    expect(() => new WorkingCalendar(data)).toThrow(CalendarDataError);
    expect(validateCalendarYears(data)).toEqual([expect.stringContaining('2030-10-08 is not a Saturday or Sunday')]);
  });

  it('given overlapping holidays, a bad date and a repeated year, when validated, then every problem is listed', () => {
    const problems = validateCalendarYears([
      year({
        holidays: [
          { name: 'A', from: '2030-10-01', to: '2030-10-03' },
          { name: 'B', from: '2030-10-03', to: '2030-10-04' },
          { name: 'C', from: '2030-02-30', to: '2030-03-01' },
        ],
      }),
      year({}),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('2030-10-03 is already part of A'),
        expect.stringContaining('"2030-02-30" is not a date'),
        'year 2030 is listed twice',
      ]),
    );
  });
});
