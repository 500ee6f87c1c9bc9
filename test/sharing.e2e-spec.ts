// Issue 15 §1–3: distribution levels. samr/653100 holds one lead per level (and a unit-level case), all on one
// shop; police/650100 holds a joint lead on the same shop, so the correlation puts them in one cluster. Four
// unit positions read them — same unit, same line other region, same region other department, neither — and
// nothing above a reader's level may surface through search, clusters, timelines, the live feed or exports.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ClusterDetail, ClusterPage, EntitySearchResult, ReferralPage } from '@hub/contracts';
import { caseOpened, event, leadReported } from './support/events.js';
import { TestHub } from './support/test-hub.js';

const SHOP = 'https://shop556677.taobao.com/?spm=a1z10.1-c.0.0';
const SHOP_OTHER_SPELLING = 'http://SHOP556677.taobao.com/index.htm?utm_source=wechat';
const HOLDER = 'samr/653100';
const LEVELS = ['unit', 'line', 'region', 'joint'] as const;
type Level = (typeof LEVELS)[number];

/** What only readers within a record's level may see: its summary and its own phone number. */
const SECRET: Record<Level | 'case', { summary: string; phone: string }> = {
  unit: { summary: '仅本单位可见的线索摘要UNIT', phone: '13900000001' },
  line: { summary: '本系统可见的线索摘要LINE', phone: '13900000002' },
  region: { summary: '本地区可见的线索摘要REGION', phone: '13900000003' },
  joint: { summary: '全体成员单位可见的线索摘要JOINT', phone: '13900000004' },
  case: { summary: '', phone: '13900000005' },
};

/** Readers, and the levels whose content each may read (the matrix of libs/domain sharing/visibility.spec.ts). */
const READERS: Record<string, { unit: string; reads: readonly (Level | 'case')[] }> = {
  'the same unit': { unit: HOLDER, reads: ['unit', 'line', 'region', 'joint', 'case'] },
  'the same line in another region': { unit: 'samr/650100', reads: ['line', 'joint'] },
  'the same region in another department': { unit: 'police/653100', reads: ['region', 'joint'] },
  'another department and region': { unit: 'police/650100', reads: ['joint'] },
};

describe('sharing levels: search, clusters, timelines, live feed and exports respect distribution (issue 15)', () => {
  let hub: TestHub;
  const json = async <T>(path: string, auth: { unit?: string; token?: string }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as T;
  };
  const search = (value: string, auth: { unit?: string; token?: string }, kind = 'shop_url') =>
    json<EntitySearchResult>(`/api/v1/entities/search?kind=${kind}&value=${encodeURIComponent(value)}`, auth);

  beforeAll(async () => {
    // The gateway stamps an assistance request with its clock: inside the campaign, so the answer clock runs on its calendar.
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, clock: () => new Date('2021-10-20T10:00:00+08:00') });
    const lead = (level: Level) =>
      leadReported(`L-${level.toUpperCase()}`, {
        data: {
          category: 'counterfeit',
          channel: 'monitoring',
          platform: 'taobao',
          summary: SECRET[level].summary,
          distribution: level,
          entities: [
            { kind: 'shop_url', value: SHOP },
            { kind: 'phone', value: SECRET[level].phone },
          ],
        },
      });
    const held = [...LEVELS.map(lead), caseOpened('C-UNIT', { distribution: 'unit', entities: [{ kind: 'shop_url', value: SHOP }, { kind: 'phone', value: SECRET.case.phone }] })];
    expect((await hub.submit('samr', held, { unit: HOLDER })).status).toBe(201);
    const police = leadReported('L-POLICE', { data: { category: 'counterfeit', channel: 'tip', summary: '公安机关掌握的同一网店线索', entities: [{ kind: 'shop_url', value: SHOP }] } });
    expect((await hub.submit('police', [police], { unit: 'police/650100' })).status).toBe(201);
    await hub.coordinated();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('given another spelling of the shop, when searched, then it normalises as the correlation does and finds every holder with its cluster', async () => {
    const result = await search(SHOP_OTHER_SPELLING, { token: hub.credentials.coordinator });
    expect(result.key).toBe('shop_url:taobao:shop:556677');
    expect(result.items.map((i) => i.record).sort()).toEqual([
      'police/650100/lead/L-POLICE',
      'samr/653100/case/C-UNIT',
      'samr/653100/lead/L-JOINT',
      'samr/653100/lead/L-LINE',
      'samr/653100/lead/L-REGION',
      'samr/653100/lead/L-UNIT',
    ]);
    const clusters = new Set(result.items.map((i) => (i.visibility === 'content' ? i.clusterId : 'hidden')));
    expect(clusters.size).toBe(1);
    expect([...clusters][0]).toMatch(/^[a-z]+-\d{6}-(lead|case)-/);
  });

  it("given the shop's operator in the register, when its name is searched, then the operator and every record on its shop are found", async () => {
    const operator = event('operator.registered', 'operator/OP-SHOP', {
      kind: 'platform_shop',
      name: '喀什某某运动鞋专营店',
      uscc: '91653100MA78A1B2C8',
      platform: 'taobao',
      shopId: '556677',
      licenceDisplay: 'shown',
      permitDisplay: 'not_required',
      markDisplay: 'missing',
      region: '653100',
    });
    expect((await hub.submit('samr', [operator], { unit: HOLDER })).status).toBe(201);
    await hub.projected();
    const result = await search('运动鞋专营', { unit: 'police/653100' }, 'operator_name');
    expect(result.operators.map((o) => o.name)).toEqual(['喀什某某运动鞋专营店']);
    expect(result.items.map((i) => i.record)).toHaveLength(6);
    // The register is shared within a region: another region's unit does not find the entry.
    expect((await search('运动鞋专营', { unit: 'police/650100' }, 'operator_name')).operators).toEqual([]);
  });

  it('given a bad kind or a value that is not one, when searched, then 400 names the field', async () => {
    const badKind = await hub.get('/api/v1/entities/search?kind=email&value=a@b.c', { unit: HOLDER });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['kind']);
    const badValue = await hub.get('/api/v1/entities/search?kind=uscc&value=not-a-code', { unit: HOLDER });
    expect(badValue.status).toBe(400);
    expect(((await badValue.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['value']);
  });

  describe.each(Object.entries(READERS))('read by %s', (_who, reader) => {
    const hidden = (Object.keys(SECRET) as (Level | 'case')[]).filter((level) => !reader.reads.includes(level));
    const secretsOf = (levels: readonly (Level | 'case')[]) => levels.flatMap((level) => [SECRET[level].summary, SECRET[level].phone]).filter((s) => s !== '');
    const assertNoLeak = (what: string, text: string) => {
      for (const secret of secretsOf(hidden)) expect({ what, leaked: text.includes(secret) ? secret : null }).toEqual({ what, leaked: null });
    };

    it('when it searches the shop, then it reads the content within its levels and only the existence above them, with a request action', async () => {
      const result = await search(SHOP, { unit: reader.unit });
      assertNoLeak('search', JSON.stringify(result));
      const byRecord = new Map(result.items.map((i) => [i.record, i]));
      for (const level of LEVELS) {
        const hit = byRecord.get(`${HOLDER}/lead/L-${level.toUpperCase()}`);
        expect(hit).toBeDefined();
        expect(hit?.visibility).toBe(reader.reads.includes(level) ? 'content' : 'existence');
        // Existence is always shared: who holds it, when, what category.
        expect(hit).toEqual(expect.objectContaining({ unit: HOLDER, department: 'samr', region: '653100', category: 'counterfeit', requestable: reader.unit !== HOLDER }));
        if (hit?.visibility === 'content') expect(hit.summary).toBe(SECRET[level].summary);
      }
      // The non-vacuous half: what it may read, it does read.
      for (const level of LEVELS.filter((l) => reader.reads.includes(l))) expect(JSON.stringify(result)).toContain(SECRET[level].summary);
    });

    it("when it searches another record's own phone, then a hidden record is found only as existence", async () => {
      const result = await search(SECRET.unit.phone, { unit: reader.unit }, 'phone');
      expect(result.items).toHaveLength(1);
      expect(result.items[0]?.visibility).toBe(reader.reads.includes('unit') ? 'content' : 'existence');
      // The answer echoes what was typed; the hits must add nothing of the record.
      assertNoLeak('search by phone', JSON.stringify(result.items));
    });

    it('when it lists and opens its clusters, then nothing above its level shows', async () => {
      const page = await json<ClusterPage>('/api/v1/clusters', { unit: reader.unit });
      assertNoLeak('cluster list', JSON.stringify(page));
      if (reader.unit === 'samr/650100' || reader.unit === 'police/653100') {
        // Neither holds a record: it is in no cluster.
        expect(page.items).toEqual([]);
        return;
      }
      expect(page.items).toHaveLength(1);
      const detail = await json<ClusterDetail>(`/api/v1/clusters/${page.items[0]?.clusterId ?? ''}`, { unit: reader.unit });
      assertNoLeak('cluster detail', JSON.stringify(detail));
      expect(detail.members.map((m) => m.member)).toContain(`${HOLDER}/lead/L-UNIT`);
      for (const member of detail.members) {
        const level = member.member.endsWith('/case/C-UNIT') ? 'case' : (member.member.split('/lead/L-')[1]?.toLowerCase() as Level | 'police');
        const readable = member.unit === reader.unit || level === 'police' || reader.reads.includes(level);
        expect({ member: member.member, visibility: member.visibility }).toEqual({ member: member.member, visibility: readable ? 'content' : 'existence' });
      }
    });

    it("when it asks for the holder's timelines, then a record above its level is refused or shows nothing of its content", async () => {
      for (const level of LEVELS) {
        const response = await hub.get(`/api/v1/timeline?subject=lead/L-${level.toUpperCase()}&unit=${HOLDER}`, { unit: reader.unit });
        if (reader.unit === HOLDER) expect(response.status).toBe(200);
        assertNoLeak(`timeline ${level}`, await response.text());
      }
    });

    it('when it replays the live feed and reads its exports, then nothing above its level shows', async () => {
      assertNoLeak('live', await liveReplay(hub, reader.unit));
      const unit = reader.unit;
      for (const path of [`/api/v1/annex?scope=unit:${unit}&format=csv`, `/api/v1/annex?scope=unit:${unit}&format=json`, '/api/v1/cases', '/api/v1/records', '/api/v1/overview', '/api/v1/referrals/inbox']) {
        const response = await hub.get(path, { unit });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        assertNoLeak(path, await response.text());
      }
    });
  });

  it('given a correction narrowing the joint lead to unit, when the other department searches again, then it sees only its existence', async () => {
    const corrected = event('lead.corrected', 'lead/L-JOINT', { reason: '涉及未公开的侦查信息，收窄共享范围', distribution: 'unit' });
    expect((await hub.submit('samr', [corrected], { unit: HOLDER })).status).toBe(201);
    await hub.projected();
    const hit = (await search(SHOP, { unit: 'police/650100' })).items.find((i) => i.record === `${HOLDER}/lead/L-JOINT`);
    expect(hit?.visibility).toBe('existence');
    expect(JSON.stringify(hit)).not.toContain(SECRET.joint.summary);
  });

  it('given an existence-only hit, when the police unit requests it, then samr finds an assistance referral in its inbox and answers it on the usual clock', async () => {
    const request = await fetch(`${hub.url}/api/v1/entities/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token('police/650100')}` },
      body: JSON.stringify({ record: `${HOLDER}/lead/L-UNIT`, reason: '我局侦办案件涉及同一网店，请求协查' }),
    });
    expect(request.status).toBe(201);
    const stored = (await request.json()) as { referralId: string; subject: string; toUnit: string };
    expect(stored.toUnit).toBe(HOLDER);
    expect(stored.subject).toBe(`referral/police-650100-referral-${stored.referralId}`);
    await hub.projected();
    const inbox = await json<ReferralPage>('/api/v1/referrals/inbox', { unit: HOLDER });
    const item = inbox.items.find((i) => i.referralId === stored.referralId);
    expect(item).toEqual(expect.objectContaining({ kind: 'assistance', recordRef: `${HOLDER}/lead/L-UNIT`, fromUnit: 'police/650100', status: 'sent', reason: '我局侦办案件涉及同一网店，请求协查' }));
    // Three working days from Wednesday 10-20: Monday 10-25, 24:00 local.
    expect(item?.answerDueAt).toBe('2021-10-25T16:00:00Z');
    // The holder answers it like any referral; a third unit may not.
    const answer = (decision: string) => event('referral.answered', stored.subject, { referralId: stored.referralId, fromDepartment: 'police', fromRegion: '650100', decision });
    expect((await hub.submit('samr', [answer('accepted')], { unit: 'samr/650100' })).status).toBe(403);
    expect((await hub.submit('samr', [answer('accepted')], { unit: HOLDER })).status).toBe(201);
    await hub.projected();
    const sent = await json<ReferralPage>('/api/v1/referrals', { token: hub.credentials.coordinator });
    expect(sent.items.find((i) => i.referralId === stored.referralId)).toEqual(expect.objectContaining({ kind: 'assistance', status: 'accepted' }));
  });

  it('given a request for its own record, a malformed record or another unit asking as the holder, then each is refused naming the field', async () => {
    const post = (unit: string, body: unknown) =>
      fetch(`${hub.url}/api/v1/entities/request`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token(unit)}` }, body: JSON.stringify(body) });
    const own = await post(HOLDER, { record: `${HOLDER}/lead/L-UNIT` });
    expect(own.status).toBe(409);
    const malformed = await post('police/650100', { record: 'lead/L-UNIT' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['record']);
    const coordinator = await fetch(`${hub.url}/api/v1/entities/request`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.credentials.coordinator}` }, body: '{}' });
    expect(coordinator.status).toBe(403);
  });
});

/** Everything the live feed replays to `unit` from the start, up to its `: listening` mark (no waiting on time). */
async function liveReplay(hub: TestHub, unit: string): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${hub.url}/api/v1/live`, { headers: { authorization: `Bearer ${hub.token(unit)}`, 'last-event-id': '0' }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(': listening')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}
