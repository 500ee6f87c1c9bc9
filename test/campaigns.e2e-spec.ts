import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { AnnexReport, Briefing, CasePage, Catalogue, Overview, ReadinessReport, RecordPage } from '@hub/contracts';
import { CAMPAIGN_DIRS_ENV, drawListsOf, inspectorsHash, inspectorsOf, targetsHash, type DrawCampaignData } from '@hub/domain';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event, leadReported } from './support/events.js';

// Issue 17 §6: a second campaign is one more file. The example 2022 file (libs/domain/src/annex/campaigns/examples)
// is loaded through HUB_CAMPAIGN_DIRS, exactly as a joint office would add its own directory: no code change. Its
// draw lists and warning lists sit beside it; records are judged by the lists of the campaign their time falls in.
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
    hub = await TestHub.start({ departments: ['samr', 'cac'], projector: true, coordination: true });
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
  // The later tests add events of their own, after the counts above were asserted.
  const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token(SAMR)}` }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  interface DrawView {
    id: string;
    campaign: string;
    item: string;
    itemLabel: string;
    registerSeq: number;
    skipped?: { inspector: string }[];
  }

  it("given draws in each campaign, then each takes its own campaign's items and inspectors, lists under its campaign and verifies against its own lists", async () => {
    const shops = [1, 2, 3].map((n) =>
      event('operator.registered', `operator/OP-${n}`, { kind: 'platform_shop', name: `喀什某某专营店${n}`, ...(n === 3 ? { uscc: '91310110666007217T' } : { selfDeclared: true }), platform: '淘宝', shopId: `2000${n}`, licenceDisplay: 'shown', permitDisplay: 'not_required', markDisplay: 'shown', region: '653100' }),
    );
    expect((await hub.submit('samr', shops, { unit: SAMR })).status).toBe(201);
    await hub.projected();
    // Now falls in 2022 (the latest start): the API draws by 2022's lists, whose key-05 2021 does not have.
    const items2021 = await json<{ openNow: boolean; items: { id: string }[] }>(`/api/v1/draws/items?campaign=${Y2021}`);
    expect([items2021.openNow, items2021.items.map((i) => i.id).includes('key-05')]).toEqual([false, false]);
    expect((await post(`/api/v1/draws?campaign=${Y2021}`, { id: 'D-22', item: 'key-01', sampleSize: 3 })).body['fields']).toEqual([{ path: 'campaign', message: `a draw is committed now, in ${Y2022}; ${Y2021} takes no new draws` }]);
    const committed = await post(`/api/v1/draws?campaign=${Y2022}`, { id: 'D-22', item: 'key-05', sampleSize: 3, inspectorsPerTarget: 5 });
    expect(committed).toMatchObject({ status: 201, body: { campaign: Y2022 } });
    await hub.coordinated();
    const [d2022] = (await json<{ items: DrawView[] }>(`/api/v1/draws?campaign=${Y2022}`)).items;
    expect(d2022).toMatchObject({ id: 'samr-653100-draw-D-22', campaign: Y2022, itemLabel: '网络直播营销活动中的虚假宣传（示例）' });
    // 2022's list: 李娜 and the new 古丽娜尔 withdraw from OP-3; 刘洋 is no longer listed.
    expect(d2022?.skipped?.map((skip) => skip.inspector).sort()).toEqual(['I-samr-653100-02', 'I-samr-653100-06']);

    // A 2021 draw (dated in 2021) commits to 2021's inspector list; 2022's key-05 is no 2021 item.
    const lists2021 = drawListsOf(Y2021) as DrawCampaignData;
    const inspectors = inspectorsOf(SAMR, lists2021);
    expect(inspectorsHash(inspectors)).not.toBe(inspectorsHash(inspectorsOf(SAMR, drawListsOf(Y2022) as DrawCampaignData)));
    const targets = [1, 2, 3].map((n) => ({ operator: `${SAMR}/operator/OP-${n}`, ...(n === 3 ? { uscc: '91310110666007217T' } : {}) }));
    const data = (item: string): Record<string, unknown> => ({ item, region: '653100', sampleSize: 3, inspectorsPerTarget: 5, registerSeq: d2022?.registerSeq, targets, targetsHash: targetsHash(targets), inspectors, inspectorsHash: inspectorsHash(inspectors), algorithm: 'net-sword/draw/v1', seedRule: 'joint-signature/v1' });
    const wrongItem = await hub.submit('samr', [event('draw.committed', 'draw/D-21', data('key-05'), '2021-10-16T10:00:00+08:00')], { unit: SAMR });
    expect(wrongItem.status).toBe(400);
    expect(wrongItem.body.fields).toEqual([{ path: '[0].data.item', message: `must be a spot-check item of ${Y2021}: ${lists2021.items.map((i) => i.id).join(', ')} (got "key-05")` }]);
    expect((await hub.submit('samr', [event('draw.committed', 'draw/D-21', data('gen-03'), '2021-10-16T10:00:00+08:00')], { unit: SAMR })).status).toBe(201);
    await hub.coordinated();
    const d2021 = (await json<{ items: DrawView[] }>(`/api/v1/draws?campaign=${Y2021}`)).items;
    expect(d2021.map((d) => [d.id, d.campaign, d.itemLabel])).toEqual([['samr-653100-draw-D-21', Y2021, '互联网信息服务ICP备案情况']]);
    expect(d2021[0]?.skipped?.map((skip) => skip.inspector)).toEqual(['I-samr-653100-02']);
    expect((await json<{ items: DrawView[] }>('/api/v1/draws')).items.map((d) => d.id)).toEqual(['samr-653100-draw-D-22']);
    expect((await hub.get('/api/v1/draws?campaign=net-sword-1999', coordinator())).status).toBe(400);
    for (const id of ['samr-653100-draw-D-21', 'samr-653100-draw-D-22']) expect(await json<{ ok: boolean; failed: string[] }>(`/api/v1/draws/${id}/verify`)).toMatchObject({ ok: true, failed: [] });
    const publication = await json<{ campaign: string; items: { id: string }[] }>(`/api/v1/draws/publication?campaign=${Y2021}`);
    expect([publication.campaign, publication.items.map((d) => d.id)]).toEqual([Y2021, ['samr-653100-draw-D-21']]);
  });

  it('given a campaign directory without draw lists, then no draw can be committed in it: 409 naming the campaign', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hub-campaign-no-lists-'));
    await copyFile(join(EXAMPLES, `${Y2022}.json`), join(dir, `${Y2022}.json`));
    process.env[CAMPAIGN_DIRS_ENV] = dir;
    try {
      expect(await json<{ drawLists: boolean; items: unknown[] }>(`/api/v1/draws/items?campaign=${Y2022}`)).toEqual({ campaign: Y2022, drawLists: false, openNow: true, items: [] });
      const refused = await post('/api/v1/draws', { id: 'D-none', item: 'key-01', sampleSize: 1 });
      const message = `campaign ${Y2022} has no draw lists (${Y2022}.draw-lists.json): no draw can be committed in it`;
      expect(refused).toEqual({ status: 409, body: expect.objectContaining({ code: 'CONFLICT', message, fields: [{ path: 'campaign', message }] }) });
    } finally {
      process.env[CAMPAIGN_DIRS_ENV] = EXAMPLES;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("given leads of each campaign naming the same values, then each is judged by its own campaign's warning lists", async () => {
    const lead = (id: string, time: string): Record<string, unknown> =>
      leadReported(id, { time, data: { category: 'counterfeit', channel: 'monitoring', summary: '网店销售假冒运动鞋', entities: [{ kind: 'phone', value: '95152' }, { kind: 'phone', value: '95315' }, { kind: 'domain', value: 'xiaohongshu.com' }] } });
    const stored = await hub.submit('samr', [lead('L-W21', '2021-10-05T10:00:00+08:00'), lead('L-W22', '2022-10-05T10:00:00+08:00')], { unit: SAMR });
    expect(stored.status).toBe(201);
    const warned = (index: number): string[] => (stored.body.results[index]?.flags ?? []).filter((flag) => flag.endsWith('warning_list'));
    // 2021 lists 苏宁 95315; the 2022 example drops it and adds 抖音 95152 and xiaohongshu.com.
    expect(warned(0)).toEqual(['data.entities[1].value: warning_list']);
    expect(warned(1)).toEqual(['data.entities[0].value: warning_list', 'data.entities[2].value: warning_list']);
    await hub.projected();
    const notes = async (id: string) => (await json<RecordPage>(`/api/v1/records?kind=lead&q=${id}`, { unit: SAMR })).items.find((r) => r.id === id)?.entityNotes;
    const domainOf = async (id: string) => (await notes(id))?.find((n) => n.kind === 'domain');
    expect(await domainOf('L-W22')).toMatchObject({ warning: { warning: '平台自身域名', version: '2022-08-01.1-example' }, links: false, reason: 'warning_list' });
    // Not on 2021's lists, so no warning on the 2021 lead; correlation still never links by it (one 2022 list names it).
    const old = await domainOf('L-W21');
    expect(old?.warning).toBeUndefined();
    expect(old).toMatchObject({ links: false, reason: 'warning_list' });
  });

  it("given a filing in each campaign, when a record of one campaign is corrected, then only that campaign's filing changed since filed", async () => {
    const filed = await hub.submit(
      'samr',
      [
        event('report.submitted', `report/${Y2021}`, { campaign: Y2021, summary: '2021工作总结' }, '2021-12-03T10:00:00+08:00'),
        event('report.submitted', `report/${Y2022}`, { campaign: Y2022, summary: '2022工作总结' }, '2022-11-18T10:00:00+08:00'),
      ],
      { unit: SAMR },
    );
    expect(filed.status).toBe(201);
    await hub.projected();
    const changed = async (campaign: string): Promise<boolean | undefined> => (await json<ReadinessReport>(`/api/v1/readiness?campaign=${campaign}`)).items.find((item) => item.unit === SAMR)?.changedSinceFiled;
    expect([await changed(Y2021), await changed(Y2022)]).toEqual([false, false]);
    // A 2022 inspection corrected: 2022's filing changed, 2021's did not.
    expect((await hub.submit('samr', [event('inspection.corrected', 'inspection/I-22', { reason: '检查数量录入错误', count: 6 }, '2022-11-25T10:00:00+08:00')], { unit: SAMR })).status).toBe(201);
    await hub.projected();
    expect([await changed(Y2021), await changed(Y2022)]).toEqual([false, true]);
    // Corrected in 2022, but of a 2021 record: 2021's filing changed.
    expect((await hub.submit('samr', [event('inspection.corrected', 'inspection/I-21', { reason: '检查数量录入错误', count: 8 }, '2022-11-26T10:00:00+08:00')], { unit: SAMR })).status).toBe(201);
    await hub.projected();
    expect(await changed(Y2021)).toBe(true);
  });
});
