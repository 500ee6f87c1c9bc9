/**
 * Event timestamps are RFC 3339 (the ISO-8601 profile CloudEvents uses): date, `T`, time with
 * seconds, optional fraction up to nanoseconds, and an explicit `Z` or `±hh:mm` offset. A local time
 * without an offset is rejected: in a log that crosses UTC+8 (Beijing) and UTC+6 (Xinjiang local)
 * clocks it would be ambiguous by hours, and the annex filters periods on `time`.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 'invalid' = not the format; 'impossible' = the format but a date/time that does not exist. */
export function checkTimestamp(value: unknown): 'ok' | 'invalid' | 'impossible' {
  if (typeof value !== 'string') return 'invalid';
  const m = TIMESTAMP.exec(value);
  if (!m) return 'invalid';
  // Read group by group: slicing and mapping the match made two arrays and an iterator per event.
  const [year, month, day, hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetHours = m[7] === undefined ? 0 : Number(m[7]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[8]);
  // Leap second 60 is rejected: JavaScript dates (and so every consumer) cannot represent it.
  const exists =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  return exists ? 'ok' : 'impossible';
}

export function isTimestamp(value: unknown): value is string {
  return checkTimestamp(value) === 'ok';
}

/** The calendar year as written (publisher's local year), which picks the region table in force. */
export function yearOf(timestamp: string): number {
  return Number(timestamp.slice(0, 4));
}

export const TIMESTAMP_EXAMPLE = '2021-10-08T09:30:00+08:00';
