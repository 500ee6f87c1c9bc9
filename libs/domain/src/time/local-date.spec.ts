import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { localDayOf, startOfLocalDay } from './local-date.js';

/** The local day as Intl formats it, instant by instant (what localDayOf answered before it cached offsets). */
function formattedDay(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(ms))
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return Date.UTC(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1) / 86_400_000;
}

describe('localDayOf', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each([
    ['Asia/Shanghai', '2021-10-08T15:59:59.999Z'],
    ['Asia/Shanghai', '1900-12-31T15:54:16Z'], // local mean time (+08:05:43) until 1901
    ['Asia/Kolkata', '2021-10-08T18:29:30Z'],
    ['America/New_York', '2021-03-14T06:30:00Z'], // the hour clocks went forward
    ['America/New_York', '2021-11-07T05:59:59Z'],
    ['Australia/Lord_Howe', '2021-10-02T15:00:00Z'], // a half-hour DST change inside a UTC hour
    ['Asia/Urumqi', '2021-12-31T17:59:59Z'],
  ])('given instants every 7 minutes around %s %s, then each local day is the one Intl formats', (timeZone, around) => {
    const centre = Date.parse(around);
    for (let ms = centre - 36 * 3_600_000; ms <= centre + 36 * 3_600_000; ms += 7 * 60_000 + 333) {
      expect([new Date(ms).toISOString(), localDayOf(new Date(ms), timeZone)]).toEqual([new Date(ms).toISOString(), formattedDay(ms, timeZone)]);
    }
  });

  it('given many instants within one hour, then the zone is formatted for the hour, not for each instant (Intl costs ~10 µs a call, and every event asked for one)', () => {
    const hour = Date.parse('2031-05-05T03:00:00Z');
    const expected = formattedDay(hour, 'Asia/Shanghai');
    const formatted = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const days = new Set<number>();
    for (let i = 0; i < 1_000; i += 1) days.add(localDayOf(new Date(hour + i * 3_600), 'Asia/Shanghai'));
    expect([...days]).toEqual([expected]);
    expect(formatted.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('given a day in a zone with DST, then its start is local midnight', () => {
    expect(startOfLocalDay(localDayOf('2021-03-14T12:00:00Z', 'America/New_York'), 'America/New_York').toISOString()).toBe('2021-03-14T05:00:00.000Z');
    expect(startOfLocalDay(localDayOf('2021-10-09T12:00:00+08:00'), 'Asia/Shanghai').toISOString()).toBe('2021-10-08T16:00:00.000Z');
  });
});
