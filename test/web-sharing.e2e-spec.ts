import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import type { ReferralPage } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';
import { leadReported } from './support/events.js';

// Issue 15 in a real browser: a police clerk searches a shop from the header, reads samr's joint lead, finds a
// unit-level lead only as existence and requests it; the samr clerk finds the assistance request in its inbox.
const SHARED_SHOP = 'https://shop880011.taobao.com/?spm=a230r.1';
const CLOSED_SHOP = 'https://shop880022.taobao.com/';
const JOINT_SUMMARY = '网店销售假冒运动鞋，已固定证据';
const UNIT_SUMMARY = '内部研判：该网店与在办案件有关，暂不共享';

describe('web UI, sharing: search from the header, existence-only hits, one-click 请求协查 reaching the holder', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot } = pageMoves(() => page, () => hub.url);

  const signInWithToken = async (unit: string, path: string): Promise<void> => {
    await page.goto(`${hub.url}/#${path}`);
    await page.locator('#token-input').fill(hub.token(unit));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
  };
  const searchShop = async (url: string): Promise<void> => {
    await page.getByTestId('search-value').fill(url);
    await page.getByTestId('search-go').click();
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, clock: () => new Date('2021-10-20T10:00:00+08:00') });
    const lead = (id: string, summary: string, shop: string, distribution: string) =>
      leadReported(id, { data: { category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary, distribution, entities: [{ kind: 'shop_url', value: shop }] } });
    expect((await hub.submit('samr', [lead('L-JOINT', JOINT_SUMMARY, SHARED_SHOP, 'joint'), lead('L-UNIT', UNIT_SUMMARY, CLOSED_SHOP, 'unit')], { unit: 'samr/653100' })).status).toBe(201);
    expect((await hub.submit('police', [lead('L-POL', '群众举报该网店售假', SHARED_SHOP, 'joint')], { unit: 'police/650100' })).status).toBe(201);
    await hub.coordinated();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it("given a police clerk, when it searches the shared shop from the header, then samr's joint lead shows in full with its cluster", async () => {
    await signInWithToken('police/650100', '/overview');
    await searchShop('http://SHOP880011.taobao.com/index.htm?utm_source=wechat');
    const results = page.getByTestId('search-results');
    await results.getByText(JOINT_SUMMARY).waitFor();
    await expect(page.getByTestId('search-summary').textContent()).resolves.toContain('shop_url:taobao:shop:880011');
    const row = await results.locator('tr', { hasText: JOINT_SUMMARY }).textContent();
    expect(row).toContain('联席会议全体成员单位');
    expect(row).toMatch(/(samr-653100|police-650100)-lead-L-/); // its cluster
    await shot('sharing-01-joint-hit');
  });

  it('given a laptop screen (1,280 × 720), when the clerk searches, then each hit\'s 内容 reads across and 请求协查 is in sight without scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await searchShop(SHARED_SHOP);
    const joint = page.getByTestId('search-results').locator('tr', { hasText: JOINT_SUMMARY });
    await joint.waitFor();
    const content = await joint.locator('td[data-col-key="summary"]').boundingBox();
    await searchShop(CLOSED_SHOP);
    const request = await page.getByTestId('search-results').getByRole('button', { name: '请求协查' }).boundingBox();
    await shot('sharing-01b-laptop');
    // Before, the other columns left 内容 74 px; 请求协查 sits in the last column.
    expect(content?.width ?? 0).toBeGreaterThan(200);
    expect((request?.x ?? Number.POSITIVE_INFINITY) + (request?.width ?? 0)).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('given a unit-level lead, when the clerk searches its shop, then only its existence shows, and 请求协查 sends the request', async () => {
    await searchShop(CLOSED_SHOP);
    const hit = page.getByTestId('search-results').locator('tr', { hasText: '仅可见存在' });
    await hit.getByTestId('existence-only').waitFor();
    await expect(hit.textContent()).resolves.toContain('共享范围不含本单位');
    expect(await page.content()).not.toContain(UNIT_SUMMARY);
    await shot('sharing-02-existence-only');
    await hit.getByRole('button', { name: '请求协查' }).click();
    await hit.getByText('已请求').waitFor();
    await shot('sharing-03-requested');
  });

  it('given the police clerk on 关联线索组, then its cluster lists samr as a member and offers no link or unlink', async () => {
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/clusters'));
    await page.getByRole('button', { name: /-lead-L-/ }).first().click();
    await page.getByText(JOINT_SUMMARY).waitFor();
    expect(await page.getByRole('button', { name: '取消关联' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '关联', exact: true }).count()).toBe(0);
    await shot('sharing-04-unit-cluster');
  });

  it('given the samr clerk, when it opens 移送协查, then the assistance request is in its inbox naming the record', async () => {
    await hub.projected();
    const inbox = (await (await hub.get('/api/v1/referrals/inbox', { unit: 'samr/653100' })).json()) as ReferralPage;
    expect(inbox.items.map((i) => [i.kind, i.recordRef, i.fromUnit])).toEqual([['assistance', 'samr/653100/lead/L-UNIT', 'police/650100']]);
    await page.keyboard.press('Escape'); // the cluster drawer
    await page.getByRole('button', { name: '退出' }).click();
    await signInWithToken('samr/653100', '/referrals');
    const row = page.locator('tr', { hasText: 'samr/653100/lead/L-UNIT' });
    await row.getByTestId('assistance-tag').waitFor();
    await expect(row.textContent()).resolves.toContain('请求协查');
    await shot('sharing-05-inbox');
    expect(pageErrors).toEqual([]);
  });
});
