// Issue 15 §4–§5 through the running hub: warning lists, over-correlation counted in distinct units (the flood
// attempt), alerts on the live feed and in 通知 (one per value per unit per day), and verdicts on hits shown to
// the joint meeting.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ClusterDetail, ClusterPage, HitFeedbackPage, NotificationPage, OverCorrelating, RecordPage } from '@hub/contracts';
import { caseOpened, leadClosed, leadReported } from './support/events.js';
import { openLiveFeed } from './support/live-feed.js';
import { TestHub } from './support/test-hub.js';

const lead = (id: string, entities: { kind: string; value: string }[]) => leadReported(id, { data: { category: 'counterfeit', channel: 'tip', summary: '线索', entities } });

/** A checksum-valid USCC with a per-test serial (GB 32100-2015). */
function uscc(serial: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = `91653100MA${serial.padStart(7, '0')}`;
  const sum = [...first].reduce((acc, ch, i) => acc + charset.indexOf(ch) * (weights[i] ?? 0), 0);
  return `${first}${charset[(31 - (sum % 31)) % 31] ?? '0'}`;
}

describe('sharing back: warning lists, the flood attempt, alerts and verdicts', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'cac', 'tax'], projector: true, coordination: { correlation: { cap: 4 } } });
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const as = (unit: string) => ({ unit });
  const coordinator = () => ({ token: hub.credentials.coordinator });
  const json = async <T>(path: string, auth: { unit?: string; token?: string }): Promise<T> => {
    const response = await hub.get(path, auth);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const post = async (path: string, unit: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token(unit)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const submit = async (unit: string, events: unknown[]): Promise<void> => {
    const result = await hub.submit(unit.split('/')[0] ?? '', events, as(unit));
    expect({ status: result.status, body: result.status === 201 ? undefined : result.body }).toEqual({ status: 201, body: undefined });
  };
  const notifications = (unit: string) => json<NotificationPage>('/api/v1/notifications', as(unit));
  const alertsOn = async (unit: string, value: string) => (await notifications(unit)).items.filter((n) => n.value === value);

  it('given one unit reporting the same phone on 200 leads, when two other units report it, then the value is not muted and they link; a fifth unit makes it over-correlating, counted in units', async () => {
    const phone = '13977001100';
    await submit('samr/653100', Array.from({ length: 200 }, (_, i) => lead(`FLOOD-${i}`, [{ kind: 'phone', value: phone }])));
    await hub.coordinated();
    expect((await json<OverCorrelating>('/api/v1/clusters/over-correlating', coordinator())).items).toEqual([]);

    await submit('police/650100', [lead('FLOOD-P', [{ kind: 'phone', value: `+86 ${phone}` }])]);
    await submit('cac/652300', [lead('FLOOD-C', [{ kind: 'phone', value: phone }])]);
    await hub.coordinated();
    expect((await json<OverCorrelating>('/api/v1/clusters/over-correlating', coordinator())).items).toEqual([]);
    const cluster = (await json<ClusterPage>('/api/v1/clusters?limit=200', coordinator())).items.find((c) => c.keys.some((k) => k.value === phone));
    expect(cluster).toMatchObject({ leadCount: 202, departments: ['cac', 'police', 'samr'] });
    const detail = await json<ClusterDetail>(`/api/v1/clusters/${cluster?.clusterId ?? ''}`, coordinator());
    expect(detail.members.map((m) => m.member)).toEqual(expect.arrayContaining(['police/650100/lead/FLOOD-P', 'cac/652300/lead/FLOOD-C']));

    // 200 leads of samr carry the phone, but samr is told once (per value, per day), and so is police (by cac).
    expect(await alertsOn('samr/653100', phone)).toHaveLength(1);
    expect((await alertsOn('police/650100', phone)).map((n) => n.otherRef)).toEqual(['cac/652300/lead/FLOOD-C']);

    await submit('tax/654000', [lead('FLOOD-T', [{ kind: 'phone', value: phone }])]);
    await hub.coordinated();
    expect((await json<OverCorrelating>('/api/v1/clusters/over-correlating', coordinator())).items).toEqual([]);
    await submit('police/652300', [lead('FLOOD-P5', [{ kind: 'phone', value: phone }])]);
    await hub.coordinated();
    expect((await json<OverCorrelating>('/api/v1/clusters/over-correlating', coordinator())).items).toEqual([{ kind: 'phone', value: phone, count: 5 }]);
    expect(await alertsOn('police/652300', phone)).toEqual([]); // over the cap: its lead links nothing, so it alerts nobody
    expect((await alertsOn('tax/654000', phone)).map((n) => n.otherRef)).toEqual([]); // … and tells nobody of it
  }, 120_000);

  it('given two units whose leads share only a courier hotline, a platform service line and a platform domain, when coordinated, then nothing links, nobody is alerted, and each value shows its warning', async () => {
    const benign = [{ kind: 'phone', value: '95338' }, { kind: 'phone', value: '0571-88158198' }, { kind: 'domain', value: 'https://www.jd.com/' }];
    await submit('samr/653100', [lead('WARN-S', benign)]);
    await submit('police/650100', [lead('WARN-P', benign)]);
    await hub.coordinated();
    const clusters = (await json<ClusterPage>('/api/v1/clusters?limit=200', coordinator())).items;
    expect(clusters.filter((c) => c.keys.some((k) => ['95338', '0571-88158198', 'jd.com'].includes(k.value)))).toEqual([]);
    for (const value of ['95338', '0571-88158198', 'jd.com']) expect(await alertsOn('samr/653100', value)).toEqual([]);

    const records = await json<RecordPage>('/api/v1/records?q=WARN-S', as('samr/653100'));
    expect(records.items[0]?.entityNotes?.map((n) => [n.value, n.links, n.warning?.warning])).toEqual([
      ['95338', false, '已知快递公司客服热线'],
      ['0571-88158198', false, '已知平台客服号码'],
      ['https://www.jd.com/', false, '平台自身域名'],
    ]);
  }, 120_000);

  it('given a lead with 25 phones, when coordinated, then the unit sees 5 flagged beyond the key cap, and a lead sharing only one of those links nothing', async () => {
    const phones = Array.from({ length: 25 }, (_, i) => ({ kind: 'phone', value: `1366600${String(i).padStart(4, '0')}` }));
    await submit('samr/653100', [lead('CAP-BIG', phones)]);
    await submit('police/650100', [lead('CAP-LATE', [phones[24] ?? { kind: 'phone', value: '' }])]);
    await hub.coordinated();
    const records = await json<RecordPage>('/api/v1/records?q=CAP-BIG', as('samr/653100'));
    expect(records.items[0]?.keysBeyondCap).toBe(5);
    expect(records.items[0]?.entityNotes?.filter((n) => n.reason === 'beyond_key_cap').map((n) => n.value)).toEqual(phones.slice(20).map((p) => p.value));
    const clusters = (await json<ClusterPage>('/api/v1/clusters?limit=200', coordinator())).items;
    expect(clusters.filter((c) => c.keys.some((k) => k.value === phones[24]?.value))).toEqual([]);
    expect(await alertsOn('samr/653100', phones[24]?.value ?? '')).toEqual([]);
  }, 120_000);

  it('given samr’s open lead on a USCC, when police reports it twice and cac once, then samr hears one alert on its live feed and lists one notification; a closed lead’s unit hears none', async () => {
    const code = uscc('A1B2C3D');
    // tax's lead on the value is closed before samr reports: tax is nobody to tell.
    await submit('tax/654000', [lead('ALERT-T', [{ kind: 'uscc', value: code }]), leadClosed('ALERT-T')]);
    await submit('samr/653100', [lead('ALERT-S', [{ kind: 'uscc', value: code }])]);
    await hub.coordinated();
    const feed = await openLiveFeed(hub.url, hub.token('samr/653100'));
    const taxFeed = await openLiveFeed(hub.url, hub.token('tax/654000'));
    try {
      await submit('police/650100', [lead('ALERT-P1', [{ kind: 'uscc', value: code }])]);
      const heard = await feed.waitFor((m) => m.some((e) => e.type === 'hit.alerted'));
      expect(heard.find((e) => e.type === 'hit.alerted')).toMatchObject({ source: 'joint/650000', toUnit: 'samr/653100' });
      await submit('police/650100', [lead('ALERT-P2', [{ kind: 'uscc', value: code }])]);
      await submit('cac/652300', [caseOpened('ALERT-C', { entities: [{ kind: 'uscc', value: code }] })]);
      await hub.coordinated();
      // The feed is in stream order: once each unit hears its own later marker, it has heard everything before it.
      await submit('samr/653100', [lead('ALERT-MARK-S', [])]);
      await submit('tax/654000', [lead('ALERT-MARK-T', [])]);
      await feed.waitFor((m) => m.some((e) => e.subject === 'lead/ALERT-MARK-S'));
      await taxFeed.waitFor((m) => m.some((e) => e.subject === 'lead/ALERT-MARK-T'));
      const samrAlerts = await alertsOn('samr/653100', code);
      expect(samrAlerts).toHaveLength(1);
      expect(samrAlerts[0]).toMatchObject({ kind: 'uscc', recordRef: 'samr/653100/lead/ALERT-S', otherRef: 'police/650100/lead/ALERT-P1', read: false });
      expect(feed.messages.filter((e) => e.type === 'hit.alerted').map((e) => e.subject)).toEqual([`hit/${samrAlerts[0]?.id ?? ''}`]);
      // tax closed its lead: nothing for tax, on the feed or in its list.
      expect(taxFeed.messages.filter((e) => e.type === 'hit.alerted')).toEqual([]);
      expect(await alertsOn('tax/654000', code)).toEqual([]);
      // police was told once about cac's case (its two leads carry the value).
      expect((await alertsOn('police/650100', code)).map((n) => n.otherRef)).toEqual(['cac/652300/case/ALERT-C']);
    } finally {
      feed.close();
      taxFeed.close();
    }
  }, 120_000);

  it('given samr’s alert, when samr marks it read and confirms the hit, then its unread count drops, the verdict is an event of samr, and the joint meeting sees it with counts', async () => {
    const code = uscc('F00D123');
    await submit('samr/653100', [lead('FB-S', [{ kind: 'uscc', value: code }])]);
    await submit('police/650100', [lead('FB-P', [{ kind: 'uscc', value: code }])]);
    await hub.coordinated();
    const before = await notifications('samr/653100');
    const [alert] = before.items.filter((n) => n.value === code);
    expect(alert?.read).toBe(false);

    expect((await post(`/api/v1/notifications/${alert?.id ?? ''}/read`, 'samr/653100')).status).toBe(200);
    const after = await notifications('samr/653100');
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n) => n.id === alert?.id)?.read).toBe(true);

    const bad = await post(`/api/v1/notifications/${alert?.id ?? ''}/feedback`, 'samr/653100', { verdict: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body['fields']).toEqual([expect.objectContaining({ path: 'verdict' })]);
    expect((await post(`/api/v1/notifications/${alert?.id ?? ''}/feedback`, 'police/650100', { verdict: 'confirmed' })).status).toBe(404);
    expect((await hub.get('/api/v1/notifications', coordinator())).status).toBe(403);

    const eventId = randomUUID();
    const stored = await post(`/api/v1/notifications/${alert?.id ?? ''}/feedback`, 'samr/653100', { verdict: 'confirmed', note: '同一经营者，已并案', eventId });
    expect(stored.status).toBe(201);
    expect((await post(`/api/v1/notifications/${alert?.id ?? ''}/feedback`, 'samr/653100', { verdict: 'confirmed', note: '同一经营者，已并案', eventId })).body['duplicate']).toBe(true);
    await hub.projected();

    const timeline = await json<{ items: { type: string; source: string }[] }>(`/api/v1/timeline?subject=hit/${alert?.id ?? ''}&unit=samr/653100`, coordinator());
    expect(timeline.items.map((e) => [e.type, e.source])).toEqual([['hit.feedback', 'samr/653100']]);
    const joint = await json<HitFeedbackPage>('/api/v1/hits/feedback', coordinator());
    expect(joint.items.filter((i) => i.value === code)).toEqual([
      expect.objectContaining({ unit: 'samr/653100', alertId: alert?.id, verdict: 'confirmed', note: '同一经营者，已并案', recordRef: 'samr/653100/lead/FB-S', otherRef: 'police/650100/lead/FB-P' }),
    ]);
    expect(joint.byValue.find((c) => c.value === code)).toEqual({ kind: 'uscc', value: code, confirmed: 1, falsePositive: 0 });
    expect(joint.totals.confirmed).toBeGreaterThanOrEqual(1);
    const cluster = (await json<ClusterPage>('/api/v1/clusters?limit=200', coordinator())).items.find((c) => c.keys.some((k) => k.value === code));
    const detail = await json<ClusterDetail>(`/api/v1/clusters/${cluster?.clusterId ?? ''}`, coordinator());
    expect(detail.feedback).toEqual([{ kind: 'uscc', value: code, confirmed: 1, falsePositive: 0 }]);
    expect((await hub.get('/api/v1/hits/feedback', as('samr/653100'))).status).toBe(403);
  }, 120_000);
});
