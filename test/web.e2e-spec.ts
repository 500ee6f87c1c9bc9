import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { TestHub } from './support/test-hub.js';
import { ARTIFACTS, launchChromium, pageMoves } from './support/web-page.js';
import { caseOpened, event, leadReported } from './support/events.js';

// The built UI (npm run test:e2e builds it first) in Debian's chromium, headless; screenshots are kept as artifacts.

/** The browser's window as far as these tests touch it (the test tsconfig has no DOM lib). */
// (page.evaluate ships the function's source to the browser: no Node-side helpers inside it.)
type BrowserWindow = { location: { hash: string }; noReload?: boolean };

// Starting a whole hub (nats-server, PostgreSQL database, services) takes longer than Jest's 5 s default.

describe('web UI in a real browser: sign in, live referral board, overdue filter, annex download', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go } = pageMoves(() => page, () => hub.url);
  /** Anything the gateway's Content-Security-Policy blocked (the UI must work under it unchanged). */
  const cspViolations: string[] = [];
  const now = new Date('2021-11-20T12:00:00+08:00');


  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police', 'forestry', 'customs'], projector: true, clock: () => now });
    const seed: [string, string, unknown[]][] = [
      [
        'samr',
        'samr/653100',
        [
          leadReported('L-OLD'),
          event('lead.referred', 'lead/L-OLD', { referralId: 'R-OLD', toDepartment: 'police', toRegion: '650100', reason: '网店销售假冒商品，涉嫌犯罪' }, '2021-10-11T10:00:00+08:00'),
          caseOpened('C-1'),
          event('case.decided', 'case/C-1', { decisionNo: '喀市监处罚〔2021〕1号', fine: 50_000, confiscation: 1_200 }, '2021-11-01T10:00:00+08:00'),
          event('case.marked_typical', 'case/C-1', { reason: '跨区域协作' }, '2021-11-02T10:00:00+08:00'),
          event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 7 }),
        ],
      ],
      ['customs', 'customs/650100', [event('seizure.recorded', 'seizure/S-1', { channel: 'postal_express', batches: 3, pieces: 420 })]],
    ];
    for (const [department, unit, events] of seed) {
      const response = await hub.submit(department, events, { unit });
      if (response.status !== 201) throw new Error(`seed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    await hub.projected();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    await context.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /CSP violation|Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the coordinator token, when signing in, then the overview shows the campaign figures and charts', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.credentials.coordinator);
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('principal').textContent()).resolves.toBe('联席会议协调员');
    await page.getByText('各部门 × 各地区 报送活跃度（事件数）').waitFor();
    await page.locator('[data-loaded="true"]').waitFor();
    await expect(page.getByTestId('figure-0').getAttribute('data-value')).resolves.toBe('7'); // every seeded event
    await expect(page.getByTestId('figure-5').getAttribute('data-value')).resolves.toBe('1'); // one typical case
    // The figures count the campaign's period only, and the page says which period that is.
    await expect(page.getByTestId('overview-window').textContent()).resolves.toMatch(/行动期（\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}）内的事件/);
    await page.locator('canvas').first().waitFor();
    await page.getByTestId('live-status').getByText('实时连接').waitFor();
    await shot('01-overview');
    expect(pageErrors).toEqual([]);
  });

  it('given the referral board open, when a referral is submitted through the API, then it appears without a reload', async () => {
    await go('/referrals');
    await page.locator('#referral-R-OLD').waitFor();
    await page.evaluate(() => ((globalThis as unknown as BrowserWindow).noReload = true));
    const submitted = await hub.submit(
      'forestry',
      [
        leadReported('L-NEW', { time: '2021-11-20T09:00:00+08:00', data: { category: 'wildlife', channel: 'monitoring', summary: '网店出售野生动物制品', entities: [] } }),
        event('lead.referred', 'lead/L-NEW', { referralId: 'R-NEW', toDepartment: 'police', toRegion: '653100', reason: '涉嫌非法交易野生动物制品' }, '2021-11-20T10:00:00+08:00'),
      ],
      { unit: 'forestry/653100' },
    );
    expect(submitted.status).toBe(201);
    await page.locator('#referral-R-NEW').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).noReload)).toBe(true);
    await expect(page.locator('#referral-R-OLD').getByTestId('overdue-tag').count()).resolves.toBe(1);
    await expect(page.locator('#referral-R-NEW').getByTestId('overdue-tag').count()).resolves.toBe(0);
    await shot('02-referrals-live');
  });

  it('given both referrals, when filtering overdue only, then only the overdue one is listed, highlighted', async () => {
    await page.getByText('仅超期').click();
    await page.locator('#referral-R-NEW').waitFor({ state: 'detached' });
    const rows = await page
      .locator('tr[id^="referral-"]')
      .evaluateAll((trs: { id: string; className: string }[]) => trs.map((tr): [string, boolean] => [tr.id, tr.className.includes('overdue-row')]));
    expect(rows).toEqual([['referral-R-OLD', true]]);
    await shot('03-referrals-overdue');
  });

  it('given the annex page, when downloading the XLSX, then it is the printed form with the values', async () => {
    await go('/annex');
    await page.getByTestId('annex-preview').locator('tr[data-row="cus-2"]').getByText('420').waitFor();
    await shot('04-annex');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('annex-all.xlsx');
    const file = join(ARTIFACTS, 'annex-all.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell('A1').text).toBe('2021网络市场监管专项行动情况统计表');
    const labels = sheet?.getColumn(2).values ?? [];
    const sa1 = labels.findIndex((cell) => typeof cell === 'string' && cell.startsWith('网上检查网站、网店'));
    const cus2 = labels.findIndex((cell, index) => index > 0 && typeof cell === 'string' && cell.startsWith('寄递渠道查获侵权货物') && String(cell).includes('件'));
    expect(sheet?.getCell(`C${sa1}`).value).toBe(7);
    expect(sheet?.getCell(`C${cus2}`).value).toBe(420);
  });

  it('given the annex preview, when clicking a number, then a drawer lists the events behind it, linking to their timeline', async () => {
    const preview = page.getByTestId('annex-preview');
    await expect(preview.getByTestId('cell-sa-1').textContent()).resolves.toBe('7');
    await page.locator('.n-message').waitFor({ state: 'detached' }); // the download's toast would cover the drawer's title
    await preview.getByTestId('cell-sa-1').click();
    const drawer = page.getByTestId('annex-trace');
    await drawer.getByText('inspection/I-1').waitFor();
    await expect(drawer.getByTestId('trace-total').textContent()).resolves.toBe('1 个事件');
    await expect(drawer.getByTestId('trace-sum').textContent()).resolves.toContain('计入合计 7');
    await expect(drawer.getByTestId('trace-mismatch').count()).resolves.toBe(0); // the preview's read model and the log agree
    const cells = await drawer.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells).toEqual([expect.stringMatching(/^\d+$/), '2021-10-15 10:00', '喀什地区市场监督管理局', expect.any(String), 'inspection/I-1', '7']);
    await shot('04b-annex-trace');
    await drawer.getByTestId('trace-timeline-link').click();
    await page.getByText('inspection.recorded', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).location.hash)).toBe('#/timeline?subject=inspection/I-1&unit=samr/653100');
    expect(pageErrors).toEqual([]);
  });

  it('given the other pages, when visited, then they render from the API (briefing, readiness, cases, timeline, live)', async () => {
    await go('/briefing');
    await page.getByTestId('briefing').getByText('R-OLD').first().waitFor();
    await shot('05-briefing');
    await go('/readiness');
    await page.getByTestId('readiness-table').getByText('喀什地区市场监督管理局').first().waitFor();
    await shot('06-readiness');
    await go('/cases');
    await page.getByTestId('cases-table').getByText('喀市监处罚〔2021〕1号').waitFor();
    await shot('07-cases');
    await go('/timeline?subject=referral/R-NEW');
    await page.getByText('移送线索（lead.referred）').waitFor();
    await shot('08-timeline');
    await go('/live');
    await page.getByTestId('live-table').getByText('lead/L-NEW').first().waitFor();
    await shot('09-live');
    expect(pageErrors).toEqual([]);
  });

  it('given a unit token, when signing in, then the board is that unit’s inbox', async () => {
    await page.getByText('退出').click();
    await page.locator('#token-input').fill(hub.token('police/650100'));
    await page.getByTestId('sign-in').click();
    await go('/referrals');
    await page.locator('#referral-R-OLD').waitFor();
    expect(await page.locator('tr[id^="referral-"]').count()).toBe(1);
    // A unit sees the clusters its own records are in (issue 15 §3): the menu offers the page.
    expect(await page.getByRole('menuitem', { name: '关联线索组' }).count()).toBe(1);
    await shot('10-unit-inbox');
  });

  it('given a unit token, when it opens its annex, then only its own rows are numbers and one opens its (empty) trace', async () => {
    await go('/annex');
    const preview = page.getByTestId('annex-preview');
    await preview.getByTestId('cell-pol-2').waitFor();
    expect(await preview.getByTestId('cell-sa-1').count()).toBe(0); // another department's row: blank, nothing to trace
    await preview.getByTestId('cell-pol-2').click();
    await expect(page.getByTestId('annex-trace').getByTestId('trace-total').textContent()).resolves.toBe('0 个事件');
    expect(pageErrors).toEqual([]);
  });

  it('given every page visited above, when the strict CSP was in force, then nothing was blocked', async () => {
    const response = await page.goto(`${hub.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByTestId('principal').waitFor(); // still signed in: the app booted under the policy
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
