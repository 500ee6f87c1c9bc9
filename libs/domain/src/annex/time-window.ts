import { validationFailed } from '../errors.js';
import type { FieldError } from '../events/types.js';
import { isTimestamp } from '../events/time.js';
import { dayNumber, endOfLocalDay, startOfLocalDay } from '../time/local-date.js';
import type { CampaignDefinition } from './types.js';

/**
 * Campaign dates are local dates ("2021-09-01") in the campaign's time zone, while events carry
 * instants with offsets (Xinjiang units may write +06:00, the hub writes Z). Every comparison is
 * therefore done on epoch milliseconds, after turning local dates into the instant their day starts.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses "YYYY-MM-DD" into numbers, or undefined when it is not a real calendar date. */
export function parseLocalDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls 2021-02-30 over to March; a date that does not round-trip does not exist.
  const probe = new Date(Date.UTC(year, month - 1, day));
  const exists = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return exists ? { year, month, day } : undefined;
}

export function isLocalDate(value: unknown): value is string {
  return typeof value === 'string' && parseLocalDate(value) !== undefined;
}

let canonicalZones: ReadonlySet<string> | undefined;

/** True when `timeZone` is an IANA zone this runtime knows (Intl throws RangeError otherwise). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  // The canonical names first: building a formatter pages in ~5 MiB of ICU data, in every service that loads a
  // campaign (at start-up), while the list of zones touches almost none (issue 16: the hub ≤ 2 GiB RSS). Aliases
  // and other spellings Intl accepts (Asia/Calcutta, asia/shanghai) are still asked of a formatter.
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Start of `date`'s local day and start of the next one (exclusive end), in epoch ms. */
export function localDayBounds(date: string, timeZone: string): { start: number; end: number } {
  const day = dayNumber(date);
  return { start: startOfLocalDay(day, timeZone).getTime(), end: endOfLocalDay(day, timeZone).getTime() };
}

/** The campaign runs from its start date 00:00 to its end date 24:00, local time: [start, end) in epoch ms. */
export function campaignBounds(definition: CampaignDefinition): { start: number; end: number } {
  return {
    start: localDayBounds(definition.start, definition.timezone).start,
    end: localDayBounds(definition.end, definition.timezone).end,
  };
}

/** Epoch ms of an RFC 3339 instant, or undefined. Sub-millisecond digits are truncated (as Date does). */
export function instantOf(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** What a caller asks for: `from`/`to` are local dates (inclusive); `asOf` is an instant or a local date. */
export interface AnnexPeriod {
  from?: string;
  to?: string;
  asOf?: string;
}

/**
 * The resolved filter, as ISO instants (UTC, millisecond precision) so the projector's SQL can use the
 * very same bounds: `time >= timeFrom AND time < timeBefore AND (asOf IS NULL OR recorded_at <= asOf)`.
 * The time bounds are always clipped to the campaign.
 */
export interface AnnexWindow {
  timeFrom: string;
  timeBefore: string;
  asOf?: string;
}

/**
 * Turns a requested period into instants in the campaign's zone. `asOf` given as a local date means
 * "at the end of that day" (everything recorded up to 24:00). Throws VALIDATION_FAILED naming
 * `from`, `to` or `asOf`, so the gateway answers 400 with the field paths.
 */
export function resolveAnnexWindow(definition: CampaignDefinition, period: AnnexPeriod = {}): AnnexWindow {
  const errors: FieldError[] = [];
  const zone = definition.timezone;
  const campaign = campaignBounds(definition);
  let timeFrom = campaign.start;
  let timeBefore = campaign.end;

  const dayOf = (field: 'from' | 'to', value: string | undefined): { start: number; end: number } | undefined => {
    if (value === undefined) return undefined;
    if (isLocalDate(value)) return localDayBounds(value, zone);
    errors.push({ path: field, message: `${field} must be a local date YYYY-MM-DD (${zone}), got ${JSON.stringify(value)}` });
    return undefined;
  };
  const from = dayOf('from', period.from);
  const to = dayOf('to', period.to);
  if (from) timeFrom = Math.max(timeFrom, from.start);
  if (to) timeBefore = Math.min(timeBefore, to.end);
  if (from && to && from.start >= to.end) {
    errors.push({ path: 'to', message: `to (${period.to}) must not be before from (${period.from})` });
  }

  let asOf: number | undefined;
  if (period.asOf !== undefined) {
    if (isTimestamp(period.asOf)) asOf = instantOf(period.asOf);
    else if (isLocalDate(period.asOf)) asOf = localDayBounds(period.asOf, zone).end - 1;
    else {
      errors.push({
        path: 'asOf',
        message: `asOf must be an RFC 3339 instant (e.g. 2021-12-05T18:00:00+08:00) or a local date YYYY-MM-DD, got ${JSON.stringify(period.asOf)}`,
      });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);

  // An empty period (e.g. to before the campaign) stays empty rather than inverting.
  if (timeBefore < timeFrom) timeBefore = timeFrom;
  return {
    timeFrom: new Date(timeFrom).toISOString(),
    timeBefore: new Date(timeBefore).toISOString(),
    ...(asOf === undefined ? {} : { asOf: new Date(asOf).toISOString() }),
  };
}
