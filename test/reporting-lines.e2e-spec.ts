import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { AnnexReport, ReadinessReport, RowTrace } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event } from './support/events.js';

/**
 * Issue 17 §3/§4 through the real hub: readiness lists only the units the plan addresses and asks each only
 * for its department's items, routes every filing (superior in the line, copy to the same-level 市场监管局),
 * and the roll-up annexes of a line and of a prefecture equal the sum of their units.
 */
describe('reporting lines: readiness per duty, routing, roll-ups', () => {
  let hub: TestHub;
  const coordinator = () => ({ token: hub.credentials.coordinator });
  const json = async <T>(path: string, auth: { unit?: string; token?: string }, status = 200): Promise<T> => {
    const response = await hub.get(path, auth);
    const body = (await response.json()) as T;
    expect({ path, status: response.status }).toEqual({ path, status });
    return body;
  };
  const takedown = (id: string, count: number) => event('takedown.recorded', `takedown/${id}`, { action: 'info_removed', count });

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'propaganda', 'nmpa'], projector: true });
    const batches: [string, unknown[]][] = [
      ['police/653100', [takedown('T-1', 300), caseOpened('C-1', { kind: 'administrative' }), caseOpened('C-2', { kind: 'criminal' })]],
      ['police/650100', [takedown('T-1', 120), caseOpened('C-1', { kind: 'criminal' })]],
      ['police/654000', [takedown('T-1', 45)]],
      ['samr/653100', [event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 7 }), caseOpened('C-1')]],
      // 药监 of a prefecture is not addressed by the plan: its figures still count in the prefecture's annex.
      ['nmpa/653100', [event('inspection.recorded', 'inspection/I-1', { targetKind: 'drug_seller', count: 3 })]],
      // 宣传部 files its work summary only.
      ['propaganda/653100', [event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区党委宣传部网剑行动宣传工作总结' }, '2021-12-02T10:00:00+08:00')]],
      [
        'police/653100',
        [event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区公安局工作总结', jointEnforcementNote: '与市场监管局联合执法记录' }, '2021-12-07T10:00:00+08:00')],
      ],
    ];
    for (const [unit, events] of batches) expect((await hub.submit(unit.split('/')[0] ?? '', events, { unit })).status).toBe(201);
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given the 2021 plan, when readiness is read, then the 181 addressed units are listed (no prefecture-level 药监), each asked only for its department’s items', async () => {
    const report = await json<ReadinessReport>('/api/v1/readiness', coordinator());
    expect(report.total).toBe(13 + 12 * 14);
    const units = report.items.map((item) => item.unit);
    expect(units).toContain('nmpa/650000');
    expect(units).not.toContain('nmpa/653100');
    const propaganda = report.items.find((item) => item.unit === 'propaganda/653100');
    expect(propaganda).toMatchObject({ duties: ['summary'], annex: 'not_applicable', filing: 'filed', complete: true, missing: [] });
    const police = report.items.find((item) => item.unit === 'police/653100');
    expect(police).toMatchObject({
      duties: ['summary', 'statistics', 'typical_cases', 'penalty_decisions', 'joint_enforcement'],
      annex: 'filled',
      filing: 'late',
      jointEnforcement: true,
      route: { to: 'police/650000', toLabel: '自治区公安厅', copyTo: 'samr/653100', copyToLabel: '喀什地区市场监督管理局' },
      complete: false,
      missing: ['典型案例不足：附行政处罚决定书的典型案例 0 件，至少需要 2 件'],
    });
    expect(report.items.find((item) => item.unit === 'police/650000')?.route).toEqual({ to: null, toLabel: '公安部', copyTo: 'samr/650000', copyToLabel: '自治区市场监督管理局' });
    expect(report.items.filter((item) => item.filing === 'missing')).toHaveLength(report.total - 2);
  });

  it('given the routing table, when readiness is asked for the filings reaching a unit or by filing status, then it lists exactly those', async () => {
    const toRegion = await json<ReadinessReport>('/api/v1/readiness?to=police/650000', coordinator());
    expect(toRegion.total).toBe(14);
    expect(toRegion.items.every((item) => item.route.to === 'police/650000')).toBe(true);
    const copies = await json<ReadinessReport>('/api/v1/readiness?to=samr/653100', coordinator());
    expect(copies.items.map((item) => item.unit).sort()).toEqual(
      ['propaganda', 'cac', 'police', 'commerce', 'culture_tourism', 'forestry', 'customs', 'tax', 'telecom', 'postal', 'pboc'].map((d) => `${d}/653100`).sort(),
    );
    expect((await json<ReadinessReport>('/api/v1/readiness?filing=late', coordinator())).items.map((item) => item.unit)).toEqual(['police/653100']);
    const bad = await json<{ fields: { path: string }[] }>('/api/v1/readiness?campaign=net-sword-1999&to=x', coordinator(), 400);
    expect(bad.fields.map((field) => field.path).sort()).toEqual(['campaign', 'to']);
    // A unit reads its own row, named by campaign or by default.
    const own = await json<ReadinessReport>('/api/v1/readiness?campaign=net-sword-2021', { unit: 'propaganda/653100' });
    expect(own.items.map((item) => item.unit)).toEqual(['propaganda/653100']);
  });

  it('given units of a line and of a prefecture, when their roll-up annexes are read (read models, asOf and the log trace), then each row is the sum of their units', async () => {
    const values = (report: AnnexReport): Record<string, number> => Object.fromEntries(report.rows.map((row) => [row.id, row.value ?? 0]));
    const sum = (reports: AnnexReport[]): Record<string, number> => {
      const total: Record<string, number> = {};
      for (const report of reports) for (const [id, value] of Object.entries(values(report))) total[id] = (total[id] ?? 0) + value;
      return total;
    };
    const annex = (query: string) => json<AnnexReport>(`/api/v1/annex?${query}`, coordinator());
    const line = await annex('scope=line:police');
    expect(line.scope).toBe('line:police');
    const policeUnits = await Promise.all(['650100', '653100', '654000'].map((region) => annex(`scope=unit:police/${region}`)));
    expect(values(line)).toEqual(sum(policeUnits));
    expect(values(line)['pol-1']).toBe(465);
    expect(values(await annex('scope=line:police&asOf=2030-01-01T00:00:00%2B08:00'))).toEqual(values(line));
    const kashgar = await annex('scope=region:653100');
    const kashgarUnits = await Promise.all(['police', 'samr', 'nmpa', 'propaganda'].map((dept) => annex(`scope=unit:${dept}/653100`)));
    expect(values(kashgar)).toEqual(sum(kashgarUnits));
    const trace = await json<RowTrace>('/api/v1/annex/trace?scope=line:police&row=pol-1', coordinator());
    expect(trace.items.map((item) => [item.source, item.amount]).sort()).toEqual([
      ['police/650100', 120],
      ['police/653100', 300],
      ['police/654000', 45],
    ]);
    expect((await json<{ fields: { path: string }[] }>('/api/v1/annex?campaign=net-sword-1999', coordinator(), 400)).fields).toEqual([{ path: 'campaign', message: expect.stringContaining('net-sword-2021') }]);
    expect((await json<{ fields: { path: string }[] }>('/api/v1/annex/trace?campaign=x&scope=all', coordinator(), 400)).fields[0]?.path).toBe('campaign');
    expect((await annex('scope=line:police&campaign=net-sword-2021')).rows).toEqual(line.rows);
    // The printed form of a line's roll-up names the line as 填报单位.
    const xlsx = await hub.get('/api/v1/annex?scope=line:police&format=xlsx', coordinator());
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells.some((text) => text.includes('自治区公安厅（全区汇总）'))).toBe(true);
    const overview = await json<{ campaign: { id: string } }>('/api/v1/overview?campaign=net-sword-2021', coordinator());
    expect(overview.campaign.id).toBe('net-sword-2021');
    expect((await json<{ fields: { path: string }[] }>('/api/v1/overview?campaign=net-sword-1999', coordinator(), 400)).fields[0]?.path).toBe('campaign');
    const briefing = await json<{ campaign: { id: string }; readiness: { total: number } }>('/api/v1/briefing?campaign=net-sword-2021', coordinator());
    expect(briefing).toMatchObject({ campaign: { id: 'net-sword-2021' }, readiness: { total: 181 } });
    expect((await json<{ fields: { path: string }[] }>('/api/v1/briefing?campaign=net-sword-1999', coordinator(), 400)).fields[0]?.path).toBe('campaign');
    // A unit may not read a line's roll-up.
    await json('/api/v1/annex?scope=line:police', { unit: 'police/653100' }, 403);
  });
});
