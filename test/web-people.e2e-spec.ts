import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { base32Decode } from '@hub/domain';
import { totp } from '../apps/gateway/src/people/totp.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';
import { leadReported } from './support/events.js';


type BrowserFetch = (url: string) => Promise<{ status: number }>;

describe('web UI, people: the admin signs in with password + TOTP, creates a clerk, grants the role; the clerk sees its unit only', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go, choose, date } = pageMoves(() => page, () => hub.url);
  let clerkPassword = '';

  const statusOf = (url: string): Promise<number> => page.evaluate(async (path) => (await (globalThis as unknown as { fetch: BrowserFetch }).fetch(path)).status, url);

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, people: true });
    expect((await hub.submit('samr', [leadReported('L-KS-1')], { unit: 'samr/653100' })).status).toBe(201);
    expect((await hub.submit('police', [leadReported('L-WLMQ-1')], { unit: 'police/650100' })).status).toBe(201);
    await hub.projected();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the bootstrap admin, when signing in with password and TOTP, then the account and admin pages are all it sees', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#username-input').fill('admin');
    await page.locator('#password-input').fill(hub.credentials.admin.password);
    await shot('people-01-sign-in');
    await page.getByTestId('sign-in-person').click();
    await page.getByTestId('sign-in-error').waitFor(); // privileged: the code is required
    await page.locator('#totp-input').fill(totp(base32Decode(hub.credentials.admin.totpSecret), new Date()));
    await page.getByTestId('sign-in-person').click();
    await expect(page.getByTestId('principal').textContent()).resolves.toBe('系统管理员（admin）');
    await page.getByTestId('account-username').waitFor();
    expect(await statusOf('/api/v1/referrals')).toBe(403);
  });

  it('given the admin page, when creating 李明 and granting clerk of samr/653100, then the role shows with its unit', async () => {
    await go('/admin');
    await page.locator('#new-username').fill('liming');
    await page.locator('#new-display-name').fill('李明');
    await page.getByTestId('create-account').click();
    clerkPassword = (await page.getByTestId('created-password').textContent()) ?? '';
    expect(clerkPassword.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId('grant-account').click();
    await page.getByText('李明（liming）', { exact: true }).click();
    await page.locator('#grant-scope').fill('samr/653100');
    await page.locator('#grant-reason').fill('喀什地区市场监管局网剑行动填报员');
    await page.getByTestId('grant').click();
    await page.getByTestId('admin-note').getByText(/已授予角色/).waitFor();
    await page.getByTestId('accounts').getByText('填报员（喀什地区市场监督管理局）').waitFor();
    await shot('people-02-admin');
  });

  it('given the clerk, when signing in with the one-time password, then it sees its unit and its clusters, and the hub answers nothing outside it', async () => {
    await page.getByText('退出').click();
    await page.locator('#username-input').fill('liming');
    await page.locator('#password-input').fill(clerkPassword);
    await page.getByTestId('sign-in-person').click();
    await expect(page.getByTestId('principal').textContent()).resolves.toBe('喀什地区市场监督管理局（liming）');
    // A unit sees the clusters its own leads are in (issue 15 §3), not the joint office's over-correlation list.
    await expect(page.getByText('关联线索组').count()).resolves.toBeGreaterThan(0);
    expect(await statusOf('/api/v1/annex?scope=all')).toBe(403);
    expect(await statusOf('/api/v1/clusters')).toBe(200);
    expect(await statusOf('/api/v1/clusters/over-correlating')).toBe(403);
    expect(await statusOf('/api/v1/referrals/inbox')).toBe(200);
    await page.locator('[data-loaded="true"]').waitFor();
    await shot('people-03-clerk');
    expect(pageErrors).toEqual([]);
  });

  it('given the signed-in clerk (a session cookie, no bearer token), when it records an interview on 录入, then the form sends its CSRF token and the event is stored', async () => {
    await go('/entry?form=guidance.given');
    await page.getByTestId('field-participants').waitFor();
    await page.getByTestId('field-key').locator('input').fill('G-PEOPLE-1');
    await date('time', '2021-10-09');
    await choose('kind', '行政约谈');
    await page.getByTestId('field-operatorName').locator('input').fill('喀什约谈电商平台');
    await page.getByTestId('field-topic').locator('textarea').fill('平台未区分标记自营和非自营业务，约谈整改');
    await date('heldAt', '2021-10-09');
    await choose('participants', '市场监督管理局');
    await page.keyboard.press('Escape');
    const before = await hub.storedEvents();
    await page.getByTestId('submit-form').click();
    await page.getByText('行政指导/约谈：已提交').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await shot('people-04-clerk-entry');
    expect(pageErrors).toEqual([]);
  });

  it('given a laptop screen (1,280 × 720), when the signed-in clerk opens its pages, then the header stays one line with 退出 in it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const [route, title] of [['/records', '我的记录'], ['/cases', '案件与典型案例'], ['/entry', '录入']] as const) {
      await go(route);
      const header = page.locator('.n-layout-header');
      await header.getByText(title, { exact: true }).waitFor();
      const headerBox = await header.boundingBox();
      const titleBox = await header.getByText(title, { exact: true }).boundingBox();
      const signOut = await header.getByText('退出').boundingBox();
      const principal = await page.getByTestId('principal').boundingBox();
      await shot(`people-05-laptop-header${route.replace('/', '-')}`);
      // Before, a person's name with its unit pushed 退出 to a second line and the title wrapped (the layout allows 53 px).
      expect(headerBox?.height ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(53);
      expect(titleBox?.height ?? Number.POSITIVE_INFINITY).toBeLessThan(30);
      expect((signOut?.x ?? Number.POSITIVE_INFINITY) + (signOut?.width ?? 0)).toBeLessThanOrEqual(1280);
      expect(principal?.height ?? Number.POSITIVE_INFINITY).toBeLessThan(30);
    }
    // The whole name stays at hand where it is cut.
    await expect(page.getByTestId('principal').getAttribute('title')).resolves.toBe('喀什地区市场监督管理局（liming）');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
