import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import pg from 'pg';
import { base32Decode } from '@hub/domain';
import { totp } from '../apps/gateway/src/people/totp.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';
import { event, leadReported } from './support/events.js';


type Account = { id: string; username: string; password: string; totpSecret: string };

describe('web UI, scopes: a line supervisor returns a filing, the auditor reads the access log, an idle session ends at sign-in', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const accounts = new Map<string, Account>();
  const pageErrors: string[] = [];
  const { shot } = pageMoves(() => page, () => hub.url);


  /** The admin, over the API: creates an account with TOTP and grants it one role. */
  const createPerson = async (cookie: string, csrf: string, username: string, role: string, scope?: string): Promise<Account> => {
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const created = (await (await fetch(`${hub.url}/api/v1/accounts`, { method: 'POST', headers, body: JSON.stringify({ username, displayName: username, totp: true }) })).json()) as Account;
    const granted = await fetch(`${hub.url}/api/v1/accounts/${created.id}/roles`, { method: 'POST', headers, body: JSON.stringify({ role, ...(scope ? { scope } : {}), reason: '浏览器测试' }) });
    expect(granted.status).toBe(201);
    return created;
  };

  const signIn = async (account: Account): Promise<void> => {
    await page.goto(`${hub.url}/`);
    await page.locator('#username-input').fill(account.username);
    await page.locator('#password-input').fill(account.password);
    await page.locator('#totp-input').fill(totp(base32Decode(account.totpSecret), new Date()));
    await page.getByTestId('sign-in-person').click();
    await page.getByTestId('principal').waitFor();
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, people: true });
    expect((await hub.submit('police', [leadReported('L-P1'), event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区公安局网剑行动工作总结' })], { unit: 'police/653100' })).status).toBe(201);
    await hub.projected();
    const signedIn = await fetch(`${hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.credentials.admin.password, totp: totp(base32Decode(hub.credentials.admin.totpSecret), new Date()) }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    accounts.set('line', await createPerson(cookie, csrfToken, 'wangqiang', 'line_supervisor', 'police'));
    accounts.set('auditor', await createPerson(cookie, csrfToken, 'zhaomin', 'auditor'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given a line supervisor, when it returns a unit\'s filing with a reason on 报送准备, then the row shows it returned', async () => {
    await signIn(accounts.get('line') as Account);
    await expect(page.getByTestId('principal').textContent()).resolves.toMatch(/条线主管（wangqiang）$/);
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/readiness'));
    await page.getByRole('button', { name: '退回', exact: true }).click();
    await page.getByPlaceholder('退回原因（必填）：请说明需要修改或补充的内容').fill('典型案例未附行政处罚决定书，请补充后重新报送');
    await shot('scopes-01-return-filing');
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回', { exact: true }).waitFor();
    await shot('scopes-02-filing-returned');
    const readiness = (await page.evaluate(async () => (await (await fetch('/api/v1/readiness?region=653100')).json()))) as { items: { unit: string; returned: { reason: string } | null }[] };
    expect(readiness.items.find((i) => i.unit === 'police/653100')?.returned?.reason).toBe('典型案例未附行政处罚决定书，请补充后重新报送');
  });

  it('given a laptop screen (1,280 × 720), when the line supervisor reads 报送准备, then 缺少 reads across and the row\'s 操作 is in sight without scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const row = page.getByTestId('readiness-table').locator('tr', { hasText: '已退回' });
    const missing = await row.locator('td[data-col-key="missing"]').boundingBox();
    const action = await row.getByText('已退回', { exact: true }).boundingBox();
    await shot('scopes-02b-readiness-laptop');
    // Before, the fixed columns took it all: 缺少 stood 30 px wide and 操作 sat past the right edge.
    expect(missing?.width ?? 0).toBeGreaterThan(150);
    expect((action?.x ?? Number.POSITIVE_INFINITY) + (action?.width ?? 0)).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('given the auditor, when it opens 访问日志, then the line supervisor\'s return is listed with its actor', async () => {
    await page.context().clearCookies();
    await signIn(accounts.get('auditor') as Account);
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/access-log'));
    const table = page.getByTestId('access-log-table');
    await table.getByText('POST /api/v1/readiness/return').first().waitFor();
    await expect(table.getByText(`account:${(accounts.get('line') as Account).id}`).first().textContent()).resolves.toContain('account:');
    await shot('scopes-03-access-log');
  });

  it('given a signed-in person idle for 31 minutes, when the page next asks the hub, then it is back at sign-in with a notice', async () => {
    const client = new pg.Client({ connectionString: hub.database?.url });
    await client.connect();
    try {
      await client.query("UPDATE people.sessions SET last_seen_at = now() - interval '31 minutes' WHERE account_id = $1", [(accounts.get('auditor') as Account).id]);
    } finally {
      await client.end();
    }
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('session-ended').waitFor();
    await page.locator('#username-input').waitFor();
    await shot('scopes-04-session-expired');
    expect(pageErrors).toEqual([]);
  });
});
