import { crossedWarnings, decideQuota, NO_USAGE, recordUsage, secondsToNextDay, usageOn, type QuotaLimits, type QuotaUsage } from './quota.js';
import { parseQuotaSettings, quotaLimitsFor, QuotaConfigError } from './quota-config.js';
import { localDayOf } from '../time/local-date.js';

const limits: QuotaLimits = { eventsPerDay: 10, storedBytes: 1_000, warnAt: 0.8 };
// 2021-10-08 23:59:30 in Kashgar's official time (China time): 30 s before the local day ends.
const lateEvening = '2021-10-08T23:59:30+08:00';
const nextMorning = '2021-10-09T00:00:10+08:00';

/** Given the unit's stored events (each `[bytes, storedAt]`), when a request is decided at `now`. */
const given = (...stored: [number, string][]) => {
  const usage = stored.reduce<QuotaUsage>((u, [bytes, at]) => recordUsage(u, { events: 1, bytes }, at), NO_USAGE);
  return { usage, when: (events: number, bytes: number, now: string) => decideQuota('samr/653100', usage, { events, bytes }, limits, now) };
};
const times = (n: number, bytes: number, at: string): [number, string][] => Array.from({ length: n }, () => [bytes, at]);

describe('decideQuota', () => {
  it('given 9 events today, when 1 more is submitted, then it is allowed (the limit itself is allowed)', () => {
    expect(given(...times(9, 10, '2021-10-08T09:00:00+08:00')).when(1, 10, lateEvening)).toEqual({ ok: true });
  });

  it('given 9 events today, when 2 more are submitted, then QUOTA_EVENTS_PER_DAY naming the limit, retry after local midnight', () => {
    const verdict = given(...times(9, 10, '2021-10-08T09:00:00+08:00')).when(2, 20, lateEvening);
    expect(verdict).toEqual({
      ok: false,
      code: 'QUOTA_EVENTS_PER_DAY',
      message: expect.stringContaining('events per day (limit 10') as unknown,
      limit: 10,
      used: 9,
      requested: 2,
      retryAfterSeconds: 30,
    });
  });

  it('given 10 events stored late on one China day, when the next China day begins, then the count starts again', () => {
    expect(given(...times(10, 10, '2021-10-08T23:00:00+08:00')).when(10, 10, nextMorning)).toEqual({ ok: true });
  });

  it('given 10 events at 07:00 China time (23:00 UTC the day before), when asked at 09:00 China time, then they count for today: the window is China time, not UTC', () => {
    expect(given(...times(10, 10, '2021-10-07T23:00:00Z')).when(1, 10, '2021-10-08T09:00:00+08:00')).toMatchObject({ ok: false, code: 'QUOTA_EVENTS_PER_DAY' });
  });

  it('given 900 bytes stored on earlier days, when 101 bytes more are submitted, then QUOTA_STORED_BYTES with no retry time (waiting does not lift it)', () => {
    const verdict = given([500, '2021-10-01T10:00:00+08:00'], [400, '2021-10-05T10:00:00+08:00']).when(1, 101, lateEvening);
    expect(verdict).toEqual({ ok: false, code: 'QUOTA_STORED_BYTES', message: expect.stringContaining('stored bytes (limit 1000, 900 stored') as unknown, limit: 1_000, used: 900, requested: 101 });
  });

  it('given 900 bytes stored, when exactly 100 bytes more are submitted, then it is allowed', () => {
    expect(given([900, '2021-10-01T10:00:00+08:00']).when(1, 100, lateEvening)).toEqual({ ok: true });
  });
});

describe('usage over days', () => {
  it('given usage of an earlier day, when read today, then events reset and bytes stay', () => {
    const usage = recordUsage(NO_USAGE, { events: 3, bytes: 300 }, lateEvening);
    expect(usageOn(usage, nextMorning)).toEqual({ day: localDayOf(nextMorning), eventsToday: 0, storedBytes: 300 });
  });

  it('secondsToNextDay counts to 24:00 China time, at least 1', () => {
    expect(secondsToNextDay('2021-10-08T00:00:00+08:00')).toBe(86_400);
    expect(secondsToNextDay('2021-10-08T23:59:59.900+08:00')).toBe(1);
  });
});

describe('crossedWarnings', () => {
  const at = (eventsToday: number, storedBytes: number, day = 100): QuotaUsage => ({ day, eventsToday, storedBytes });
  it('given usage below 80 %, when it reaches 80 %, then that limit warns once', () => {
    expect(crossedWarnings(at(7, 0), at(8, 0), limits)).toEqual(['eventsPerDay']);
    expect(crossedWarnings(at(8, 0), at(9, 0), limits)).toEqual([]);
    expect(crossedWarnings(at(0, 799), at(1, 800), limits)).toEqual(['storedBytes']);
  });
  it('given 9 events yesterday, when 8 are stored today, then today warns again', () => {
    expect(crossedWarnings(at(9, 0, 100), at(8, 0, 101), limits)).toEqual(['eventsPerDay']);
  });
});

describe('parseQuotaSettings', () => {
  it('given nothing set, then 1,000,000 events per day, 8 GiB and a warning at 80 %', () => {
    expect(parseQuotaSettings({}).defaults).toEqual({ eventsPerDay: 1_000_000, storedBytes: 8 * 1024 ** 3, warnAt: 0.8 });
  });
  it('given env values and a unit override, then the unit gets its override over the env defaults', () => {
    const settings = parseQuotaSettings({ HUB_QUOTA_EVENTS_PER_DAY: '500', HUB_QUOTA_WARN_AT: '0.5' }, { 'samr/653100': { storedBytes: 2048 } });
    expect(quotaLimitsFor(settings, 'samr/653100')).toEqual({ eventsPerDay: 500, storedBytes: 2048, warnAt: 0.5 });
    expect(quotaLimitsFor(settings, 'samr/650100')).toEqual({ eventsPerDay: 500, storedBytes: 8 * 1024 ** 3, warnAt: 0.5 });
  });
  it.each([
    [{ HUB_QUOTA_EVENTS_PER_DAY: 'many' }, undefined, 'HUB_QUOTA_EVENTS_PER_DAY must be a number'],
    [{ HUB_QUOTA_STORED_BYTES: '-1' }, undefined, 'HUB_QUOTA_STORED_BYTES must be a whole number'],
    [{ HUB_QUOTA_WARN_AT: '80' }, undefined, 'HUB_QUOTA_WARN_AT must be a fraction'],
    [{}, [], 'HUB_QUOTAS_FILE must hold a JSON object'],
    [{}, { samr: {} }, '"samr" is not a unit'],
    [{}, { 'samr/653100': { events: 1 } }, 'samr/653100.events is not a limit'],
    [{}, { 'samr/653100': { eventsPerDay: 1.5 } }, 'samr/653100.eventsPerDay must be a whole number'],
  ])('given %j and overrides %j, then it fails naming %s', (env, overrides, message) => {
    expect(() => parseQuotaSettings(env, overrides)).toThrow(QuotaConfigError);
    expect(() => parseQuotaSettings(env, overrides)).toThrow(message);
  });
});
