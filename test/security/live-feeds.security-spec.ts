// Issue 12 §8: 1,000 server-sent-event connections on one token. The per-principal cap on live feeds holds
// (the default, 20, stream; the rest get 429 with Retry-After), the feeds it admitted still deliver, a feed
// the client closes frees its slot, and the gateway keeps answering others while the flood is on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';
import { waitUntil } from '../faults/support/processes.js';
import { DEFAULT_LIVE_FEEDS_PER_PRINCIPAL } from '../../apps/gateway/src/live/live.service.js';

const FLOOD = 1_000;
const CAP = DEFAULT_LIVE_FEEDS_PER_PRINCIPAL;
const UNIT = 'samr/653100';

describe(`${FLOOD} live feeds on one token`, () => {
  let hub: TestHub;
  const aborts: AbortController[] = [];

  beforeAll(async () => {
    // The default per-principal limits except a burst above the flood: the live-feed cap, not the request rate, must be what refuses.
    hub = await TestHub.start({ departments: ['samr'], projector: true, gateway: { limits: { ratePerSecond: 500, burst: FLOOD + 200, concurrency: 64 } } });
  });

  afterAll(async () => {
    for (const abort of aborts) abort.abort();
    await hub?.stop();
  });

  const open = (token = hub.token(UNIT)): Promise<Response> => {
    const abort = new AbortController();
    aborts.push(abort);
    return fetch(`${hub.url}/api/v1/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal }).then((response) => {
      // A refused feed's body is read so its socket is released; an admitted one stays open.
      if (response.status !== 200) void response.text().catch(() => undefined);
      return response;
    });
  };
  const timed = async (path: string, token: string): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  };

  it(`given ${FLOOD} feeds opened at once, then ${CAP} stream, ${FLOOD - CAP} get 429 with Retry-After, admitted feeds deliver, others are answered meanwhile, and closed feeds free their slots`, async () => {
    const started = performance.now();
    const flood = Array.from({ length: FLOOD }, () => open());
    // Asked while the flood is being answered: another principal and the liveness probe.
    const during = await Promise.all([timed('/api/v1/me', hub.credentials.coordinator), timed('/health/live', hub.credentials.coordinator)]);
    const responses = await Promise.all(flood);
    const floodMs = performance.now() - started;

    const admitted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(admitted).toHaveLength(CAP);
    expect(new Set(refused.map((r) => r.status))).toEqual(new Set([429]));
    expect(refused[0]?.headers.get('retry-after')).toBe('30');
    expect(during.map((d) => d.status)).toEqual([200, 200]);

    // The admitted feeds are real feeds: an event the unit stores reaches one of them.
    const reader = admitted[0]!.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': listening')) text += (await reader.read()).value ?? '';
    expect((await hub.submit('samr', leadReported('LIVE-FLOOD-1'), { unit: UNIT })).status).toBe(201);
    while (!/event: projected/.test(text)) text += (await reader.read()).value ?? '';
    expect(text).toContain('lead/LIVE-FLOOD-1');

    const after = await Promise.all([timed('/api/v1/me', hub.credentials.coordinator), timed('/health/live', hub.credentials.coordinator)]);
    expect(after.map((d) => d.status)).toEqual([200, 200]);
    expect(Math.max(...after.map((d) => d.ms))).toBeLessThan(1_000);

    // The client closes every admitted feed: the server sees each connection go and frees its slot.
    for (const [i, response] of responses.entries()) if (response.status === 200) aborts[i]?.abort();
    const reopened: Response[] = [];
    await waitUntil(`all ${CAP} slots are free again`, async () => {
      const response = await open();
      if (response.status === 200) reopened.push(response);
      return reopened.length === CAP;
    }, 30_000, 20);
    expect((await open()).status).toBe(429);

    process.stdout.write(
      `live-feeds flood: ${FLOOD} opens answered in ${Math.round(floodMs)} ms; during the flood /api/v1/me ${Math.round(during[0].ms)} ms, /health/live ${Math.round(during[1].ms)} ms; ` +
        `after: ${Math.round(after[0].ms)} ms, ${Math.round(after[1].ms)} ms; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB\n`,
    );
  });
});
