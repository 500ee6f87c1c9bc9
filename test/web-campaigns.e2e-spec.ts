import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { CAMPAIGN_DIRS_ENV } from '@hub/domain';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { ARTIFACTS, launchChromium } from './support/web-page.js';

const EXAMPLES = fileURLToPath(new URL('../libs/domain/src/annex/campaigns/examples/', import.meta.url));
const UNIT = 'samr/653100';

type BrowserWindow = { location: { hash: string } };

describe('web UI: the campaign selector (two campaign files)', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const previousDirs = process.env[CAMPAIGN_DIRS_ENV];

  beforeAll(async () => {
    process.env[CAMPAIGN_DIRS_ENV] = EXAMPLES;
    hub = await TestHub.start({ departments: ['samr'], projector: true });
    const seeded = await hub.submit(
      'samr',
      [
        event('inspection.recorded', 'inspection/I-21', { targetKind: 'website_or_shop', count: 7 }, '2021-10-15T10:00:00+08:00'),
        event('inspection.recorded', 'inspection/I-22', { targetKind: 'website_or_shop', count: 5 }, '2022-09-15T10:00:00+08:00'),
      ],
      { unit: UNIT },
    );
    if (seeded.status !== 201) throw new Error(`seed: ${seeded.status} ${JSON.stringify(seeded.body)}`);
    await hub.projected();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    if (previousDirs === undefined) delete process.env[CAMPAIGN_DIRS_ENV];
    else process.env[CAMPAIGN_DIRS_ENV] = previousDirs;
  });

  it('given 2021 and the 2022 example, when the coordinator switches campaigns in the header, then the annex page shows the chosen campaign, also after a reload', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.credentials.coordinator);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
    await page.evaluate((hash) => ((globalThis as unknown as BrowserWindow).location.hash = hash), '#/annex');

    const preview = page.getByTestId('annex-preview');
    const selector = page.getByTestId('campaign-select');
    // The current campaign (the latest start) is shown first.
    await preview.getByText('2022网络市场监管专项行动情况统计表（示例）').waitFor();
    await preview.getByTestId('cell-sa-1').filter({ hasText: /^5$/ }).waitFor();
    await expect(preview.locator('tr[data-row="cac-3"]').count()).resolves.toBe(0);
    await expect(selector.textContent()).resolves.toContain('2022 网络市场监管专项行动');

    await selector.click();
    await page.locator('.n-base-select-option:visible', { hasText: '2021 网络市场监管专项行动' }).first().click();
    await preview.getByText('2021网络市场监管专项行动情况统计表').waitFor();
    await preview.getByTestId('cell-sa-1').filter({ hasText: /^7$/ }).waitFor();
    await expect(preview.locator('tr[data-row="cac-3"]').count()).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'web-campaigns-2021.png'), fullPage: true });

    // The choice is kept in this browser.
    await page.reload();
    await page.getByTestId('annex-preview').getByText('2021网络市场监管专项行动情况统计表').waitFor();
    await expect(page.getByTestId('campaign-select').textContent()).resolves.toContain('2021 网络市场监管专项行动');
    expect(pageErrors).toEqual([]);
  });

  it('given one unit signed in, when it opens its readiness page for the chosen campaign, then the due date is that campaign’s', async () => {
    await page.getByText('退出').click();
    await page.locator('#token-input').fill(hub.token(UNIT));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
    await page.evaluate((hash) => ((globalThis as unknown as BrowserWindow).location.hash = hash), '#/readiness');
    // The browser still holds the 2021 choice.
    await page.getByText('各单位须于 2021-12-05 前').waitFor();
    await page.getByTestId('campaign-select').click();
    await page.locator('.n-base-select-option:visible', { hasText: '2022 网络市场监管专项行动' }).first().click();
    await page.getByText('各单位须于 2022-11-20 前').waitFor();
    expect(pageErrors).toEqual([]);
  });
  it('given the 双随机抽查 page, then the form offers the items of the campaign now falls in, and a past campaign only lists its draws', async () => {
    // Still the unit, with 2022 chosen: the form offers 2022's items, key-05 among them.
    await page.evaluate((hash) => ((globalThis as unknown as BrowserWindow).location.hash = hash), '#/draws');
    await page.getByTestId('draw-item').click();
    await page.locator('.n-base-select-option:visible', { hasText: '网络直播营销活动中的虚假宣传（示例）' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('campaign-select').click();
    await page.locator('.n-base-select-option:visible', { hasText: '2021 网络市场监管专项行动' }).first().click();
    await page.getByTestId('draws-closed').waitFor();
    await expect(page.getByTestId('draw-run').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'web-campaigns-draws-2021.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
