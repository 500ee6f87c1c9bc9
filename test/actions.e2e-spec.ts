import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Briefing, CasePage, ClosurePage, GuidancePage, RecordPage, SamplingPage } from '@hub/contracts';
import { CoordinationService } from '../apps/coordination/src/coordination.module.js';
import { event, leadReported } from './support/events.js';
import { TestHub } from './support/test-hub.js';

// Issue 19 §3 and §5 as the units and the joint office read them: department intake → JetStream → projector
// (guidance, samplings, closures, leads.key_period) and coordination (closure.overdue) → gateway lists, on a
// pinned clock the test moves (nothing sleeps).
describe('guidance, sampling, 7×24 closure requests, key periods and the case board clock through the API', () => {
  let hub: TestHub;
  let now = new Date('2021-10-15T00:00:00Z');
  const SAMR = 'samr/653100';
  const CAC = 'cac/650100';
  const TELECOM = 'telecom/650000';

  beforeAll(async () => {
    hub = await TestHub.start({
      departments: ['samr', 'cac', 'telecom', 'police'],
      projector: true,
      coordination: { clocks: { amounts: { closure_answer: 4 } } },
      gateway: { closureHours: 4 },
      clock: () => now,
    });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const json = async <T>(path: string, auth: { unit?: string; token?: string }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const asCoordinator = (): { token: string } => ({ token: hub.credentials.coordinator });
  const tick = async (): Promise<void> => {
    await hub.coordinated();
    await hub.coordination?.get(CoordinationService).loop.tick();
    await hub.coordinated();
    await hub.projected();
  };

  it('given guidance and an interview by samr/653100 and a sampling by samr/653100, when listed, then the unit sees its own, another unit none, the coordinator all, with filters', async () => {
    const samr = [
      event('guidance.given', 'guidance/G-1', { kind: 'guidance', operatorName: '喀什某某服饰专营店', topic: '亮照经营', heldAt: '2021-10-08T10:00:00+08:00', participants: ['samr'] }),
      event('guidance.given', 'guidance/G-2', { kind: 'interview', operatorName: '喀什某某电商平台', topic: '约谈整改', heldAt: '2021-10-09T10:00:00+08:00', participants: ['samr', 'cac'] }),
      event('sampling.recorded', 'sampling/SP-1', { batches: 40, failed: 3, productCategory: 'cosmetics', productDescription: '儿童面霜', publishedAt: '2021-10-20T00:00:00+08:00' }),
      event('sampling.recorded', 'sampling/SP-2', { batches: 12, failed: 0, productCategory: 'food' }),
    ];
    expect((await hub.submit('samr', samr, { unit: SAMR })).status).toBe(201);
    await hub.projected();

    const own = await json<GuidancePage>('/api/v1/guidance', { unit: SAMR });
    expect(own.items.map((g) => [g.guidanceId, g.kind, g.participants])).toEqual([
      ['G-2', 'interview', ['samr', 'cac']],
      ['G-1', 'guidance', ['samr']],
    ]);
    expect((await json<GuidancePage>('/api/v1/guidance', { unit: CAC })).total).toBe(0);
    expect((await json<GuidancePage>('/api/v1/guidance?kind=interview', asCoordinator())).items.map((g) => g.guidanceId)).toEqual(['G-2']);
    expect((await json<GuidancePage>(`/api/v1/guidance?search=${encodeURIComponent('服饰')}`, asCoordinator())).items.map((g) => g.guidanceId)).toEqual(['G-1']);
    expect((await json<GuidancePage>('/api/v1/guidance?region=653100&department=samr', asCoordinator())).total).toBe(2);

    const published = await json<SamplingPage>('/api/v1/samplings?published=true', asCoordinator());
    expect(published.items).toEqual([expect.objectContaining({ unit: SAMR, samplingId: 'SP-1', batches: 40, failed: 3, productCategory: 'cosmetics', productDescription: '儿童面霜' })]);
    expect((await json<SamplingPage>('/api/v1/samplings?productCategory=food', { unit: SAMR })).items.map((s) => s.samplingId)).toEqual(['SP-2']);
  });

  it('given bad filters or a unit asking outside its scope, then 400 / 403 naming the parameter', async () => {
    const bad = await hub.get('/api/v1/guidance?kind=lecture&from=yesterday&colour=red', { unit: SAMR });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['colour', 'from', 'kind']);
    const outside = await hub.get('/api/v1/samplings?unit=samr/650100', { unit: SAMR });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('unit');
    const direction = await hub.get('/api/v1/closures?direction=sent', asCoordinator());
    expect(direction.status).toBe(400);
  });

  it('given cac asks telecom to close two sites, when telecom answers one and 4 configured hours pass, then both parties see both, another unit none, and the unanswered one is overdue once', async () => {
    const request = (id: string): Record<string, unknown> =>
      event('closure.requested', `closure/${id}`, { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: `https://${id.toLowerCase()}.example.cn`, reason: '网站售卖假药' }, '2021-10-15T22:00:00+08:00');
    expect((await hub.submit('cac', [request('CL-1'), request('CL-2')], { unit: CAC })).status).toBe(201);
    await hub.projected();
    const recorded = Date.now();
    now = new Date(recorded + 60_000);

    const inbox = await json<ClosurePage>('/api/v1/closures?direction=received', { unit: TELECOM });
    expect(inbox.items.map((c) => [c.closureId, c.status, c.answerable, c.overdue, c.hours]).sort()).toEqual([
      ['CL-1', 'requested', true, false, 4],
      ['CL-2', 'requested', true, false, 4],
    ]);
    const [first] = inbox.items;
    expect(first?.id).toMatch(/^cac-650100-closure-CL-[12]$/);
    expect(Date.parse(first?.dueAt ?? '') - Date.parse(first?.recordedAt ?? '')).toBe(4 * 3_600_000);
    expect((await json<ClosurePage>('/api/v1/closures', { unit: CAC })).items.every((c) => !c.answerable)).toBe(true);
    expect((await json<ClosurePage>('/api/v1/closures', { unit: 'samr/653100' })).total).toBe(0);

    // Another telecom unit's answer, or an answer to a request nobody made, is refused by the telecom department
    // service naming the field, and nothing is stored; the addressed unit's answer counts.
    const answer = (decision: string, closureId = 'CL-2'): Record<string, unknown> =>
      event('closure.answered', `closure/cac-650100-closure-${closureId}`, { closureId, fromDepartment: 'cac', fromRegion: '650100', decision, ...(decision === 'refused' ? { reason: '非本单位管辖' } : {}) });
    const before = await hub.storedEvents();
    const byOther = await hub.submit('telecom', answer('refused'), { unit: 'telecom/653100' });
    expect(byOther.status).toBe(403);
    expect(byOther.body).toMatchObject({ code: 'NOT_ADDRESSED_TO_YOU', fields: [{ path: 'data.closureId', message: expect.stringContaining('is addressed to telecom/650000, not to telecom/653100') }] });
    const unknown = await hub.submit('telecom', answer('closed', 'CL-NEVER'), { unit: TELECOM });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_CLOSURE', fields: [{ path: 'data.closureId', message: 'no closure request CL-NEVER of cac/650100 is known (its closure.requested must be recorded first)' }] });
    expect(await hub.storedEvents()).toBe(before);
    await hub.projected();
    expect((await json<ClosurePage>('/api/v1/closures?status=requested', { unit: CAC })).total).toBe(2);
    expect((await hub.submit('telecom', answer('closed'), { unit: TELECOM })).status).toBe(201);
    await hub.projected();

    now = new Date(recorded + 4 * 3_600_000 + 120_000);
    await tick();
    await tick();
    const all = await json<ClosurePage>('/api/v1/closures', asCoordinator());
    const byId = new Map(all.items.map((c) => [c.closureId, c]));
    expect(byId.get('CL-1')).toMatchObject({ status: 'requested', overdue: true, overdueNotice: { hours: 4 } });
    expect(byId.get('CL-2')).toMatchObject({ status: 'closed', overdue: false, overdueNotice: null });
    expect((await json<ClosurePage>('/api/v1/closures?overdue=true', { unit: TELECOM })).items.map((c) => c.closureId)).toEqual(['CL-1']);
    expect((await json<ClosurePage>('/api/v1/closures?status=closed&direction=sent', { unit: CAC })).items.map((c) => c.closureId)).toEqual(['CL-2']);
  });

  it('given a samr case opened 2021-10-11, suspended 5 days and extended once, when the case board is read on 2021-12-01, then it shows the days left on the moved deadline', async () => {
    const events = [
      event('case.opened', 'case/C-BOARD', { caseNo: '喀市监立〔2021〕31号', kind: 'administrative', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, '2021-10-11T10:00:00+08:00'),
      event('case.suspended', 'case/C-BOARD', { reason: '涉案商品送检' }, '2021-10-20T10:00:00+08:00'),
      event('case.resumed', 'case/C-BOARD', { note: '检验报告已出具' }, '2021-10-25T10:00:00+08:00'),
      event('case.extended', 'case/C-BOARD', { clock: 'case_decision', approvedBy: '局长 王某', reason: '案情复杂' }, '2021-11-01T10:00:00+08:00'),
    ];
    expect((await hub.submit('samr', events, { unit: SAMR })).status).toBe(201);
    await hub.projected();
    now = new Date('2021-12-01T00:00:00Z');
    const board = await json<CasePage>('/api/v1/cases', { unit: SAMR });
    const item = board.items.find((c) => c.caseId === 'C-BOARD');
    // 10-11 + 120 days = 2022-02-08, + 5 suspended = 02-13 (Sunday) → Monday 02-14 24:00 local.
    expect(item?.clock).toMatchObject({ state: 'running', dueAt: '2022-02-14T16:00:00Z', extensions: 1, suspendedDays: 5, basis: '《市场监督管理行政处罚程序规定》第六十四条' });
    expect(item?.clock?.daysLeft).toBe(Math.ceil((Date.parse('2022-02-14T16:00:00Z') - now.getTime()) / 86_400_000));

    expect((await hub.submit('samr', event('case.suspended', 'case/C-BOARD', { reason: '当事人下落不明' }, '2021-11-20T10:00:00+08:00'), { unit: SAMR })).status).toBe(201);
    await hub.projected();
    const paused = (await json<CasePage>('/api/v1/cases', { unit: SAMR })).items.find((c) => c.caseId === 'C-BOARD');
    expect(paused?.clock).toMatchObject({ state: 'paused', daysLeft: null });
    // A police case runs on other rules: no market-regulation clock on the board.
    expect((await hub.submit('police', event('case.opened', 'case/P-1', { caseNo: '喀公网立〔2021〕1号', kind: 'criminal', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }), { unit: 'police/653100' })).status).toBe(201);
    await hub.projected();
    expect((await json<CasePage>('/api/v1/cases', { unit: 'police/653100' })).items[0]?.clock).toBeNull();
  });

  it('given monitoring leads in 国庆 and 双11 and a complaint in 国庆, then the briefing counts two and one monitoring leads per key period', async () => {
    const leads = [
      leadReported('L-ND', { time: '2021-10-03T10:00:00+08:00' }),
      leadReported('L-D11', { time: '2021-11-10T10:00:00+08:00' }),
      leadReported('L-D11B', { time: '2021-10-22T10:00:00+08:00' }),
      leadReported('L-CMP', { time: '2021-10-04T10:00:00+08:00', data: { ...(leadReported('x').data as object), channel: 'complaint' } }),
    ];
    expect((await hub.submit('samr', leads, { unit: SAMR })).status).toBe(201);
    await hub.projected();
    const briefing = await json<Briefing>('/api/v1/briefing?asOf=2021-12-31T00:00:00Z&since=2021-10-01T00:00:00Z', asCoordinator());
    expect(briefing.keyPeriodLeads).toEqual([
      { keyPeriod: 'national_day', label: '国庆假期（10-01至10-07）', leads: 1 },
      { keyPeriod: 'double_11', label: '双11集中促销期（10-20至11-11）', leads: 2 },
    ]);
    // The unit's own leads show their tag and filter by it (我的记录).
    const tagged = await json<RecordPage>('/api/v1/records?kind=lead&keyPeriod=double_11', { unit: SAMR });
    expect(tagged.items.map((r) => [r.id, r.keyPeriod]).sort()).toEqual([
      ['L-D11', 'double_11'],
      ['L-D11B', 'double_11'],
    ]);
    const all = await json<RecordPage>('/api/v1/records?kind=lead', { unit: SAMR });
    expect(Object.fromEntries(all.items.map((r) => [r.id, r.keyPeriod]))).toMatchObject({ 'L-ND': 'national_day', 'L-CMP': null });
    expect((await hub.get('/api/v1/records?keyPeriod=spring_festival', { unit: SAMR })).status).toBe(400);
  });
});
