// Issue 15 §5 in the browser: a samr clerk with an open lead sees the 通知 unread count once police reports a lead on
// the same USCC, opens the notification and marks it 已确认 — a hit.feedback event of samr the joint meeting sees.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import type { HitFeedbackPage, NotificationPage } from '@hub/contracts';
import { base32Decode, usccCheckChar } from '@hub/domain';
import { totp } from '../apps/gateway/src/people/totp.js';
import { leadReported } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';

const UNIT = 'samr/653100';
const FIRST17 = '91653100MA7WEB012';
const CODE = `${FIRST17}${usccCheckChar(FIRST17)}`;

/** The admin's session (password + TOTP, CSRF on writes), to create the clerk. */
async function adminCall(hub: TestHub, calls: { path: string; body: unknown }[]): Promise<Record<string, unknown>[]> {
  const signIn = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: hub.credentials.admin.username, password: hub.credentials.admin.password, totp: totp(base32Decode(hub.credentials.admin.totpSecret), new Date()) }),
  });
  if (signIn.status !== 200) throw new Error(`admin sign-in: ${signIn.status}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = String(((await signIn.json()) as Record<string, unknown>)['csrfToken']);
  const answers: Record<string, unknown>[] = [];
  for (const call of calls) {
    const id = answers[0]?.['id'];
    const path = call.path.replace(':id', typeof id === 'string' ? id : '');
    const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(call.body) });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    answers.push((await response.json()) as Record<string, unknown>);
  }
  return answers;
}

describe('web UI: 通知 — a samr clerk is alerted to a police lead on its open lead’s USCC and confirms the hit', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let password = '';
  const pageErrors: string[] = [];
  const { shot } = pageMoves(() => page, () => hub.url);

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, people: true });
    const [created] = await adminCall(hub, [
      { path: '/api/v1/accounts', body: { username: 'wangfang', displayName: '王芳' } },
      { path: '/api/v1/accounts/:id/roles', body: { role: 'clerk', scope: UNIT, reason: '喀什地区市场监管局网剑行动填报员' } },
    ]);
    password = String(created?.['password']);
    const samr = await hub.submit('samr', [leadReported('L-NOTE-1', { data: { category: 'counterfeit', channel: 'monitoring', summary: '网店销售假冒运动鞋', entities: [{ kind: 'uscc', value: CODE }] } })], { unit: UNIT });
    if (samr.status !== 201) throw new Error(`seed: ${samr.status} ${JSON.stringify(samr.body)}`);
    await hub.coordinated();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the clerk signed in, when police reports a lead on the same USCC, then 通知 shows 1 unread; the clerk opens it and marks it 已确认', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#username-input').fill('wangfang');
    await page.locator('#password-input').fill(password);
    await page.getByTestId('sign-in-person').click();
    await expect(page.getByTestId('principal').textContent()).resolves.toBe('喀什地区市场监督管理局（wangfang）');
    await page.getByTestId('live-status').getByText('实时连接').waitFor();
    const badge = page.getByTestId('notifications-badge');
    const button = page.getByTestId('notifications-button');
    await page.locator('[data-testid="notifications-button"][data-unread="0"]').waitFor();
    await expect(badge.locator('.n-badge-sup').count()).resolves.toBe(0);

    const police = await hub.submit('police', [leadReported('L-NOTE-P', { data: { category: 'counterfeit', channel: 'tip', summary: '群众举报同一经营者售假', entities: [{ kind: 'uscc', value: CODE }] } })], { unit: 'police/650100' });
    expect(police.status).toBe(201);
    await hub.coordinated();
    // The alert arrives over the live feed: the header's count follows without a reload.
    await page.locator('[data-testid="notifications-button"][data-unread="1"]').waitFor();
    await badge.locator('.n-badge-sup').waitFor();
    await shot('notifications-01-unread');

    const [alert] = (await (await hub.get('/api/v1/notifications', { unit: UNIT })).json() as NotificationPage).items;
    expect(alert).toMatchObject({ kind: 'uscc', value: CODE, otherUnit: 'police/650100', read: false });
    const id = alert?.id ?? '';
    await button.click();
    await page.getByTestId(`hit-value-${id}`).getByText(CODE, { exact: false }).waitFor();
    await page.getByTestId(`unread-${id}`).waitFor();
    await shot('notifications-02-list');

    await page.getByTestId(`confirm-${id}`).click();
    await page.getByTestId(`verdict-${id}`).getByText('已确认').waitFor();
    await page.getByTestId(`unread-${id}`).waitFor({ state: 'detached' });
    await page.locator('[data-testid="notifications-button"][data-unread="0"]').waitFor();
    await shot('notifications-03-confirmed');

    // Marked read for this person; the unit's key (another reader) still has it unread.
    expect(((await (await hub.get('/api/v1/notifications', { unit: UNIT })).json()) as NotificationPage).unread).toBe(1);
    const joint = (await (await hub.get('/api/v1/hits/feedback', { token: hub.credentials.coordinator })).json()) as HitFeedbackPage;
    expect(joint.items).toEqual([expect.objectContaining({ unit: UNIT, alertId: id, verdict: 'confirmed', recordRef: `${UNIT}/lead/L-NOTE-1`, otherRef: 'police/650100/lead/L-NOTE-P' })]);
    const log = await (await fetch(`${hub.url}/api/v1/audit/events?type=hit.feedback`, { headers: { authorization: `Bearer ${hub.credentials.auditor}` } })).text();
    expect(log).toMatch(/"actor":"account:[^"]+"/); // signed as the clerk's act
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
