import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ALL_EVENT_SUBJECTS, computeAnnexFromEvents, NET_SWORD_2021, type AnnexReport, type HubEvent } from '@hub/domain';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event } from './support/events.js';

describe('statistics annex through the projector and HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true });
    const retried = event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 7 });
    const submissions: [string, string, unknown][] = [
      ['cac', 'cac/650100', event('takedown.recorded', 'takedown/T-1', { action: 'info_removed', count: 12_345 })],
      ['samr', 'samr/653100', caseOpened('C-1', { otherCategories: ['illegal_advertising'] })],
      ['samr', 'samr/653100', caseOpened('C-2', { primaryCategory: 'improper_pricing' })],
      ['samr', 'samr/653100', retried],
      ['samr', 'samr/653100', retried],
      ['samr', 'samr/650100', event('inspection.recorded', 'inspection/I-2', { targetKind: 'website_or_shop', count: 3 })],
      // Before the campaign: never counted.
      ['samr', 'samr/653100', event('inspection.recorded', 'inspection/I-0', { targetKind: 'website_or_shop', count: 100 }, '2021-08-31T23:59:59+08:00')],
      ['police', 'police/650100', caseOpened('P-1', { kind: 'criminal', primaryCategory: 'personal_information' })],
    ];
    for (const [department, unit, body] of submissions) {
      const response = await hub.submit(department, body, { unit });
      if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const annex = async (query: string, auth: { unit?: string; token?: string }): Promise<AnnexReport> => {
    const response = await hub.get(`/api/v1/annex?${query}`, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as AnnexReport;
  };
  const value = (report: AnnexReport, id: string): number | null | undefined => report.rows.find((row) => row.id === id)?.value;

  it('given events from several units, when a coordinator asks for the whole region, then every row is summed by its rule', async () => {
    const report = await annex('scope=all', { token: hub.credentials.coordinator });

    expect(report.rows).toHaveLength(37);
    expect(value(report, 'cac-1')).toBe(1.2345); // 万条 keeps its decimals
    expect(value(report, 'sa-1')).toBe(10); // 7 counted once despite the retry, plus 3; the August event is outside
    expect(value(report, 'sa-6')).toBe(1);
    expect(value(report, 'sa-10')).toBe(1);
    expect(value(report, 'pol-4')).toBe(1);
    expect(report.rows.find((row) => row.id === 'sa-6')?.remark).toMatch(/^其中1件同时涉及/);
  });

  it('given the live annex, when recomputed from the log with the pure rules, then they agree', async () => {
    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    const events: HubEvent[] = [];
    for await (const msg of store.read({ filter: ALL_EVENT_SUBJECTS })) events.push(msg.json<HubEvent>());
    const live = await annex('scope=all', { token: hub.credentials.auditor });
    expect(live.rows).toEqual(computeAnnexFromEvents(events, NET_SWORD_2021, { kind: 'all' }).rows);
  });

  it("given a unit token, when it asks for its own annex, then only its department's rows are filled", async () => {
    const report = await annex('scope=unit:samr/653100', { unit: 'samr/653100' });
    expect(value(report, 'sa-1')).toBe(7);
    expect(value(report, 'cac-1')).toBeNull();
  });

  it("given a unit token, when it asks for another scope, then 403", async () => {
    expect((await hub.get('/api/v1/annex?scope=all', { unit: 'samr/653100' })).status).toBe(403);
  });

  it('given a malformed scope or period, when asked, then 400 names the parameter', async () => {
    const bad = await hub.get('/api/v1/annex?scope=unit:samr', { token: hub.credentials.coordinator });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('scope');
    const badDate = await hub.get('/api/v1/annex?scope=all&from=2021-13-01', { token: hub.credentials.coordinator });
    expect(badDate.status).toBe(400);
  });

  it('given format=xlsx, when downloaded, then it is the printed form with the values', async () => {
    const response = await hub.get('/api/v1/annex?scope=region:653100&format=xlsx', { token: hub.credentials.coordinator });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="annex-region_653100\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell('A1').text).toBe(NET_SWORD_2021.title);
    const sa1 = sheet?.getColumn(2).values.findIndex((cell) => typeof cell === 'string' && cell.startsWith('网上检查网站、网店'));
    expect(sheet?.getCell(`C${sa1}`).value).toBe(7);
  });

  it('given format=csv, when downloaded, then it is UTF-8 with a BOM and one line per row', async () => {
    const response = await hub.get('/api/v1/annex?scope=all&format=csv', { token: hub.credentials.coordinator });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.trim().split(/\r?\n/)).toHaveLength(38);
  });
});
