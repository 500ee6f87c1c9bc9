// Local calendar dates and instants. A legal deadline ends at 24:00 of a local day, so the day an
// instant falls on depends on the time zone; Intl (ICU tz data) answers that without reading any
// clock. Dates are handled as day numbers (days since 1970-01-01) so that stepping a day is `+1`
// and weekdays need no Date objects.

/** A calendar date as written locally, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A point in time: a Date or an ISO 8601 timestamp with an offset (as events carry). */
export type Instant = Date | string;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2021-10-09` → its day number; RangeError for anything that is not a real date. */
export function dayNumber(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  if (m === null) throw new RangeError(`not a local date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; a real date survives the round trip unchanged.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`not a real date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

export function fromDayNumber(day: number): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function toDate(instant: Instant): Date {
  const date = typeof instant === 'string' ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${JSON.stringify(String(instant))}`);
  return date;
}

/** ISO 8601 in UTC without milliseconds, the form the hub writes into event payloads. */
export function toTimestamp(instant: Instant): string {
  return toDate(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Formatters are costly to build and are reused for every deadline computed in a zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, which is the right failure for a misconfiguration.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const MS_PER_HOUR = 3_600_000;
/** Hours whose offset is known, per zone; cleared when it grows past this (a replay over decades). */
const MAX_CACHED_HOURS = 100_000;
const hourOffsets = new Map<string, Map<number, number>>();

/** The wall-clock reading of `ms` in the zone, expressed as if it were UTC milliseconds (whole seconds). */
function wallClockMs(ms: number, timeZone: string): number {
  // Intl's formatToParts costs ~10 µs a call, and every event's local day asked for one (17% of coordination's
  // CPU, 9% of the department service's under a steady flow): the zone's offset is looked up once per hour.
  const offset = hourOffset(Math.floor(ms / MS_PER_HOUR), timeZone);
  return offset === undefined ? formattedWallClockMs(ms, timeZone) : Math.floor((ms + offset) / 1000) * 1000;
}

/**
 * The zone's offset through the whole hour, or undefined when it changes inside it (a DST change, an LMT
 * offset ending) or is not whole seconds: those instants are formatted one by one.
 */
function hourOffset(hour: number, timeZone: string): number | undefined {
  let zone = hourOffsets.get(timeZone);
  if (zone === undefined) hourOffsets.set(timeZone, (zone = new Map<number, number>()));
  const known = zone.get(hour);
  if (known !== undefined) return Number.isNaN(known) ? undefined : known;
  const start = hour * MS_PER_HOUR;
  const last = start + MS_PER_HOUR - 1000;
  const atStart = formattedWallClockMs(start, timeZone) - start;
  const atEnd = formattedWallClockMs(last, timeZone) - last;
  const offset = atStart === atEnd && atStart % 1000 === 0 ? atStart : Number.NaN;
  if (zone.size >= MAX_CACHED_HOURS) zone.clear();
  zone.set(hour, offset);
  return Number.isNaN(offset) ? undefined : offset;
}

function formattedWallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at the instant, in milliseconds (+8 h for Asia/Shanghai). */
function offsetMs(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return wallClockMs(wholeSeconds, timeZone) - wholeSeconds;
}

/** The local day number of an instant in the zone. */
export function localDayOf(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Math.floor(wallClockMs(toDate(instant).getTime(), timeZone) / MS_PER_DAY);
}

export function localDateOf(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return fromDayNumber(localDayOf(instant, timeZone));
}

/** The instant local midnight (00:00) of the day begins in the zone. */
export function startOfLocalDay(day: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wall = day * MS_PER_DAY;
  // The offset at the guess may differ from the offset at `wall` around a DST change; one
  // correction step settles it (China has had no DST since 1991, other zones may).
  let guess = wall - offsetMs(wall, timeZone);
  const corrected = wall - offsetMs(guess, timeZone);
  if (corrected !== guess) guess = corrected;
  return new Date(guess);
}

/** 24:00 of the local day, i.e. the start of the next one: the instant a day-counted deadline expires. */
export function endOfLocalDay(day: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return startOfLocalDay(day + 1, timeZone);
}
