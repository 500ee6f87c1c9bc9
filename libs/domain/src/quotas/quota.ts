// Per-unit quotas (issue 12 §7): a unit may store at most so many events per local day and so many bytes
// in all. The department service (the trust boundary) decides each submission against the unit's usage
// before it signs anything; this file is the decision, pure, with the day window in China time (a
// unit's "day" is the one its clerks live in, not UTC's).
import { canonicalDataText } from '../integrity/data-text.js';
import { endOfLocalDay, localDayOf, type Instant } from '../time/local-date.js';

export const QUOTA_CODES = ['QUOTA_EVENTS_PER_DAY', 'QUOTA_STORED_BYTES'] as const;
export type QuotaCode = (typeof QUOTA_CODES)[number];
const codes: ReadonlySet<string> = new Set(QUOTA_CODES);
export const isQuotaCode = (code: string): code is QuotaCode => codes.has(code);

/** The limits of one unit. */
export interface QuotaLimits {
  eventsPerDay: number;
  storedBytes: number;
  /** Fraction of a limit (0 < warnAt ≤ 1) at which a warning is logged, once per crossing. */
  warnAt: number;
}

export const DEFAULT_QUOTA_LIMITS: QuotaLimits = { eventsPerDay: 1_000_000, storedBytes: 8 * 1024 ** 3, warnAt: 0.8 };

/** What a unit has used: events stored on local day `day`, and bytes stored in all. */
export interface QuotaUsage {
  day: number;
  eventsToday: number;
  storedBytes: number;
}

export const NO_USAGE: QuotaUsage = { day: 0, eventsToday: 0, storedBytes: 0 };

/** What a submission would add. */
export interface QuotaRequest {
  events: number;
  bytes: number;
}

export type QuotaVerdict =
  | { ok: true }
  | { ok: false; code: QuotaCode; message: string; limit: number; used: number; requested: number; retryAfterSeconds?: number };

/** Usage seen on `now`'s local day: yesterday's events no longer count, stored bytes always do. */
export function usageOn(usage: QuotaUsage, now: Instant): QuotaUsage {
  const day = localDayOf(now);
  return usage.day === day ? usage : { day, eventsToday: 0, storedBytes: usage.storedBytes };
}

/** Whole seconds from `now` to the next local midnight (at least 1): when a per-day refusal lifts. */
export function secondsToNextDay(now: Instant): number {
  const at = new Date(now).getTime();
  return Math.max(1, Math.ceil((endOfLocalDay(localDayOf(now)).getTime() - at) / 1000));
}

/**
 * May `unit` store `request` now? Refused when it would take the unit past a limit: events per day
 * (QUOTA_EVENTS_PER_DAY, retry after the next local midnight) or stored bytes (QUOTA_STORED_BYTES,
 * which waiting does not lift). Nothing of a refused request counts.
 */
export function decideQuota(unit: string, usage: QuotaUsage, request: QuotaRequest, limits: QuotaLimits, now: Instant): QuotaVerdict {
  const today = usageOn(usage, now);
  if (today.eventsToday + request.events > limits.eventsPerDay) {
    return {
      ok: false,
      code: 'QUOTA_EVENTS_PER_DAY',
      message: `quota of ${unit} exceeded: events per day (limit ${limits.eventsPerDay}, ${today.eventsToday} stored today, ${request.events} submitted); retry after local midnight (Asia/Shanghai)`,
      limit: limits.eventsPerDay,
      used: today.eventsToday,
      requested: request.events,
      retryAfterSeconds: secondsToNextDay(now),
    };
  }
  if (today.storedBytes + request.bytes > limits.storedBytes) {
    return {
      ok: false,
      code: 'QUOTA_STORED_BYTES',
      message: `quota of ${unit} exceeded: stored bytes (limit ${limits.storedBytes}, ${today.storedBytes} stored, about ${request.bytes} submitted)`,
      limit: limits.storedBytes,
      used: today.storedBytes,
      requested: request.bytes,
    };
  }
  return { ok: true };
}

/** Usage after storing `stored` at `at`. */
export function recordUsage(usage: QuotaUsage, stored: QuotaRequest, at: Instant): QuotaUsage {
  const today = usageOn(usage, at);
  return { day: today.day, eventsToday: today.eventsToday + stored.events, storedBytes: today.storedBytes + stored.bytes };
}

export type QuotaName = 'eventsPerDay' | 'storedBytes';

/** The limits whose warning threshold this change crossed (below before, at or above after). */
export function crossedWarnings(before: QuotaUsage, after: QuotaUsage, limits: QuotaLimits): QuotaName[] {
  const crossed: QuotaName[] = [];
  // A new day starts below every threshold again: the first crossing of the day warns anew.
  const eventsBefore = before.day === after.day ? before.eventsToday : 0;
  if (eventsBefore < limits.warnAt * limits.eventsPerDay && after.eventsToday >= limits.warnAt * limits.eventsPerDay) crossed.push('eventsPerDay');
  if (before.storedBytes < limits.warnAt * limits.storedBytes && after.storedBytes >= limits.warnAt * limits.storedBytes) crossed.push('storedBytes');
  return crossed;
}

/**
 * What the envelope adds to a submitted command once sealed (source, recordedAt, version, prevHash,
 * hash, signature: about 330 bytes of JSON), rounded up so a batch admitted on the estimate does not
 * overrun its quota once its real sizes are counted.
 */
export const SEAL_OVERHEAD_BYTES = 384;

/**
 * The bytes a submitted command will take once sealed and stored (its JSON body), estimated before signing.
 * Its data is measured as its canonical text, kept for the seal to write (canonicalDataText): the same members, so
 * for JSON data (the validated copy always is) the same length JSON.stringify gives, without serialising the data
 * twice per event. `"data":null` stands in for it in the rest. Buffer.byteLength counts UTF-8 bytes without writing them.
 */
export function estimateStoredBytes(command: unknown): number {
  const data = (command as { data?: unknown } | null | undefined)?.data;
  const text = typeof data === 'object' && data !== null ? dataTextOrUndefined(data) : undefined;
  if (text === undefined) return Buffer.byteLength(JSON.stringify(command), 'utf8') + SEAL_OVERHEAD_BYTES;
  const rest = JSON.stringify({ ...(command as object), data: null });
  return Buffer.byteLength(rest, 'utf8') - 'null'.length + Buffer.byteLength(text, 'utf8') + SEAL_OVERHEAD_BYTES;
}

/** Data canonical JSON cannot hold (a non-finite number) is measured as JSON.stringify writes it, as before. */
function dataTextOrUndefined(data: object): string | undefined {
  try {
    return canonicalDataText(data);
  } catch {
    return undefined;
  }
}
