// Issue 12 §7 through HTTP, end to end: a unit's events per day (429 + Retry-After to China-time midnight)
// and stored bytes (507), enforced by the department service before it signs; the limit is named, a refused
// submission stores nothing, another unit is unaffected, a restart rebuilds the usage from the stream, and
// a warning line is logged when a unit crosses its warning threshold.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { endOfLocalDay, localDayOf, parseQuotaSettings } from '@hub/domain';
import { leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';

const DAILY_UNIT = 'samr/653100';
const BYTES_UNIT = 'samr/650100';
const EVENTS_PER_DAY = 5;
const STORED_BYTES = 4_000;

describe('per-unit quotas', () => {
  let hub: TestHub;
  const warnings: string[] = [];

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown) {
      warnings.push(String(message));
    });
    hub = await TestHub.start({
      departments: ['samr'],
      // The env defaults (1,000,000 events, 8 GiB) for everyone else; the overrides file's shape for two units.
      quotas: parseQuotaSettings({ HUB_QUOTA_WARN_AT: '0.8' }, { [DAILY_UNIT]: { eventsPerDay: EVENTS_PER_DAY }, [BYTES_UNIT]: { storedBytes: STORED_BYTES } }),
      gateway: { limits: { ratePerSecond: 1_000, burst: 1_000, concurrency: 64 } },
    });
  });

  afterAll(async () => {
    await hub?.stop();
    jest.restoreAllMocks();
  });

  const post = (unit: string, body: unknown): Promise<Response> =>
    fetch(`${hub.url}/api/v1/departments/samr/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token(unit)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const leads = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => leadReported(`${prefix}-${i}`));

  it(`given a unit limited to ${EVENTS_PER_DAY} events a day, when it goes over, then 429 QUOTA_EVENTS_PER_DAY naming the limit with Retry-After to China-time midnight, nothing of that batch stored`, async () => {
    const first = leads('Q-A', 3);
    expect((await post(DAILY_UNIT, first)).status).toBe(201);
    const before = await hub.storedEvents();

    const over = await post(DAILY_UNIT, leads('Q-B', 3));
    const askedAt = Date.now();
    expect(over.status).toBe(429);
    const body = (await over.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 429, code: 'QUOTA_EVENTS_PER_DAY', quota: { limit: EVENTS_PER_DAY, used: 3, requested: 3 } });
    expect(String(body['message'])).toContain(`events per day (limit ${EVENTS_PER_DAY}`);
    const toMidnight = (endOfLocalDay(localDayOf(new Date(askedAt))).getTime() - askedAt) / 1000;
    expect(Math.abs(Number(over.headers.get('retry-after')) - toMidnight)).toBeLessThan(10);
    expect(body['retryAfterSeconds']).toBe(Number(over.headers.get('retry-after')));
    expect(await hub.storedEvents()).toBe(before);

    // A retried id costs nothing; the two events left of the day are still allowed, then the next is refused.
    const retried = await post(DAILY_UNIT, first[0]);
    expect([retried.status, ((await retried.json()) as { results: { duplicate: boolean }[] }).results[0]?.duplicate]).toEqual([201, true]);
    expect((await post(DAILY_UNIT, leads('Q-C', 2))).status).toBe(201);
    expect((await post(DAILY_UNIT, leads('Q-D', 1))).status).toBe(429);
    expect(await hub.storedEvents()).toBe(before + 2);
  });

  it('given the unit crossed 80 % of its day, then a warning line names the unit, the limit and the use', () => {
    expect(warnings.filter((line) => line.startsWith(`QUOTA_WARNING ${DAILY_UNIT} eventsPerDay: 4 of ${EVENTS_PER_DAY}`))).toHaveLength(1);
  });

  it('given another unit of the same department, when the first is over its quota, then it still submits', async () => {
    expect((await post('samr/654000', leads('Q-OTHER', 10))).status).toBe(201);
  });

  it(`given a unit limited to ${STORED_BYTES} stored bytes, when it goes over, then 507 QUOTA_STORED_BYTES naming the limit, no Retry-After, nothing of that batch stored`, async () => {
    let refused: Response | undefined;
    let stored = 0;
    for (let i = 0; i < 20 && !refused; i++) {
      const response = await post(BYTES_UNIT, leadReported(`Q-BYTES-${i}`));
      if (response.status === 201) stored += 1;
      else refused = response;
    }
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(refused?.status).toBe(507);
    const body = (await refused?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 507, code: 'QUOTA_STORED_BYTES', quota: { limit: STORED_BYTES } });
    expect(String(body['message'])).toContain(`stored bytes (limit ${STORED_BYTES}`);
    expect(refused?.headers.get('retry-after')).toBeNull();
    expect(warnings.some((line) => line.startsWith(`QUOTA_WARNING ${BYTES_UNIT} storedBytes:`))).toBe(true);
    const before = await hub.storedEvents();
    expect((await post(BYTES_UNIT, leads('Q-BYTES-AGAIN', 2))).status).toBe(507);
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given the department service restarts, when the units submit again, then the usage was rebuilt from the stream and the limits still hold', async () => {
    const before = await hub.storedEvents();
    await hub.stopDepartment('samr');
    await hub.startDepartment('samr');
    expect((await post(DAILY_UNIT, leads('Q-E', 1))).status).toBe(429);
    expect((await post(BYTES_UNIT, leads('Q-F', 1))).status).toBe(507);
    expect((await post('samr/654000', leads('Q-G', 1))).status).toBe(201);
    expect(await hub.storedEvents()).toBe(before + 1);
  });
});
