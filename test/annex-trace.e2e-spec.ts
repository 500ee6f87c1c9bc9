import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnnexReport, RowTrace } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event } from './support/events.js';

// Starting a whole hub (nats-server, PostgreSQL database, services) takes longer than Jest's 5 s default.

const sum = (items: { amount: number }[]): number => items.reduce((total, item) => total + item.amount, 0);

describe('annex trace for annex readers: GET /api/v1/annex/trace', () => {
  let hub: TestHub;

  const submit = async (unit: string, body: unknown): Promise<void> => {
    const response = await hub.submit(unit.split('/')[0] ?? '', body, { unit });
    if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const json = async <T>(path: string, token: string): Promise<T> => {
    const response = await hub.get(path, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'customs'], projector: true });
    await submit('samr/653100', [
      caseOpened('T-C1'),
      caseOpened('T-C2', { otherCategories: ['illegal_advertising'] }),
      event('inspection.recorded', 'inspection/T-I1', { targetKind: 'website_or_shop', count: 7 }),
      // outside the window the period tests ask for (to = 2021-10-31)
      event('inspection.recorded', 'inspection/T-I2', { targetKind: 'website_or_shop', count: 5 }, '2021-11-10T10:00:00+08:00'),
    ]);
    await submit('samr/650100', [caseOpened('T-C3'), event('inspection.recorded', 'inspection/T-I3', { targetKind: 'website_or_shop', count: 3 })]);
    await submit('customs/650100', event('seizure.recorded', 'seizure/T-S1', { channel: 'postal_express', batches: 2, pieces: 40 }));
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given a sum row (sa-1), when a coordinator traces it, then the events add up to the cell the annex shows', async () => {
    const annex = await json<AnnexReport>('/api/v1/annex?scope=all', hub.credentials.coordinator);
    const trace = await json<RowTrace>('/api/v1/annex/trace?scope=all&row=sa-1', hub.credentials.coordinator);
    expect(trace.measure).toEqual({ kind: 'sum', field: 'count' });
    expect(trace.row.value).toBe(15);
    expect(annex.rows.find((row) => row.id === 'sa-1')?.value).toBe(trace.row.value);
    expect(sum(trace.items)).toBe(trace.row.value);
    expect(trace.items.map((i) => [i.subject, i.source, i.type, i.amount])).toEqual([
      ['inspection/T-I1', 'samr/653100', 'inspection.recorded', 7],
      ['inspection/T-I2', 'samr/653100', 'inspection.recorded', 5],
      ['inspection/T-I3', 'samr/650100', 'inspection.recorded', 3],
    ]);
    expect(trace.items.every((i) => i.seq > 0 && i.eventId !== '' && !Number.isNaN(Date.parse(i.time)))).toBe(true);
  });

  it('given a count row (sa-6), when traced for a region and a period, then one event per counted case, as many as the cell', async () => {
    const trace = await json<RowTrace>('/api/v1/annex/trace?scope=region:653100&from=2021-09-01&to=2021-10-31&row=sa-6', hub.credentials.coordinator);
    const annex = await json<AnnexReport>('/api/v1/annex?scope=region:653100&from=2021-09-01&to=2021-10-31', hub.credentials.coordinator);
    expect(trace.measure).toEqual({ kind: 'count' });
    expect(trace.row.value).toBe(2);
    expect(annex.rows.find((row) => row.id === 'sa-6')?.value).toBe(2);
    expect(sum(trace.items)).toBe(trace.row.value);
    expect(trace.items.map((i) => i.subject)).toEqual(['case/T-C1', 'case/T-C2']);
    const window = await json<RowTrace>('/api/v1/annex/trace?scope=region:653100&to=2021-10-31&row=sa-1', hub.credentials.coordinator);
    expect([window.row.value, window.items.map((i) => i.subject)]).toEqual([7, ['inspection/T-I1']]); // T-I2 is after `to`
  });

  it('given a unit token, when it traces its own cells (named or by default), then 200 with its events only', async () => {
    const token = hub.token('samr/653100');
    for (const path of ['/api/v1/annex/trace?row=sa-1', '/api/v1/annex/trace?scope=unit:samr/653100&row=sa-1']) {
      const trace = await json<RowTrace>(path, token);
      expect(trace.scope).toBe('unit:samr/653100');
      expect([trace.row.value, sum(trace.items)]).toEqual([12, 12]);
      expect(new Set(trace.items.map((i) => i.source))).toEqual(new Set(['samr/653100']));
    }
  });

  it("given a unit token, when it traces another unit's, a region's or the whole annex, then 403 (as the annex itself)", async () => {
    const token = hub.token('samr/653100');
    for (const scope of ['unit:samr/650100', 'region:653100', 'all']) {
      expect((await hub.get(`/api/v1/annex/trace?scope=${scope}&row=sa-1`, { token })).status).toBe(403);
      expect((await hub.get(`/api/v1/annex?scope=${scope}`, { token })).status).toBe(403);
    }
  });

  it('given an auditor token, when it traces any scope, then 200; the audit route stays auditors-only', async () => {
    const trace = await json<RowTrace>('/api/v1/annex/trace?scope=unit:customs/650100&row=cus-2', hub.credentials.auditor);
    expect([trace.row.value, sum(trace.items)]).toEqual([40, 40]);
    expect((await hub.get('/api/v1/audit/trace?row=sa-1', { token: hub.credentials.coordinator })).status).toBe(403);
    expect((await hub.get('/api/v1/annex/trace?row=sa-1')).status).toBe(401);
  });

  it('given an unknown row or a bad period, when traced, then 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['row=xx-1', 'row'],
      ['to=2021-13-01', 'to'],
      ['limit=0', 'limit'],
    ] as const) {
      const response = await hub.get(`/api/v1/annex/trace?${query}`, { token: hub.credentials.coordinator });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { fields?: { path: string }[] };
      expect(body.fields?.map((f) => f.path)).toContain(path);
    }
  });

  it('given no row, when traced, then every row with the ids of its events', async () => {
    const all = await json<{ rows: { id: string; value: number; events: { seq: number; amount: number }[] }[] }>('/api/v1/annex/trace?scope=all', hub.credentials.coordinator);
    expect(all.rows.find((r) => r.id === 'sa-6')?.events).toHaveLength(3);
    expect(all.rows.find((r) => r.id === 'cac-1')?.events).toEqual([]);
  });
});
