import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ClusterDetail } from '@hub/contracts';
import { DEFAULT_WEB_ROOT } from '../apps/gateway/src/web/serve-web-ui.js';
import { TestHub } from './support/test-hub.js';
import { leadReported } from './support/events.js';

// The clusters page in a real browser (as test/web.e2e-spec.ts): a coordinator unlinks and links back a member.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const CLUSTER = 'samr-653100-lead-L-SHOP-1';

describe('web UI in a real browser: a coordinator unlinks and links back a cluster member', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const now = new Date('2021-10-08T12:00:00+08:00');

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const members = async (): Promise<[string, string][]> => {
    const detail = (await (await hub.get(`/api/v1/clusters/${CLUSTER}`, { token: hub.credentials.coordinator })).json()) as ClusterDetail;
    return detail.members.map((member) => [member.member, member.via]);
  };

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: run `npm run build:web` (npm run test:e2e does)');
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    await mkdir(ARTIFACTS, { recursive: true });
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, clock: () => now });
    const shop = (summary: string, url: string) => ({ category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary, entities: [{ kind: 'shop_url', value: url }] });
    expect((await hub.submit('samr', leadReported('L-SHOP-1', { data: shop('网店销售假冒运动鞋', 'https://shop778899.taobao.com/?spm=a230r.1') }), { unit: 'samr/653100' })).status).toBe(201);
    expect((await hub.submit('police', leadReported('L-SHOP-7', { data: shop('群众举报该网店售假', 'http://shop778899.taobao.com') }), { unit: 'police/650100' })).status).toBe(201);
    await hub.coordinated();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the cluster open, when unlinking a member with a reason, then the qualified member is unlinked', async () => {
    expect(await members()).toEqual([['samr/653100/lead/L-SHOP-1', 'key'], ['police/650100/lead/L-SHOP-7', 'key']]);
    await page.goto(`${hub.url}/#/clusters`);
    await page.locator('#token-input').fill(hub.credentials.coordinator);
    await page.getByTestId('sign-in').click();
    await page.getByRole('button', { name: CLUSTER }).click();
    await page.getByPlaceholder('必填').fill('店铺已易主，非同一经营者');
    await page.locator('tr', { hasText: 'L-SHOP-7' }).getByRole('button', { name: '取消关联' }).click();
    await page.getByText('已取消关联').waitFor();
    await hub.coordinated();
    expect(await members()).toEqual([['samr/653100/lead/L-SHOP-1', 'key']]);
    await shot('11-cluster-unlinked');
  });

  it('given a laptop screen (1,280 × 720), when the coordinator opens the cluster, then each member\'s 摘要 reads across and 取消关联 is in sight without scrolling', async () => {
    await page.keyboard.press('Escape'); // the drawer as the unlink left it
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: CLUSTER }).click();
    const member = page.locator('tr', { has: page.getByRole('button', { name: '取消关联' }) });
    await member.waitFor();
    const summary = await member.locator('td[data-col-key="summary"]').boundingBox();
    const unlink = await member.getByRole('button', { name: '取消关联' }).boundingBox();
    await shot('11b-cluster-laptop');
    // Before, the drawer's fixed columns took all its 900 px: 摘要 was 0 px wide and 取消关联 out of sight.
    expect(summary?.width ?? 0).toBeGreaterThan(200);
    expect((unlink?.x ?? Number.POSITIVE_INFINITY) + (unlink?.width ?? 0)).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('given the cluster formed by correlation and a member unlinked, when the coordinator reads its 变更记录, then the entries say what happened and who did it in Chinese', async () => {
    const history = page.locator('.n-card', { hasText: '变更记录' });
    await history.getByText('形成关联线索组').waitFor();
    // An entry about several leads (a cluster formed; a batch's growths are one cluster.grown) names each of them.
    await history.getByText(/2 条线索：.*L-SHOP-1、.*L-SHOP-7/).waitFor();
    await history.getByText('自动关联', { exact: false }).first().waitFor();
    await history.getByText('协调员', { exact: false }).first().waitFor();
    // Before, the timeline showed the event types and actors as codes.
    expect(await history.textContent()).not.toMatch(/cluster\.(formed|unlinked)|correlation|coordinator/);
  });

  it('given the lead unlinked, when linking it back by its qualified id, then it is a manual member again', async () => {
    await page.getByPlaceholder('例如 samr/653100/lead/L-2021-0001').fill('police/650100/lead/L-SHOP-7');
    await page.getByPlaceholder('必填').fill('复核后确认同一经营者');
    await page.getByRole('button', { name: '关联', exact: true }).click();
    await page.getByText('已关联', { exact: true }).waitFor();
    await hub.coordinated();
    expect(await members()).toEqual([['samr/653100/lead/L-SHOP-1', 'key'], ['police/650100/lead/L-SHOP-7', 'manual']]);
    // The open drawer shows the cluster as it was when the link was answered: open it again.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: CLUSTER }).click();
    await page.locator('tr', { hasText: 'L-SHOP-7' }).getByRole('button', { name: 'L-SHOP-7' }).click();
    await page.getByText('lead/L-SHOP-7 v1').waitFor(); // the timeline found the lead: it was asked with its unit
    expect(page.url()).toMatch(/#\/timeline\?subject=lead\/L-SHOP-7&unit=police\/650100$/);
    await shot('12-cluster-member-timeline');
  });
});
