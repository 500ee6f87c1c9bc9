import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClusterPage, OverCorrelating } from '@hub/contracts';
import { CoordinationService } from '../apps/coordination/src/coordination.module.js';
import { EVENT_STREAM, JetStreamEventStore } from '@hub/event-store';
import { JOINT_EVENT_SUBJECTS, type HubEvent } from '@hub/domain';
import { TestHub } from './support/test-hub.js';
import { event, leadReported } from './support/events.js';

describe('coordination through HTTP: clusters across regions and departments, overdue referrals, manual links', () => {
  let hub: TestHub;
  let now = new Date('2021-10-08T12:00:00+08:00');

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true, coordination: true, clock: () => now });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const coordinator = () => ({ token: hub.credentials.coordinator });
  const json = async <T>(path: string): Promise<T> => (await (await hub.get(path, coordinator())).json()) as T;
  const jointEvents = async (): Promise<HubEvent[]> => {
    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    const out: HubEvent[] = [];
    for await (const msg of store.read({ filter: JOINT_EVENT_SUBJECTS })) out.push(msg.json<HubEvent>());
    return out;
  };
  const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.credentials.coordinator}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('given the same Taobao shop reported by samr in 653100 (spm parameters) and by police in 650100 (http, none), when coordinated, then one cluster is flagged cross-region and cross-department', async () => {
    const samr = leadReported('L-SHOP-1', { data: { category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary: '网店销售假冒运动鞋', entities: [{ kind: 'shop_url', value: 'https://shop778899.taobao.com/?spm=a230r.7195193.1997079397.2&scm=1007.12144' }] } });
    const police = leadReported('L-SHOP-7', { data: { category: 'counterfeit', channel: 'tip', platform: 'taobao', summary: '群众举报该网店售假', entities: [{ kind: 'shop_url', value: 'http://shop778899.taobao.com' }] } });
    expect((await hub.submit('samr', samr, { unit: 'samr/653100' })).status).toBe(201);
    expect((await hub.submit('police', police, { unit: 'police/650100' })).status).toBe(201);
    await hub.coordinated();

    const list = await json<ClusterPage>('/api/v1/clusters?crossRegion=true&crossDepartment=true');
    const cluster = list.items.find((c) => c.clusterId === 'samr-653100-lead-L-SHOP-1');
    expect(cluster).toMatchObject({ regions: ['650100', '653100'], departments: ['police', 'samr'], crossRegion: true, crossDepartment: true, leadCount: 2, keys: [{ kind: 'shop_url', value: 'taobao:shop:778899' }] });

    const detail = await json<{ members: Record<string, unknown>[]; history: { type: string }[] }>('/api/v1/clusters/samr-653100-lead-L-SHOP-1');
    expect(detail.members).toEqual([
      expect.objectContaining({ leadId: 'L-SHOP-1', unit: 'samr/653100', department: 'samr', region: '653100', summary: '网店销售假冒运动鞋', category: 'counterfeit', via: 'key', key: 'shop_url:taobao:shop:778899' }),
      expect.objectContaining({ leadId: 'L-SHOP-7', unit: 'police/650100', department: 'police', region: '650100', summary: '群众举报该网店售假', via: 'key' }),
    ]);
    expect(detail.history.map((h) => h.type)).toEqual(['cluster.formed']);
    expect((await jointEvents()).filter((e) => e.type === 'cluster.formed')).toHaveLength(1);
    // A unit sees the clusters its own leads are in (issue 15 §3); one with no member there sees none.
    const mine = (await (await hub.get('/api/v1/clusters', { unit: 'samr/653100' })).json()) as ClusterPage;
    expect(mine.items.map((c) => c.clusterId)).toEqual(['samr-653100-lead-L-SHOP-1']);
    const none = (await (await hub.get('/api/v1/clusters', { unit: 'samr/654000' })).json()) as ClusterPage;
    expect(none.items).toEqual([]);
  });

  it('given a cluster, when a coordinator unlinks a lead with a reason and links it back, then both are joint events and the membership follows', async () => {
    const unlinked = await post('/api/v1/clusters/samr-653100-lead-L-SHOP-1/unlink', { leadId: 'police/650100/lead/L-SHOP-7', reason: '店铺已易主，非同一经营者' });
    expect(unlinked.status).toBe(201);
    expect(unlinked.body['event']).toMatchObject({ type: 'cluster.unlinked', data: { members: ['police/650100/lead/L-SHOP-7'], reason: '店铺已易主，非同一经营者' } });
    await hub.coordinated();
    let detail = await json<{ members: { leadId: string; via: string }[]; history: { type: string; reason?: string }[] }>('/api/v1/clusters/samr-653100-lead-L-SHOP-1');
    expect(detail.members.map((m) => m.leadId)).toEqual(['L-SHOP-1']);

    const linked = await post('/api/v1/clusters/samr-653100-lead-L-SHOP-1/link', { leadId: 'police/650100/lead/L-SHOP-7', reason: '复核后确认同一经营者' });
    expect(linked.status).toBe(201);
    await hub.coordinated();
    detail = await json<typeof detail>('/api/v1/clusters/samr-653100-lead-L-SHOP-1');
    expect(detail.members.map((m) => [m.leadId, m.via])).toEqual([['L-SHOP-1', 'key'], ['L-SHOP-7', 'manual']]);

    const noReason = await post('/api/v1/clusters/samr-653100-lead-L-SHOP-1/unlink', { leadId: 'police/650100/lead/L-SHOP-7', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await post('/api/v1/clusters/no-such-cluster/unlink', { leadId: 'police/650100/lead/L-SHOP-7', reason: 'x' })).status).toBe(404);
  });

  it('given a coordinator retrying an unlink and a link with the same client id, when posted again, then the stored decision is answered (duplicate) and recorded once', async () => {
    const cluster = '/api/v1/clusters/samr-653100-lead-L-SHOP-1';
    const unlinkId = '0190f3c2-7a4b-7cde-8f01-23456789ab01';
    const body = { id: unlinkId, leadId: 'police/650100/lead/L-SHOP-7', reason: '重试测试：先解除' };
    const first = await post(`${cluster}/unlink`, body);
    expect(first.status).toBe(201);
    expect(first.body['duplicate']).toBe(false);
    await hub.coordinated();
    // The answer was lost; the client sends the same request again (the lead is no longer a member by now).
    const retry = await post(`${cluster}/unlink`, body);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual({ ...first.body, duplicate: true });
    const eventId = (first.body['event'] as { id: string }).id;
    expect((await jointEvents()).filter((e) => e.id === eventId)).toHaveLength(1);
    expect((await jointEvents()).filter((e) => e.type === 'cluster.unlinked' && e.data['reason'] === '重试测试：先解除')).toHaveLength(1);

    const linkBody = { id: '0190f3c2-7a4b-7cde-8f01-23456789ab02', leadId: 'police/650100/lead/L-SHOP-7', reason: '重试测试：再关联' };
    const [linked, again] = [await post(`${cluster}/link`, linkBody), await post(`${cluster}/link`, linkBody)];
    expect([linked.status, again.status, again.body['duplicate']]).toEqual([201, 201, true]);
    expect(again.body['event']).toEqual(linked.body['event']);
    await hub.coordinated();
    const detail = await json<{ members: { leadId: string }[]; history: { type: string }[] }>(cluster);
    expect(detail.members.map((m) => m.leadId)).toEqual(['L-SHOP-1', 'L-SHOP-7']);
    expect(detail.history.filter((h) => h.type === 'cluster.linked')).toHaveLength(2); // the earlier test's link, and this one once

    // The same id for another decision is refused and names `id`; a malformed id is a 400 naming `id`; nothing stored.
    const before = (await jointEvents()).length;
    const reused = await post(`${cluster}/unlink`, { ...body, reason: '另一个决定' });
    expect(reused.status).toBe(409);
    expect(reused.body['fields']).toEqual([expect.objectContaining({ path: 'id' })]);
    for (const id of ['not-a-uuid', 42, '']) {
      const bad = await post(`${cluster}/link`, { ...linkBody, id });
      expect(bad.status).toBe(400);
      expect(bad.body['fields']).toEqual([expect.objectContaining({ path: 'id' })]);
    }
    await hub.coordinated();
    expect((await jointEvents()).length).toBe(before);
  });

  it('given two leads sharing only the platform domain (excluded), when coordinated, then no cluster forms', async () => {
    const a = leadReported('L-EXCL-1', { data: { category: 'counterfeit', channel: 'monitoring', summary: '平台域名', entities: [{ kind: 'domain', value: 'www.taobao.com' }] } });
    const b = leadReported('L-EXCL-2', { data: { category: 'counterfeit', channel: 'monitoring', summary: '平台域名', entities: [{ kind: 'domain', value: 'https://TAOBAO.com/' }] } });
    await hub.submit('samr', a, { unit: 'samr/653100' });
    await hub.submit('cac', b, { unit: 'cac/650100' });
    await hub.coordinated();
    const list = await json<ClusterPage>('/api/v1/clusters');
    expect(list.items.map((c) => c.clusterId)).not.toContain('samr-653100-lead-L-EXCL-1');
  });

  it('given a referral sent 2021-09-29, when the clock passes 10-09 24:00 local (National Day in between), then referral.overdue is published exactly once, even when the timer runs again', async () => {
    const lead = leadReported('L-OD', { time: '2021-09-29T09:00:00+08:00' });
    const referred = event('lead.referred', 'lead/L-OD', { referralId: 'R-OD', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪' }, '2021-09-29T10:00:00+08:00');
    await hub.submit('samr', [lead, referred], { unit: 'samr/653100' });
    await hub.coordinated();
    const loop = hub.coordination?.get(CoordinationService).loop;
    now = new Date('2021-10-09T23:59:59+08:00');
    await loop?.tick();
    await hub.coordinated();
    expect((await jointEvents()).filter((e) => e.type === 'referral.overdue')).toHaveLength(0);

    now = new Date('2021-10-10T00:00:00+08:00');
    await loop?.tick();
    await loop?.tick();
    await hub.coordinated();
    const overdue = (await jointEvents()).filter((e) => e.type === 'referral.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({
      source: 'joint/650000',
      subject: 'referral/samr-653100-referral-R-OD',
      data: { referralId: 'R-OD', fromDepartment: 'samr', fromRegion: '653100', clock: 'answer', dueAt: '2021-10-09T16:00:00Z' },
    });
  });

  it('given an assistance request (referral.requested) sent Wednesday 2021-10-20, when the clock passes Monday 10-25 24:00 local unanswered, then referral.overdue names it like any referral', async () => {
    const before = now;
    const requested = event(
      'referral.requested',
      'referral/police-650100-referral-A-OD',
      { referralId: 'A-OD', toDepartment: 'samr', toRegion: '653100', record: 'samr/653100/lead/L-OD', reason: '请求协查同一网店' },
      '2021-10-20T10:00:00+08:00',
    );
    expect((await hub.submit('police', [requested], { unit: 'police/650100' })).status).toBe(201);
    await hub.coordinated();
    const loop = hub.coordination?.get(CoordinationService).loop;
    now = new Date('2021-10-25T23:59:59+08:00');
    await loop?.tick();
    await hub.coordinated();
    const named = async () => (await jointEvents()).filter((e) => e.type === 'referral.overdue' && e.data['referralId'] === 'A-OD');
    expect(await named()).toHaveLength(0);
    now = new Date('2021-10-26T00:00:00+08:00');
    await loop?.tick();
    await hub.coordinated();
    expect(await named()).toEqual([
      expect.objectContaining({ subject: 'referral/police-650100-referral-A-OD', data: expect.objectContaining({ fromDepartment: 'police', fromRegion: '650100', clock: 'answer', dueAt: '2021-10-25T16:00:00Z' }) }),
    ]);
    now = before;
  });

  it('given a lead whose operator is registered in Kashgar reported in Urumqi, when coordinated, then jurisdiction.suggested names samr in 653100', async () => {
    const lead = leadReported('L-JUR', { data: { category: 'counterfeit', channel: 'monitoring', summary: '异地登记经营者', entities: [{ kind: 'uscc', value: uscc('653101') }] } });
    await hub.submit('samr', lead, { unit: 'samr/650100' });
    await hub.coordinated();
    const suggested = (await jointEvents()).filter((e) => e.type === 'jurisdiction.suggested' && e.data['leadSubject'] === 'samr/650100/lead/L-JUR');
    expect(suggested).toHaveLength(1);
    expect(suggested[0]?.data).toMatchObject({ toDepartment: 'samr', toRegion: '653100', basis: 'registration_area' });
  });

  it('given two units reporting the same lead id L-TWIN, both registered in Kashgar, when coordinated, then each suggestion has its own subject chain and names its lead', async () => {
    const entities = [{ kind: 'uscc', value: uscc('653101') }];
    await hub.submit('samr', leadReported('L-TWIN', { data: { category: 'counterfeit', channel: 'monitoring', summary: '同号线索一', entities } }), { unit: 'samr/650100' });
    await hub.submit('police', leadReported('L-TWIN', { data: { category: 'counterfeit', channel: 'tip', summary: '同号线索二', entities } }), { unit: 'police/650200' });
    await hub.coordinated();
    const suggested = (await jointEvents()).filter((e) => e.type === 'jurisdiction.suggested' && String(e.data['leadSubject']).endsWith('/lead/L-TWIN'));
    expect(suggested.map((e) => [e.subject, e.version, e.prevHash, e.data['leadSubject']]).sort()).toEqual([
      ['lead/police-650200-lead-L-TWIN', 1, null, 'police/650200/lead/L-TWIN'],
      ['lead/samr-650100-lead-L-TWIN', 1, null, 'samr/650100/lead/L-TWIN'],
    ]);
  });

  it('given the OpenAPI document, when read, then the referral and cluster endpoints are described with their bodies and answers', async () => {
    type Operation = { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; responses: Record<string, { content?: unknown }> };
    const document = (await (await fetch(`${hub.url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    for (const path of ['/api/v1/referrals', '/api/v1/referrals/inbox', '/api/v1/clusters', '/api/v1/clusters/over-correlating', '/api/v1/clusters/{id}']) {
      expect(document.paths[path]?.['get']?.responses['200']?.content).toBeDefined();
    }
    for (const action of ['link', 'unlink']) {
      const post = document.paths[`/api/v1/clusters/{id}/${action}`]?.['post'];
      expect(Object.keys(post?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(['leadId', 'reason', 'id']);
      expect(Object.keys(post?.responses ?? {}).sort()).toEqual(['201', '400', '403', '404', '409', '503']);
    }
  });
});

describe('coordination across a restart', () => {
  let hub: TestHub;
  const now = new Date('2021-10-20T12:00:00+08:00');

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, clock: () => now });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  it('given the service is down while leads and an overdue referral arrive, when restarted (twice), then it catches up and every joint event is published exactly once', async () => {
    await hub.submit('samr', leadReported('L-A', { data: { category: 'counterfeit', channel: 'monitoring', summary: 's', entities: [{ kind: 'phone', value: '13912345678' }] } }), { unit: 'samr/653100' });
    await hub.coordinated();
    await hub.stopCoordination();
    await hub.submit('police', leadReported('L-B', { data: { category: 'counterfeit', channel: 'tip', summary: 's', entities: [{ kind: 'phone', value: '+86 139 1234 5678' }] } }), { unit: 'police/650100' });
    const referred = event('lead.referred', 'lead/L-A', { referralId: 'R-DOWN', toDepartment: 'police', toRegion: '650100', reason: '涉嫌犯罪' }, '2021-09-29T10:00:00+08:00');
    await hub.submit('samr', referred, { unit: 'samr/653100' });

    await hub.startCoordination();
    await hub.coordinated();
    await hub.stopCoordination();
    await hub.startCoordination();
    await hub.coordinated();

    const store = new JetStreamEventStore(hub.admin, EVENT_STREAM);
    const joint: HubEvent[] = [];
    for await (const msg of store.read({ filter: JOINT_EVENT_SUBJECTS })) joint.push(msg.json<HubEvent>());
    // samr's open lead carries the phone police reported: one alert for samr, also across both restarts.
    expect(joint.map((e) => e.type).sort()).toEqual(['cluster.formed', 'hit.alerted', 'referral.overdue']);
    expect(new Set(joint.map((e) => e.id)).size).toBe(joint.length);
  }, 120_000);
});

describe('the per-value cap through the API', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac'], projector: true, coordination: { correlation: { cap: 2 } } });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const json = async <T>(path: string): Promise<T> => (await (await hub.get(path, { token: hub.credentials.coordinator })).json()) as T;
  const hotLead = (id: string, extra: { kind: string; value: string }[] = []) =>
    leadReported(id, { data: { category: 'counterfeit', channel: 'tip', summary: '共用号码', entities: [{ kind: 'phone', value: '13800138000' }, ...extra] } });
  const overCorrelating = () => json<OverCorrelating>('/api/v1/clusters/over-correlating');
  const clusters = () => json<ClusterPage>('/api/v1/clusters');

  it('given a cap of 2, when a third lead carries the same phone, then the value is listed as over-correlating and leads sharing only it form no new links', async () => {
    await hub.submit('samr', hotLead('L-HOT-1'), { unit: 'samr/653100' });
    await hub.submit('police', hotLead('L-HOT-2'), { unit: 'police/650100' });
    await hub.coordinated();
    expect((await overCorrelating()).items).toEqual([]);
    expect((await clusters()).items.find((c) => c.clusterId === 'samr-653100-lead-L-HOT-1')?.leadCount).toBe(2);

    await hub.submit('cac', hotLead('L-HOT-3'), { unit: 'cac/652300' });
    await hub.coordinated();
    expect((await overCorrelating()).items).toEqual([{ kind: 'phone', value: '13800138000', count: 3 }]);

    // Two more carriers, of whom two share nothing else, and one pair that also shares a domain.
    await hub.submit('samr', hotLead('L-HOT-4'), { unit: 'samr/650200' });
    await hub.submit('police', hotLead('L-HOT-5', [{ kind: 'domain', value: 'fake-shoes.cn' }]), { unit: 'police/652300' });
    await hub.submit('cac', hotLead('L-HOT-6', [{ kind: 'domain', value: 'https://fake-shoes.cn/' }]), { unit: 'cac/653100' });
    await hub.coordinated();
    expect((await overCorrelating()).items).toEqual([{ kind: 'phone', value: '13800138000', count: 6 }]);

    const items = (await clusters()).items;
    expect(items.find((c) => c.clusterId === 'samr-653100-lead-L-HOT-1')?.leadCount).toBe(2); // the cluster formed before the cap grew no more
    const hotMembers = items.filter((c) => c.keys.some((k) => k.value === '13800138000'));
    expect(hotMembers.map((c) => c.clusterId)).toEqual(['samr-653100-lead-L-HOT-1']);
    // The domain still links its two carriers, by the domain alone.
    expect(items.find((c) => c.clusterId === 'police-652300-lead-L-HOT-5')).toMatchObject({ leadCount: 2, keys: [{ kind: 'domain', value: 'fake-shoes.cn' }] });
    expect((await hub.get('/api/v1/clusters/over-correlating', { unit: 'samr/653100' })).status).toBe(403);
  });
});

/** A checksum-valid USCC registered in `areaCode` (GB 32100-2015). */
function uscc(areaCode: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = `91${areaCode}MA77XK3P0`;
  const sum = [...first].reduce((acc, ch, i) => acc + charset.indexOf(ch) * (weights[i] ?? 0), 0);
  return `${first}${charset[(31 - (sum % 31)) % 31] ?? ''}`;
}
