import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { ARTIFACTS, launchChromium } from './support/web-page.js';

const UNIT = 'samr/653100';

type BrowserWindow = { location: { hash: string } };

describe('web UI: a clerk runs a 双随机 draw and sees the selected operators', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true, coordination: true });
    const shops = [1, 2, 3, 4].map((n) =>
      event('operator.registered', `operator/OP-${n}`, { kind: 'platform_shop', name: `喀什网店${n}`, selfDeclared: true, platform: '淘宝', shopId: `5550${n}`, licenceDisplay: 'shown', permitDisplay: 'not_required', markDisplay: 'shown', region: '653100' }),
    );
    const seeded = await hub.submit('samr', shops, { unit: UNIT });
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
  });

  it('given the register, when the clerk draws three of four shops on 双随机抽查, then the reveal lists three registered operators with inspectors, and 复核 passes', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.token(UNIT));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
    await page.evaluate((hash) => ((globalThis as unknown as BrowserWindow).location.hash = hash), '#/draws');
    await page.getByTestId('draw-id').locator('input').fill('D-WEB-1');
    await page.getByTestId('draw-run').click();

    await page.getByTestId('draw-status').filter({ hasText: '已揭示' }).waitFor();
    const rows = page.getByTestId('draw-selected').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const operators = await rows.locator('td:first-child').allTextContents();
    for (const operator of operators) expect(operator).toMatch(/^samr\/653100\/operator\/OP-[1-4]$/);
    expect(new Set(operators).size).toBe(3);
    // The UI shows what the reveal in the log says.
    const api = (await (await hub.get('/api/v1/draws/samr-653100-draw-D-WEB-1', { unit: UNIT })).json()) as { selected: { operator: string }[] };
    expect(operators).toEqual(api.selected.map((s) => s.operator));

    await page.getByTestId('verify-samr-653100-draw-D-WEB-1').click();
    await page.getByTestId('verdict-samr-653100-draw-D-WEB-1').filter({ hasText: '复核通过' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'web-draws.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
