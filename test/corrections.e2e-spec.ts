// Issue 14 §2/§4: a correction moves a record's annex contribution, a void removes it, asOf before them still
// answers what was known; the trace lists the original and every correction; 我的记录 lists a unit's records.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnnexReport, ReadinessReport, RecordPage, RowTrace } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event, leadReported, takedown } from './support/events.js';

const samr = 'samr/653100';

describe('corrections and voids move the annex (issue 14 §2)', () => {
  let hub: TestHub;

  const submit = async (unit: string, body: unknown): Promise<void> => {
    const response = await hub.submit(unit.split('/')[0] ?? '', body, { unit });
    if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const json = async <T>(path: string, unit: string): Promise<T> => {
    const response = await hub.get(path, { unit });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  /** The unit's own annex cells (value per row id) as of `asOf` (default: now). */
  const annexOf = async (unit: string, asOf?: string): Promise<Record<string, number | null>> => {
    const report = await json<AnnexReport>(`/api/v1/annex?scope=unit:${unit}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`, unit);
    return Object.fromEntries(report.rows.map((row) => [row.id, row.value]));
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'customs', 'police'], projector: true });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  /** Records `given`, then `follow` (corrections or voids): the annex cells of `rows` before, after, and as of in between. */
  const moved = async (unit: string, given: unknown[], follow: unknown[], rows: string[]): Promise<{ before: number[]; after: number[]; asOfBetween: number[] }> => {
    await submit(unit, given);
    await hub.projected();
    const before = await annexOf(unit);
    const between = new Date().toISOString();
    await submit(unit, follow);
    await hub.projected();
    const after = await annexOf(unit);
    const then = await annexOf(unit, between);
    const pick = (cells: Record<string, number | null>): number[] => rows.map((row) => cells[row] ?? 0);
    return { before: pick(before), after: pick(after), asOfBetween: pick(then) };
  };

  // [what, unit, records, follow-up, annex rows, what the records first add to them, what they add now]
  it.each<[string, string, unknown[], unknown[], string[], number[], number[]]>([
    ['a takedown count corrected', samr, [takedown('E-T1', 12)], [event('takedown.corrected', 'takedown/E-T1', { reason: '数量录入错误', count: 5 })], ['sa-2'], [12], [5]],
    ['a takedown action corrected (moves rows)', samr, [takedown('E-T2', 30)], [event('takedown.corrected', 'takedown/E-T2', { reason: '处置方式选错', action: 'shop_service_stopped' })], ['sa-2', 'sa-5'], [30, 0], [0, 30]],
    ['a takedown voided', samr, [takedown('E-T3', 40)], [event('takedown.voided', 'takedown/E-T3', { reason: '重复录入' })], ['sa-2'], [40], [0]],
    ['an inspection count corrected', samr, [event('inspection.recorded', 'inspection/E-I1', { targetKind: 'website_or_shop', count: 9 })], [event('inspection.corrected', 'inspection/E-I1', { reason: '更正', count: 4 })], ['sa-1'], [9], [4]],
    ['an inspection voided', samr, [event('inspection.recorded', 'inspection/E-I2', { targetKind: 'website_or_shop', count: 6 })], [event('inspection.voided', 'inspection/E-I2', { reason: '作废' })], ['sa-1'], [6], [0]],
    ['a rectification target corrected', samr, [event('rectification.ordered', 'rectification/E-R1', { targetKind: 'website', count: 3 })], [event('rectification.corrected', 'rectification/E-R1', { reason: '更正', count: 7 })], ['sa-3'], [3], [7]],
    ['a rectification voided', samr, [event('rectification.ordered', 'rectification/E-R2', { targetKind: 'website', count: 2 })], [event('rectification.voided', 'rectification/E-R2', { reason: '作废' })], ['sa-3'], [2], [0]],
    ['seizure pieces corrected', 'customs/653100', [event('seizure.recorded', 'seizure/E-S1', { channel: 'postal_express', batches: 2, pieces: 400 })], [event('seizure.corrected', 'seizure/E-S1', { reason: '件数录入错误', pieces: 412 })], ['cus-1', 'cus-2'], [2, 400], [2, 412]],
    ['a seizure voided', 'customs/653100', [event('seizure.recorded', 'seizure/E-S2', { channel: 'postal_express', batches: 1, pieces: 10 })], [event('seizure.voided', 'seizure/E-S2', { reason: '作废' })], ['cus-1', 'cus-2'], [1, 10], [0, 0]],
    ['a case category corrected (moves rows)', samr, [caseOpened('E-C1')], [event('case.corrected', 'case/E-C1', { reason: '类别更正', primaryCategory: 'improper_pricing' })], ['sa-6', 'sa-10'], [1, 0], [0, 1]],
    ['a case voided', samr, [caseOpened('E-C2', { primaryCategory: 'illegal_advertising' })], [event('case.voided', 'case/E-C2', { reason: '重复立案' })], ['sa-11'], [1], [0]],
    ['a police platform case voided (distinct platforms)', 'police/653100', [caseOpened('E-P1', { targetKind: 'platform', platform: '淘宝' }), caseOpened('E-P2', { targetKind: 'platform', platform: '拼多多' })], [event('case.voided', 'case/E-P2', { reason: '重复立案' })], ['pol-3'], [2], [1]],
  ])('given %s, then the annex counts the record as it is now, and asOf before the change what it first said', async (_label, unit, given, follow, rows, first, now) => {
    const start = await annexOf(unit);
    const base = rows.map((row) => start[row] ?? 0);
    const result = await moved(unit, given, follow, rows);
    expect(result.before).toEqual(base.map((b, i) => b + (first[i] ?? 0)));
    expect(result.after).toEqual(base.map((b, i) => b + (now[i] ?? 0)));
    expect(result.asOfBetween).toEqual(result.before);
  });

  it('given a takedown corrected twice, when its row is traced, then the original and every correction are listed and add up to the cell', async () => {
    const unit = 'samr/650100';
    await submit(unit, [takedown('E-TR', 100)]);
    await submit(unit, [event('takedown.corrected', 'takedown/E-TR', { reason: '第一次更正', count: 80 })]);
    await submit(unit, [event('takedown.corrected', 'takedown/E-TR', { reason: '第二次更正', count: 85 })]);
    await hub.projected();
    const trace = await json<RowTrace>('/api/v1/annex/trace?row=sa-2', unit);
    expect(trace.items.map((i) => [i.type, i.amount])).toEqual([
      ['takedown.recorded', 100],
      ['takedown.corrected', -20],
      ['takedown.corrected', 5],
    ]);
    expect(trace.row.value).toBe(85);
  });

  it('given a unit whose only record is voided, then readiness says its annex is empty again', async () => {
    const unit = 'samr/654000';
    const annexOfUnit = async (): Promise<string | undefined> =>
      (await json<ReadinessReport>('/api/v1/readiness', unit)).items.find((item) => item.unit === unit)?.annex;
    await submit(unit, [takedown('E-ONLY', 3)]);
    await hub.projected();
    expect(await annexOfUnit()).toBe('filled');
    await submit(unit, [event('takedown.voided', 'takedown/E-ONLY', { reason: '误录' })]);
    await hub.projected();
    expect(await annexOfUnit()).toBe('empty');
  });
});

describe('我的记录: GET /api/v1/records (issue 14 §4)', () => {
  let hub: TestHub;
  const unit = 'samr/652300';

  const records = async (query: string, auth: { unit?: string; token?: string } = { unit }): Promise<{ status: number; body: RecordPage & { code?: string; fields?: { path: string }[] } }> => {
    const response = await hub.get(`/api/v1/records${query}`, auth);
    return { status: response.status, body: (await response.json()) as RecordPage & { code?: string; fields?: { path: string }[] } };
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true });
    const stored = await hub.submit(
      'samr',
      [
        leadReported('M-L1'),
        takedown('M-T1', 12),
        takedown('M-T2', 7),
        event('inspection.recorded', 'inspection/M-I1', { targetKind: 'website_or_shop', count: 4 }, '2021-11-20T10:00:00+08:00'),
        caseOpened('M-C1'),
      ],
      { unit },
    );
    const follow = await hub.submit(
      'samr',
      [event('takedown.corrected', 'takedown/M-T1', { reason: '数量录入错误', count: 5 }), event('takedown.voided', 'takedown/M-T2', { reason: '重复录入' }), event('lead.corrected', 'lead/M-L1', { reason: '类别更正', category: 'illegal_advertising' })],
      { unit },
    );
    // Another unit's record: never in this unit's list.
    const other = await hub.submit('samr', [takedown('M-T1', 99)], { unit: 'samr/653100' });
    expect([stored.status, follow.status, other.status]).toEqual([201, 201, 201]);
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given the unit’s records, then it lists its own with current values and correction state, newest first', async () => {
    const { status, body } = await records('');
    expect(status).toBe(200);
    expect(body.total).toBe(5);
    const byId = Object.fromEntries(body.items.map((item) => [item.subject, item]));
    expect(byId['takedown/M-T1']).toMatchObject({ kind: 'takedown', id: 'M-T1', status: 'corrected', corrections: 1, values: { count: 5, action: 'listing_removed' } });
    expect(byId['takedown/M-T2']).toMatchObject({ status: 'voided', corrections: 0 });
    expect(byId['lead/M-L1']).toMatchObject({ status: 'corrected', stage: 'open', values: { category: 'illegal_advertising' } });
    expect(byId['case/M-C1']).toMatchObject({ status: 'recorded', stage: 'opened' });
    expect(body.items[0]?.subject).toBe('inspection/M-I1');
    expect(new Set(body.items.map((item) => item.values['count'])).has(99)).toBe(false);
  });

  it('given filters, then kind, status, dates and text narrow the list and pages hold the rest', async () => {
    expect((await records('?kind=takedown')).body.items.map((i) => i.id).sort()).toEqual(['M-T1', 'M-T2']);
    expect((await records('?status=voided')).body.items.map((i) => i.id)).toEqual(['M-T2']);
    expect((await records('?status=corrected&kind=lead')).body.items.map((i) => i.id)).toEqual(['M-L1']);
    expect((await records('?from=2021-11-01&to=2021-11-30')).body.items.map((i) => i.id)).toEqual(['M-I1']);
    expect((await records(`?q=${encodeURIComponent('m-c1')}`)).body.items.map((i) => i.id)).toEqual(['M-C1']);
    const first = await records('?limit=2');
    const second = await records('?limit=2&offset=2');
    expect([first.body.total, first.body.items.length, second.body.items.length]).toEqual([5, 2, 2]);
    expect(first.body.items.map((i) => i.subject)).not.toContain(second.body.items[0]?.subject);
  });

  it('given a bad parameter, then 400 names it', async () => {
    const bad = await records('?kind=referral&status=gone&from=2021-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.path).sort()).toEqual(['from', 'kind', 'status']);
  });

  it('given a coordinator or an auditor, then 403 UNITS_ONLY', async () => {
    for (const token of [hub.credentials.coordinator, hub.credentials.auditor]) {
      const response = await records('', { token });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'UNITS_ONLY' });
    }
  });
});
