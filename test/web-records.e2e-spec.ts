import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';
import { event, takedown } from './support/events.js';

// Same setup as web-upload.e2e-spec.ts: the built UI in Debian's chromium, headless; screenshots kept as artifacts.
const UNIT = 'samr/653100';

describe('web UI: 我的记录 — a clerk corrects and voids the unit’s records and the annex follows', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go } = pageMoves(() => page, () => hub.url);

  /** The unit's annex cell as the 情况统计表 page prints it ('' when the row has nothing). */
  const annexCell = async (row: string): Promise<string> => {
    await go('/annex');
    const preview = page.getByTestId('annex-preview');
    await preview.locator(`tr[data-row="${row}"]`).waitFor();
    const cell = preview.getByTestId(`cell-${row}`);
    return (await cell.count()) === 0 ? '' : ((await cell.textContent()) ?? '');
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true });
    const seeded = await hub.submit(
      'samr',
      [takedown('T-W1', 120), event('inspection.recorded', 'inspection/I-W1', { targetKind: 'website_or_shop', count: 7 })],
      { unit: UNIT },
    );
    if (seeded.status !== 201) throw new Error(`seed: ${seeded.status} ${JSON.stringify(seeded.body)}`);
    await hub.projected();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.token(UNIT));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given a mistyped takedown count, when the clerk corrects it in 我的记录, then the annex shows the new count', async () => {
    expect(await annexCell('sa-2')).toBe('120');
    await page.getByRole('menuitem', { name: '我的记录' }).click();
    await page.getByTestId('status-T-W1').getByText('原始').waitFor();
    await shot('records-01-list');
    await page.getByTestId('correct-T-W1').click();
    const dialog = page.getByTestId('record-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('field-count').locator('input').fill('12');
    await dialog.getByTestId('submit-record').click();
    await dialog.getByTestId('field-reason').getByText('请填写更正理由').waitFor();
    await dialog.getByTestId('field-reason').locator('textarea').fill('数量多录了一个0');
    await shot('records-02-correct');
    const before = await hub.storedEvents();
    await dialog.getByTestId('submit-record').click();
    await page.getByText('处置 T-W1：已更正').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await hub.projected();
    await page.getByTestId('status-T-W1').getByText('已更正').waitFor();
    await page.getByTestId('values-T-W1').getByText('数量：12', { exact: false }).waitFor();
    expect(await annexCell('sa-2')).toBe('12');
    await shot('records-03-annex-corrected');
  });

  it('given a correction the server refuses, when submitted, then its Chinese field error sits next to the field and nothing is stored', async () => {
    await go('/records');
    await page.getByTestId('correct-I-W1').click();
    const dialog = page.getByTestId('record-dialog');
    // Over the contract's limit (10⁹): the browser does not check it, the server does.
    await dialog.getByTestId('field-count').locator('input').fill('2000000000');
    await dialog.getByTestId('field-reason').locator('textarea').fill('数量更正');
    const before = await hub.storedEvents();
    await dialog.getByTestId('submit-record').click();
    await dialog.getByTestId('field-count').getByText(/^应为不小于0的整数/).waitFor();
    await dialog.getByTestId('form-error').getByText('提交的内容有误，请按字段提示修改').waitFor();
    expect(await hub.storedEvents()).toBe(before);
    await shot('records-04-server-error');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('given an inspection entered twice, when the clerk voids it, then it leaves the annex and shows 已作废', async () => {
    expect(await annexCell('sa-1')).toBe('7');
    await go('/records');
    await page.getByTestId('void-I-W1').click();
    const dialog = page.getByTestId('record-dialog');
    await dialog.getByTestId('field-reason').locator('textarea').fill('与另一条检查记录重复');
    await dialog.getByTestId('submit-record').click();
    await page.getByText('检查 I-W1：已作废').waitFor();
    await hub.projected();
    await page.getByTestId('status-I-W1').getByText('已作废').waitFor();
    await page.getByTestId('void-I-W1').waitFor({ state: 'detached' });
    await shot('records-05-voided');
    expect(['', '0']).toContain(await annexCell('sa-1'));
    await shot('records-06-annex-voided');
    expect(pageErrors).toEqual([]);
  });

  it('given a laptop screen (1,280 × 720), when the clerk opens 我的记录, then each record reads across and 更正 is in sight without scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await go('/records');
    const values = await page.getByTestId('values-T-W1').locator('xpath=ancestor::td[1]').boundingBox();
    const correct = await page.getByTestId('correct-T-W1').boundingBox();
    await shot('records-07-laptop');
    // Before, the one column without a width got what the others left: ~0 px, one character per line.
    expect(values?.width ?? 0).toBeGreaterThan(200);
    expect((correct?.x ?? Number.POSITIVE_INFINITY) + (correct?.width ?? 0)).toBeLessThanOrEqual(1280);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
