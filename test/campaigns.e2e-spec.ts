import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { AnnexReport, Briefing, CasePage, Catalogue, Overview, ReadinessReport } from '@hub/contracts';
import { CAMPAIGN_DIRS_ENV } from '@hub/domain';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event, leadReported } from './support/events.js';

// Issue 17 §6: a second campaign is one more file. The example 2022 file (libs/domain/src/annex/campaigns/examples)
// is loaded through HUB_CAMPAIGN_DIRS, exactly as a joint office would add its own directory: no code change.
const EXAMPLES = fileURLToPath(new URL('../libs/domain/src/annex/campaigns/examples/', import.meta.url));
const Y2021 = 'net-sword-2021';
const Y2022 = 'net-sword-2022';
const SAMR = 'samr/653100';
const CAC = 'cac/650100';

describe('two campaigns side by side (2021 and the example 2022 file)', () => {
  let hub: TestHub;
  const previousDirs = process.env[CAMPAIGN_DIRS_ENV];

  beforeAll(async () => {
    process.env[CAMPAIGN_DIRS_ENV] = EXAMPLES;
    hub = await TestHub.start({ departments: ['samr', 'cac'], projector: true });
    const submissions: [string, string, unknown[]][] = [
      [
        'samr',
        SAMR,
        [
          event('inspection.recorded', 'inspection/I-21', { targetKind: 'website_or_shop', count: 7 }, '2021-10-15T10:00:00+08:00'),
          caseOpened('C-21', { primaryCategory: 'counterfeit' }, '2021-10-20T10:00:00+08:00'),
          event('case.decided', 'case/C-21', { decisionNo: '喀市监罚〔2021〕21号', fine: 5000, confiscation: 0 }, '2021-11-01T10:00:00+08:00'),
          event('case.marked_typical', 'case/C-21', { reason: '2021典型案例' }, '2021-11-02T10:00:00+08:00'),
          leadReported('L-21', { time: '2021-10-03T10:00:00+08:00' }),
          event('inspection.recorded', 'inspection/I-22', { targetKind: 'website_or_shop', count: 5 }, '2022-09-15T10:00:00+08:00'),
          caseOpened('C-22', { primaryCategory: 'improper_pricing' }, '2022-09-20T10:00:00+08:00'),
          event('case.decided', 'case/C-22', { decisionNo: '喀市监罚〔2022〕22号', fine: 8000, confiscation: 0 }, '2022-10-11T10:00:00+08:00'),
          event('case.marked_typical', 'case/C-22', { reason: '2022典型案例' }, '2022-10-12T10:00:00+08:00'),
          leadReported('L-22', { time: '2022-10-03T10:00:00+08:00' }),
        ],
      ],
      [
        'cac',
        CAC,
        [
          event('takedown.recorded', 'takedown/T-21', { action: 'app_rectified', count: 2 }, '2021-10-10T10:00:00+08:00'),
          // 2022 has no cac-3 row: this counts in no annex (and, dated 2022, not in 2021's either).
          event('takedown.recorded', 'takedown/T-22', { action: 'app_rectified', count: 4 }, '2022-09-10T10:00:00+08:00'),
          event('takedown.recorded', 'takedown/T-22B', { action: 'account_closed', count: 3 }, '2022-09-11T10:00:00+08:00'),
        ],
      ],
    ];
    for (const [department, unit, events] of submissions) {
      const response = await hub.submit(department, events, { unit });
      if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
    if (previousDirs === undefined) delete process.env[CAMPAIGN_DIRS_ENV];
    else process.env[CAMPAIGN_DIRS_ENV] = previousDirs;
  });

  const coordinator = (): { token: string } => ({ token: hub.credentials.coordinator });
  const json = async <T>(path: string, auth: { unit?: string; token?: string } = coordinator()): Promise<T> => {
    const response = await hub.get(path, auth);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const value = (report: AnnexReport, id: string): number | null | undefined => report.rows.find((row) => row.id === id)?.value;

  it('given both files, when the catalogue is asked, then it lists both, the 2022 one is current and ?campaign= picks one', async () => {
    const current = await json<Catalogue>('/api/v1/catalogue');
    expect(current.campaign).toMatchObject({ id: Y2022, start: '2022-08-01', end: '2022-11-30', reportDue: '2022-11-20' });
    expect(current.campaigns.map((c) => c.id)).toEqual([Y2021, Y2022]);
    expect((await json<Catalogue>(`/api/v1/catalogue?campaign=${Y2021}`)).campaign).toMatchObject({ id: Y2021, reportDue: '2021-12-05' });
    const unknown = await hub.get('/api/v1/catalogue?campaign=net-sword-1999', coordinator());
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'campaign', message: `must be a campaign id: one of ${Y2021}, ${Y2022}` },
    ]);
  });

  it("given events of each campaign, when each annex is asked, then each counts only its own period by its own rows", async () => {
    const a2021 = await json<AnnexReport>(`/api/v1/annex?scope=all&campaign=${Y2021}`);
    const a2022 = await json<AnnexReport>(`/api/v1/annex?scope=all&campaign=${Y2022}`);
    expect(a2021.rows).toHaveLength(37);
    expect(a2022.rows).toHaveLength(36);
    expect(a2022.rows.map((row) => row.id)).not.toContain('cac-3');
    expect([value(a2021, 'sa-1'), value(a2022, 'sa-1')]).toEqual([7, 5]);
    expect([value(a2021, 'sa-6'), value(a2022, 'sa-6') ?? 0]).toEqual([1, 0]);
    expect([value(a2021, 'sa-10') ?? 0, value(a2022, 'sa-10')]).toEqual([0, 1]);
    expect([value(a2021, 'cac-3'), value(a2021, 'cac-2') ?? 0, value(a2022, 'cac-2')]).toEqual([2, 0, 3]);
    expect(a2022.rows.find((row) => row.id === 'sa-1')?.label).toBe('网上检查网站、网店、直播间');
    // No campaign named: the current one.
    expect((await json<AnnexReport>('/api/v1/annex?scope=all')).rows).toEqual(a2022.rows);
  });

  it('given the printed form of each campaign, then each carries its own title', async () => {
    for (const [campaign, title] of [
      [Y2021, '2021网络市场监管专项行动情况统计表'],
      [Y2022, '2022网络市场监管专项行动情况统计表（示例）'],
    ] as const) {
      const response = await hub.get(`/api/v1/annex?scope=all&format=xlsx&campaign=${campaign}`, coordinator());
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      expect(workbook.worksheets[0]?.getCell('A1').text).toBe(title);
    }
  });

  it("given each campaign's readiness, then a unit's annex contributions and typical cases are that campaign's only", async () => {
    const unitOf = (report: ReadinessReport) => report.items.find((item) => item.unit === SAMR);
    const r2021 = await json<ReadinessReport>(`/api/v1/readiness?campaign=${Y2021}`);
    const r2022 = await json<ReadinessReport>(`/api/v1/readiness?campaign=${Y2022}`);
    expect([r2021.campaign, r2021.reportDue, r2022.campaign, r2022.reportDue]).toEqual([Y2021, '2021-12-05', Y2022, '2022-11-20']);
    // 2021: the inspection and the case; 2022: its inspection and case (the lead counts in no annex row).
    expect([unitOf(r2021)?.annexContributions, unitOf(r2021)?.typicalCases]).toEqual([2, 1]);
    expect([unitOf(r2022)?.annexContributions, unitOf(r2022)?.typicalCases]).toEqual([2, 1]);
    expect(unitOf(r2022)?.annexContributions).toBe(unitOf(await json<ReadinessReport>('/api/v1/readiness'))?.annexContributions);
  });

  it("given each campaign's overview, then its activity is the events of its own period", async () => {
    const counted = (overview: Overview) => Object.fromEntries(overview.activity.filter((cell) => cell.department === 'samr').map((cell) => [cell.type, cell.count]));
    const o2021 = await json<Overview>(`/api/v1/overview?campaign=${Y2021}`);
    const o2022 = await json<Overview>(`/api/v1/overview?campaign=${Y2022}`);
    expect(o2021.campaign.id).toBe(Y2021);
    expect(o2022.campaign).toMatchObject({ id: Y2022, timezone: 'Asia/Shanghai' });
    expect(counted(o2021)).toEqual({ 'inspection.recorded': 1, 'case.opened': 1, 'case.decided': 1, 'case.marked_typical': 1, 'lead.reported': 1 });
    expect(counted(o2022)).toEqual(counted(o2021));
    expect(o2022.daily.every((day) => day.day >= '2022-08-01' && day.day <= '2022-11-30')).toBe(true);
    expect(o2021.daily.every((day) => day.day >= '2021-09-01' && day.day <= '2021-12-15')).toBe(true);
  });

  it("given each campaign's briefing, then typical cases, key-period leads and the annex are its own", async () => {
    const b2021 = await json<Briefing>(`/api/v1/briefing?campaign=${Y2021}&asOf=2021-12-31T00:00:00Z&since=2021-10-01T00:00:00Z`);
    const b2022 = await json<Briefing>(`/api/v1/briefing?campaign=${Y2022}&asOf=2022-12-31T00:00:00Z&since=2022-10-01T00:00:00Z`);
    expect([b2021.campaign.id, b2022.campaign.id]).toEqual([Y2021, Y2022]);
    expect(b2021.typicalCases.map((c) => c.caseId)).toEqual(['C-21']);
    expect(b2022.typicalCases.map((c) => c.caseId)).toEqual(['C-22']);
    expect(b2021.keyPeriodLeads.find((p) => p.keyPeriod === 'national_day')).toEqual({ keyPeriod: 'national_day', label: '国庆假期（10-01至10-07）', leads: 1 });
    expect(b2022.keyPeriodLeads.find((p) => p.keyPeriod === 'national_day')?.leads).toBe(1);
    expect(b2022.keyPeriodLeads.find((p) => p.keyPeriod === 'double_11')?.label).toBe('双11集中促销期（10-24至11-11）');
    expect(b2022.annex.rows.find((row) => row.id === 'sa-1')?.value).toBe(5);
    expect(b2021.annex.rows.find((row) => row.id === 'sa-1')?.value).toBe(7);
  });

  it('given cases of both campaigns, when a unit lists its cases, then each campaign shows its own, each case naming its campaign', async () => {
    const list = async (query: string) => (await json<CasePage>(`/api/v1/cases${query}`, { unit: SAMR })).items.map((c) => [c.caseId, c.campaign]);
    expect(await list(`?campaign=${Y2021}`)).toEqual([['C-21', Y2021]]);
    expect(await list(`?campaign=${Y2022}`)).toEqual([['C-22', Y2022]]);
    expect(await list('')).toEqual([['C-22', Y2022]]);
  });

  it("given the auditors' states as of a local date, then the date ends in the campaign's zone and only its cases are listed", async () => {
    const states = async (query: string) => json<{ campaign: string; asOf?: string; items: { caseId: string }[] }>(`/api/v1/audit/cases?${query}`, { token: hub.credentials.auditor });
    // Events are recorded now (the hub's clock), so a far date holds them all and the campaign's last day none.
    const later2021 = await states(`campaign=${Y2021}&asOf=2099-12-31`);
    expect(later2021).toMatchObject({ campaign: Y2021, asOf: '2099-12-31T15:59:59.999Z' });
    expect(later2021.items.map((c) => c.caseId)).toEqual(['C-21']);
    const later2022 = await states(`campaign=${Y2022}&asOf=2099-12-31`);
    expect(later2022.items.map((c) => c.caseId)).toEqual(['C-22']);
    const lastDay = await states(`campaign=${Y2022}&asOf=2022-11-30`);
    expect(lastDay).toMatchObject({ campaign: Y2022, asOf: '2022-11-30T15:59:59.999Z', items: [] });
    expect((await states('')).items.map((c) => c.caseId)).toEqual(['C-22']);
  });

  it("given the annex trace of one row in each campaign, then each lists only its campaign's event", async () => {
    const traced = async (campaign: string) =>
      (await json<{ items: { subject: string }[] }>(`/api/v1/audit/trace?campaign=${campaign}&row=sa-1`, { token: hub.credentials.auditor })).items.map((e) => e.subject);
    expect(await traced(Y2021)).toEqual(['inspection/I-21']);
    expect(await traced(Y2022)).toEqual(['inspection/I-22']);
  });

  it("given a department's template per campaign, then each states its campaign and the 2022 file name carries 2022", async () => {
    for (const [campaign, name] of [
      [Y2021, '2021 网络市场监管专项行动（网剑行动）（2021-09-01至2021-12-15）'],
      [Y2022, '2022 网络市场监管专项行动（网剑行动）（示例文件，供联席会议办公室参照编写）（2022-08-01至2022-11-30）'],
    ] as const) {
      const response = await hub.get(`/api/v1/templates/samr.xlsx?campaign=${campaign}`, { unit: SAMR });
      expect(response.status).toBe(200);
      expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain(`网剑行动填报模板-${campaign.slice(-4)}-`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const instructions = workbook.worksheets[0];
      const rows = (instructions?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1, 3) : []));
      expect(rows).toContainEqual(['专项行动', name]);
    }
    expect((await hub.get('/api/v1/templates/samr.xlsx?campaign=2022', { unit: SAMR })).status).toBe(400);
  });
});
