import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { caseOpened, event, leadReported } from './support/events.js';

/** Reads server-sent events from the live feed until `until` says stop (or the stream ends). */
async function readLive(url: string, token: string, until: (messages: { id: string; data: Record<string, unknown> }[]) => boolean, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: { id: string; data: Record<string, unknown> }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const ready = { listening: false };
  const done = (async () => {
    while (!until(messages)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes(': listening')) ready.listening = true;
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data && /^event: projected$/m.test(block)) messages.push({ id, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
    controller.abort();
    return messages;
  })();
  return { ready, done };
}

// A personal phone number in a referral's reason: the briefing (a handout) must carry it masked.
const SELLER_PHONE = '13812345678';

// Starting a whole hub (nats-server, PostgreSQL database, services) takes longer than Jest's 5 s default.

describe('coordinator views: overview, cases, timeline, readiness, briefing, live feed', () => {
  let hub: TestHub;
  const now = new Date('2021-11-20T12:00:00+08:00');
  const coordinator = () => ({ token: hub.credentials.coordinator });

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'forestry'], projector: true, clock: () => now });
    const samr = 'samr/653100';
    const decided = (id: string, no: string, fine: number) => [
      caseOpened(id),
      event('case.decided', `case/${id}`, { decisionNo: no, fine, confiscation: 1200 }, '2021-11-01T10:00:00+08:00'),
      event('case.marked_typical', `case/${id}`, { reason: '典型' }, '2021-11-02T10:00:00+08:00'),
    ];
    const batches: [string, string, unknown[]][] = [
      [
        'samr',
        samr,
        [
          leadReported('L-1'),
          event('lead.referred', 'lead/L-1', { referralId: 'R-OLD', toDepartment: 'police', toRegion: '650100', reason: `涉嫌犯罪，卖家电话${SELLER_PHONE}` }, '2021-10-11T10:00:00+08:00'),
          ...decided('C-1', '喀市监处罚〔2021〕1号', 50_000),
          ...decided('C-2', '喀市监处罚〔2021〕2号', 8_000),
          event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 5 }),
          event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区市场监管局专项行动工作总结。', jointEnforcementNote: '与喀什地区公安局联合检查网店的记录' }, '2021-11-19T10:00:00+08:00'),
        ],
      ],
      // Typical, but not an administrative case with a penalty decision (the lifecycle rules require a case.decided first).
      ['samr', 'samr/650100', [caseOpened('C-9', { kind: 'criminal' }), ...decided('C-9', '乌市监〔2021〕9号', 0).slice(1)]],
      ['police', 'police/650100', [event('takedown.recorded', 'takedown/T-1', { action: 'info_removed', count: 30 })]],
    ];
    for (const [department, unit, events] of batches) {
      const response = await hub.submit(department, events, { unit });
      if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await hub.projected();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const json = async <T>(path: string, auth: { unit?: string; token?: string }, status = 200): Promise<T> => {
    const response = await hub.get(path, auth);
    const body = (await response.json()) as T;
    expect({ path, status: response.status }).toEqual({ path, status });
    return body;
  };

  it('given a coordinator, when asking who they are and for the catalogue, then labels are Chinese', async () => {
    expect(await json('/api/v1/me', coordinator())).toEqual({ kind: 'coordinator', label: '联席会议协调员', actor: 'key:static-coordinator' });
    expect(await json('/api/v1/me', { unit: 'samr/653100' })).toMatchObject({ kind: 'unit', unit: 'samr/653100', label: '喀什地区市场监督管理局' });
    // A prefecture's police is a 公安局, the region's own the 公安厅: the printed 填报单位 names.
    expect(await json('/api/v1/me', { unit: 'police/650100' })).toMatchObject({ label: '乌鲁木齐市公安局' });
    const catalogue = await json<{ regions: Record<string, string>; campaign: { reportDue: string } }>('/api/v1/catalogue', coordinator());
    expect(catalogue.regions['653100']).toBe('喀什地区');
    expect(catalogue.campaign.reportDue).toBe('2021-12-05');
  });

  it('given events from several units, when the overview is read, then activity is per department × region × type, and a unit sees only its own', async () => {
    const all = await json<{ activity: { department: string; region: string; type: string; count: number }[]; daily: { day: string; count: number }[] }>('/api/v1/overview', coordinator());
    expect(all.activity).toContainEqual({ department: 'samr', region: '653100', type: 'case.opened', count: 2 });
    expect(all.activity).toContainEqual({ department: 'police', region: '650100', type: 'takedown.recorded', count: 1 });
    expect(all.daily.reduce((sum, d) => sum + d.count, 0)).toBe(all.activity.reduce((sum, c) => sum + c.count, 0));
    const own = await json<{ scope: string; activity: { department: string }[] }>('/api/v1/overview', { unit: 'police/650100' });
    expect(own.scope).toBe('unit:police/650100');
    expect(new Set(own.activity.map((c) => c.department))).toEqual(new Set(['police']));
    const bad = await json<{ fields: { path: string }[] }>('/api/v1/overview?form=2021-09-01', coordinator(), 400);
    expect(bad.fields[0]?.path).toBe('form');
  });

  it('given typical cases, when listed, then decision numbers and fines come with them, newest first, and filters work', async () => {
    const typical = await json<Page<{ caseId: string; decisionNo: string | null; fine: number | null; typical: boolean }>>('/api/v1/cases?typical=true', coordinator());
    expect(typical.total).toBe(3);
    expect(typical.items.find((c) => c.caseId === 'C-1')).toMatchObject({ decisionNo: '喀市监处罚〔2021〕1号', fine: 50_000, typical: true });
    expect((await json<Page<unknown>>('/api/v1/cases?typical=true&decided=true', coordinator())).total).toBe(3);
    expect((await json<Page<unknown>>('/api/v1/cases', { unit: 'samr/650100' })).total).toBe(1);
    expect((await json<{ fields: { path: string }[] }>('/api/v1/cases?typical=yes', coordinator(), 400)).fields[0]?.path).toBe('typical');
  });

  it('given a referral, when its timeline is read, then the sender’s lead.referred is in it; the receiving unit may read it, others may not', async () => {
    const referral = await json<{ items: { type: string; source: string; label: string }[] }>('/api/v1/timeline?subject=referral/R-OLD', coordinator());
    expect(referral.items.map((e) => e.type)).toEqual(['lead.referred']);
    expect(referral.items[0]).toMatchObject({ source: 'samr/653100', label: '移送线索' });
    await json('/api/v1/timeline?subject=referral/R-OLD', { unit: 'police/650100' });
    await json('/api/v1/timeline?subject=referral/R-OLD', { unit: 'police/653100' }, 403);
    const lead = await json<{ items: { type: string; version: number }[] }>('/api/v1/timeline?subject=lead/L-1&unit=samr/653100', coordinator());
    expect(lead.items.map((e) => [e.type, e.version])).toEqual([
      ['lead.reported', 1],
      ['lead.referred', 2],
    ]);
    expect((await json<{ fields: { path: string }[] }>('/api/v1/timeline?subject=lead/L-1', coordinator(), 400)).fields[0]?.path).toBe('unit');
  });

  it('given the plan’s 12-05 package, when readiness is read, then a unit with annex, two decided typical cases and a summary is complete and others say what is missing', async () => {
    const report = await json<{ total: number; items: { unit: string; complete: boolean; missing: string[]; annex: string; typicalWithPenaltyDecision: number }[] }>('/api/v1/readiness', coordinator());
    // The units the plan addresses: 13 at 自治区本级, 12 departments in each of 14 prefectures (no prefecture-level 药监).
    expect(report.total).toBe(13 + 12 * 14);
    const kashgar = report.items.find((item) => item.unit === 'samr/653100');
    expect(kashgar).toMatchObject({ complete: true, annex: 'filled', typicalWithPenaltyDecision: 2, missing: [] });
    const urumqi = report.items.find((item) => item.unit === 'samr/650100');
    expect(urumqi?.complete).toBe(false);
    expect(urumqi?.missing).toEqual([
      '典型案例不足：附行政处罚决定书的典型案例 0 件，至少需要 2 件（另有 1 件典型案例尚无行政处罚决定）',
      '未报送专项行动工作总结',
    ]);
    const own = await json<{ items: { unit: string }[] }>('/api/v1/readiness', { unit: 'police/650100' });
    expect(own.items.map((item) => item.unit)).toEqual(['police/650100']);
  });

  it('given the state on 2021-11-20, when the briefing is produced, then it lists the overdue referral under police, the typical cases and annex totals; HTML and XLSX download', async () => {
    const briefing = await json<{ overdue: { total: number; byDepartment: { department: string; items: { referralId: string; overdueWorkingDays: number; reason: string }[] }[] }; typicalCases: unknown[]; annex: { rows: { id: string; value: number | null }[] } }>(
      '/api/v1/briefing?since=2021-11-01',
      coordinator(),
    );
    expect(briefing.overdue.total).toBe(1);
    expect(briefing.overdue.byDepartment[0]?.department).toBe('police');
    expect(briefing.overdue.byDepartment[0]?.items[0]?.referralId).toBe('R-OLD');
    expect(briefing.overdue.byDepartment[0]?.items[0]?.overdueWorkingDays).toBeGreaterThan(20);
    expect(briefing.overdue.byDepartment[0]?.items[0]?.reason).toBe('涉嫌犯罪，卖家电话138****5678');
    expect(briefing.typicalCases).toHaveLength(3);
    expect(briefing.annex.rows.find((row) => row.id === 'sa-1')?.value).toBe(5);

    const html = await hub.get('/api/v1/briefing?format=html', coordinator());
    expect(html.headers.get('content-disposition')).toMatch(/attachment; filename="briefing-2021-11-20\.html"/);
    const text = await html.text();
    expect(text).toContain('联席会议工作通报');
    expect(text).toContain('R-OLD');
    expect(text).toContain('涉嫌犯罪，卖家电话138****5678');
    expect(text).not.toContain(SELLER_PHONE);
    const xlsx = await hub.get('/api/v1/briefing?format=xlsx', coordinator());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['超期移送', '新增关联线索组', '典型案例', '情况统计表合计', '重点商品线索', '指导约谈抽检关停', '重要时间节点监测', '事件日志检查点']);
    expect(workbook.getWorksheet('超期移送')?.getCell('B3').text).toBe('R-OLD');
    expect(workbook.getWorksheet('超期移送')?.getCell('E3').text).toBe('涉嫌犯罪，卖家电话138****5678');
    const everyCell: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => everyCell.push(cell.text))));
    expect(everyCell.filter((cell) => cell.includes(SELLER_PHONE))).toEqual([]);

    expect((await hub.get('/api/v1/briefing', { unit: 'samr/653100' })).status).toBe(403);
  });

  it('given two live listeners, when events are projected, then each hears what its token may see, in order, without polling', async () => {
    const coordinatorFeed = await readLive(`${hub.url}/api/v1/live`, hub.credentials.coordinator, (m) => m.length >= 3);
    const policeFeed = await readLive(`${hub.url}/api/v1/live`, hub.token('police/653100'), (m) => m.length >= 1);
    const submitted = await hub.submit(
      'forestry',
      [
        leadReported('L-LIVE-1', { data: { category: 'wildlife', channel: 'monitoring', summary: '网上出售野生动物制品', entities: [] } }),
        event('lead.referred', 'lead/L-LIVE-1', { referralId: 'R-LIVE', toDepartment: 'police', toRegion: '653100', reason: '涉嫌非法交易野生动物' }),
        leadReported('L-LIVE-2'),
      ],
      { unit: 'forestry/653100' },
    );
    expect(submitted.status).toBe(201);
    const heard = await coordinatorFeed.done;
    // In stream order (the department service may interleave aggregates), exactly the stored events.
    const seqs = submitted.body.results.map((r) => r.seq).sort((a, b) => a - b);
    expect(heard.map((m) => Number(m.id))).toEqual(seqs);
    expect(heard.map((m) => m.data['seq'])).toEqual(seqs);
    expect(heard.map((m) => m.data['subject']).sort()).toEqual(['lead/L-LIVE-1', 'lead/L-LIVE-1', 'lead/L-LIVE-2']);
    const police = await policeFeed.done;
    expect(police.map((m) => [m.data['type'], m.data['toUnit']])).toEqual([['lead.referred', 'police/653100']]);
  });

  it('given a listener reconnecting with Last-Event-ID, when it connects, then it first receives what it missed', async () => {
    const archive = await json<{ items: { seq: number }[] }>('/api/v1/timeline?subject=lead/L-1&unit=samr/653100', coordinator());
    const first = archive.items[0]?.seq ?? 0;
    const feed = await readLive(`${hub.url}/api/v1/live`, hub.credentials.coordinator, (m) => m.length >= 2, { 'last-event-id': String(first) });
    const replayed = await feed.done;
    expect(replayed.slice(0, 2).map((m) => Number(m.id))).toEqual([first + 1, first + 2]);
  });
});
