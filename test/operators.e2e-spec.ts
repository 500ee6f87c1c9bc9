import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { OperatorChanges, OperatorCounts, OperatorPage, Overview, Timeline, UploadCommitResult, UploadPreview } from '@hub/contracts';
import { event, leadReported } from './support/events.js';
import { TestHub } from './support/test-hub.js';

const KASHGAR = 'samr/653100';
const shop = {
  kind: 'platform_shop',
  name: '喀什某某服饰专营店',
  uscc: '91653100MA78A1B2C8',
  platform: '淘宝',
  shopId: '123456',
  licenceDisplay: 'shown',
  permitDisplay: 'not_required',
  markDisplay: 'missing',
  region: '653100',
};
const idc = { kind: 'idc', name: '喀什某某数据中心', uscc: '92653101MA78C3D4E5', domain: 'www.idc-example.cn', icpFiling: '新ICP备12345678号-1', licenceDisplay: 'shown', permitDisplay: 'missing', markDisplay: 'shown', region: '653100' };
const urumqiPlatform = { kind: 'platform', name: '乌鲁木齐某某电商平台', uscc: '91650100MA77F5G6H4', domain: 'mall-example.cn', licenceDisplay: 'shown', permitDisplay: 'shown', markDisplay: 'shown', selfOperatedLabelling: 'labelled', region: '650100' };

describe('the operator register over HTTP, and statistics by product', () => {
  let hub: TestHub;
  const json = async <T>(path: string, auth: { unit?: string; token?: string } = { token: hub.credentials.coordinator }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'telecom'], projector: true });
    const batches: [string, string, unknown[]][] = [
      [
        'samr',
        KASHGAR,
        [
          event('operator.registered', 'operator/OP-1', shop, '2021-10-08T10:00:00+08:00'),
          event('operator.updated', 'operator/OP-1', { note: '已公示亮照标识', markDisplay: 'shown' }, '2021-10-10T10:00:00+08:00'),
          leadReported('L-1', { data: { ...(leadReported('x')['data'] as object), productCategory: 'cosmetics', productDescription: '儿童面霜' } }),
          leadReported('L-2', { data: { ...(leadReported('x')['data'] as object), productCategory: 'cosmetics' } }),
          leadReported('L-3', { data: { ...(leadReported('x')['data'] as object), productCategory: 'cameras', entities: [] } }),
        ],
      ],
      ['telecom', 'telecom/653100', [event('operator.registered', 'operator/OP-1', idc, '2021-10-09T10:00:00+08:00')]],
      // The same id in another unit is another operator.
      ['samr', 'samr/650100', [event('operator.registered', 'operator/OP-1', urumqiPlatform, '2021-10-08T12:00:00+08:00')]],
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

  it('given a registration without USCC or self-declaration, when submitted, then 400 naming data.uscc and nothing stored', async () => {
    const response = await hub.submit('samr', [event('operator.registered', 'operator/OP-9', { ...shop, uscc: undefined })], { unit: KASHGAR });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('[0].data.uscc');
  });

  it('given a registered operator, when registered again, then 409 OPERATOR_ALREADY_REGISTERED; an update of an unknown one 409 OPERATOR_NOT_REGISTERED', async () => {
    const again = await hub.submit('samr', [event('operator.registered', 'operator/OP-1', shop)], { unit: KASHGAR });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'OPERATOR_ALREADY_REGISTERED' });
    const unknown = await hub.submit('samr', [event('operator.updated', 'operator/OP-404', { note: 'x', markDisplay: 'shown' })], { unit: KASHGAR });
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ code: 'OPERATOR_NOT_REGISTERED' });
  });

  it('given free text as a new lead’s product category, then 400 naming data.productCategory', async () => {
    const response = await hub.submit('samr', [leadReported('L-9', { data: { ...(leadReported('x')['data'] as object), productCategory: '运动鞋' } })], { unit: KASHGAR });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('[0].data.productCategory');
  });

  it('given the coordinator, when listing, then every region’s entries with the update applied, filterable by region, kind and status', async () => {
    const all = await json<OperatorPage>('/api/v1/operators');
    expect(all.total).toBe(3);
    expect(all.items.find((o) => o.unit === KASHGAR)).toMatchObject({ operatorId: 'OP-1', platform: 'taobao', markDisplay: 'shown', displayStatus: 'compliant', version: 2 });
    expect((await json<OperatorPage>('/api/v1/operators?region=653100')).total).toBe(2);
    expect((await json<OperatorPage>('/api/v1/operators?kind=idc')).items.map((o) => [o.unit, o.domain])).toEqual([['telecom/653100', 'idc-example.cn']]);
    expect((await json<OperatorPage>('/api/v1/operators?status=deficient')).items.map((o) => o.kind)).toEqual(['idc']);
  });

  it('given the coordinator, when counting, then per region by kind and display status, and the changes by day', async () => {
    const counts = await json<OperatorCounts>('/api/v1/operators/counts');
    expect(counts.total).toMatchObject({ total: 3, byKind: { platform: 1, platform_shop: 1, idc: 1 }, byDisplayStatus: { compliant: 2, deficient: 1 } });
    expect(counts.regions.map((r) => [r.region, r.total, r.byKind])).toEqual([
      ['650100', 1, { platform: 1 }],
      ['653100', 2, { idc: 1, platform_shop: 1 }],
    ]);
    const changes = await json<OperatorChanges>('/api/v1/operators/changes');
    expect(changes.items).toEqual([
      { day: '2021-10-08', registered: 2, updated: 0 },
      { day: '2021-10-09', registered: 1, updated: 0 },
      { day: '2021-10-10', registered: 0, updated: 1 },
    ]);
  });

  it('given a unit, when reading the register, then its region’s entries of every department; another region 403; a bad filter 400 naming it', async () => {
    const own = await json<OperatorPage>('/api/v1/operators', { unit: KASHGAR });
    expect(own.items.map((o) => o.unit).sort()).toEqual([KASHGAR, 'telecom/653100']);
    expect((await json<OperatorCounts>('/api/v1/operators/counts', { unit: KASHGAR })).total.total).toBe(2);
    expect((await hub.get('/api/v1/operators?region=650100', { unit: KASHGAR })).status).toBe(403);
    const bad = await hub.get('/api/v1/operators?kind=factory', { unit: KASHGAR });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"path":"kind"');
  });

  it('given a lead on the registered shop’s URL, when its timeline is read, then it shows the registered operator', async () => {
    const timeline = await json<Timeline>(`/api/v1/timeline?subject=lead/L-1&unit=${KASHGAR}`, { unit: KASHGAR });
    expect(timeline.operators).toEqual([expect.objectContaining({ via: 'shop', operator: expect.objectContaining({ unit: KASHGAR, operatorId: 'OP-1', name: '喀什某某服饰专营店' }) })]);
    const withoutKeys = await json<Timeline>(`/api/v1/timeline?subject=lead/L-3&unit=${KASHGAR}`, { unit: KASHGAR });
    expect(withoutKeys.operators).toEqual([]);
  });

  it('given coded leads, then the overview and the briefing count leads by product focus code', async () => {
    const overview = await json<Overview>('/api/v1/overview');
    expect(overview.byProduct).toEqual([
      { productCategory: 'cosmetics', leads: 2 },
      { productCategory: 'cameras', leads: 1 },
    ]);
    const briefing = await json<{ byProduct: Overview['byProduct'] }>('/api/v1/briefing');
    expect(briefing.byProduct).toEqual(overview.byProduct);
    const html = await (await hub.get('/api/v1/briefing?format=html', { token: hub.credentials.coordinator })).text();
    expect(html).toContain('重点商品线索情况');
    expect(html).toContain('化妆品（含儿童化妆品）');
  });

  it('given the 经营者名录 sheet of the telecom template with a good and a bad row, when uploaded, then the bad row is named in Chinese and the good one lands in the register', async () => {
    const TELECOM = 'telecom/653100';
    const template = Buffer.from(await (await hub.get('/api/v1/templates/telecom.xlsx', { unit: TELECOM })).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(template).buffer);
    const sheet = workbook.getWorksheet('经营者名录');
    if (!sheet) throw new Error('no 经营者名录 sheet');
    const row = (n: number, values: ExcelJS.CellValue[]): void => values.forEach((value, i) => (sheet.getRow(n).getCell(i + 1).value = value));
    row(3, ['CDN-1', '2021-10-12', '内容分发网络（CDN）服务商', '某某内容分发', '92653101MA78C3D4E5', null, null, null, 'cdn-example.cn', '新ICP备12345678号-2', '已公示', '已公示', '无需公示', null, '喀什地区']);
    row(4, ['CDN-2', '2021-10-12', '内容分发网络（CDN）服务商', '另一家内容分发', '92653101MA78C3D4E5', null, null, null, null, 'ICP-123', '已公示', '已公示', '无需公示', null, '喀什地区']);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(await workbook.xlsx.writeBuffer()))]), '电信摸排.xlsx');
    const bearer = hub.token(TELECOM);
    const preview = (await (await fetch(`${hub.url}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: form })).json()) as UploadPreview;
    expect(preview.counts).toMatchObject({ new: 1, invalid: 1 });
    expect(JSON.stringify(preview)).toContain('「经营者名录」第4行 J列（ICP备案号）：应为ICP备案号');

    const committed = await fetch(`${hub.url}/api/v1/uploads/${preview.uploadId}/commit`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
    expect(committed.status).toBe(201);
    expect((await committed.json()) as UploadCommitResult).toMatchObject({ stored: 1, failed: 0 });
    await hub.projected();
    const cdn = await json<OperatorPage>('/api/v1/operators?kind=cdn');
    expect(cdn.items.map((o) => [o.unit, o.operatorId, o.name, o.domain])).toEqual([[TELECOM, 'CDN-1', '某某内容分发', 'cdn-example.cn']]);
  });
});
