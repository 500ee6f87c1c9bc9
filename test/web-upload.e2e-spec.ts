import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { TestHub } from './support/test-hub.js';
import { ARTIFACTS, launchChromium, pageMoves } from './support/web-page.js';
import { event } from './support/events.js';

const UNIT = 'samr/653100';
const VALID_USCC = '91110000600037341L';

function put(workbook: ExcelJS.Workbook, sheet: string, row: number, values: ExcelJS.CellValue[]): void {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  values.forEach((value, index) => {
    worksheet.getRow(row).getCell(index + 1).value = value;
  });
}

describe('web UI: a clerk enters work through the spreadsheet template, the forms and the inbox', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let template = '';
  const pageErrors: string[] = [];
  const { shot, go } = pageMoves(() => page, () => hub.url);

  /** The downloaded template filled with exceljs, saved next to the screenshots. */
  const fill = async (name: string, rows: (workbook: ExcelJS.Workbook) => void): Promise<string> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    rows(workbook);
    const file = join(ARTIFACTS, name);
    await workbook.xlsx.writeFile(file);
    return file;
  };
  const goodRows = (workbook: ExcelJS.Workbook): void => {
    put(workbook, '检查', 3, ['I-10', '2021-10-10', '网站、网店', 12]);
    put(workbook, '线索', 3, ['L-10', '2021-10-08', '网络侵权假冒伪劣', '网络监测', '淘宝', '服装鞋帽', '网店销售假冒运动鞋', VALID_USCC]);
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true });
    const seeded = await hub.submit('samr', [event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 7 })], { unit: UNIT });
    if (seeded.status !== 201) throw new Error(`seed: ${seeded.status}`);
    const police = await hub.submit(
      'police',
      [
        event('lead.reported', 'lead/P-L-1', { category: 'counterfeit', channel: 'tip', summary: '举报网店售假', entities: [] }),
        event('lead.referred', 'lead/P-L-1', { referralId: 'R-IN', toDepartment: 'samr', toRegion: '653100', reason: '属市场监管职责，移送处理' }),
      ],
      { unit: 'police/650100' },
    );
    if (police.status !== 201) throw new Error(`seed: ${police.status} ${JSON.stringify(police.body)}`);
    await hub.projected();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given a unit token, when the clerk opens 数据上传 and downloads the template, then it is the department\'s workbook', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.token(UNIT));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
    await page.getByRole('menuitem', { name: '数据上传' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    expect(download.suggestedFilename()).toBe('samr.xlsx');
    template = join(ARTIFACTS, 'template-samr.xlsx');
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['填写说明', '线索', '检查', '案件']));
    await shot('upload-01-page');
  });

  it('given the template filled with three bad rows, when uploaded, then the preview shows each error by sheet, row and column', async () => {
    const file = await fill('upload-with-errors.xlsx', (workbook) => {
      goodRows(workbook);
      put(workbook, '检查', 4, ['I-11', '2021-10-11', '网站、网店', '十二']);
      put(workbook, '检查', 5, ['I-12', '2021-02-30', '网站、网店', 3]);
      put(workbook, '线索', 4, ['L-11', '2021-10-08', '卖假货', '网络监测', null, null, '另一家网店', VALID_USCC]);
    });

    await page.getByTestId('upload-input').setInputFiles(file);

    const preview = page.getByTestId('upload-preview');
    await preview.waitFor();
    for (const text of [
      '「检查」第4行 D列（检查数量）：应为不小于0的整数',
      '「检查」第5行 B列（检查日期）：日期不存在',
      '「线索」第4行 C列（违法类别）：“卖假货”不是可选的违法类别，请从下拉列表选择',
    ]) {
      await preview.getByText(text).waitFor();
    }
    await expect(page.getByTestId('commit').textContent()).resolves.toContain('提交 2 行');
    await shot('upload-02-errors');
  });

  it('given the rows fixed, when uploaded and committed, then all five are stored and the annex shows the new total', async () => {
    const file = await fill('upload-fixed.xlsx', (workbook) => {
      goodRows(workbook);
      put(workbook, '检查', 4, ['I-11', '2021-10-11', '网站、网店', 12]);
      put(workbook, '检查', 5, ['I-12', '2021-10-12', '网站、网店', 3]);
      put(workbook, '线索', 4, ['L-11', '2021-10-08', '网络侵权假冒伪劣', '网络监测', null, null, '另一家网店', VALID_USCC]);
    });
    await page.getByTestId('upload-input').setInputFiles(file);
    await page.getByTestId('commit').getByText('提交 5 行').waitFor();
    await page.getByTestId('commit').click();
    await page.getByTestId('commit-result').getByText('新入库 5 条').waitFor();
    await shot('upload-03-committed');

    await hub.projected();
    await go('/annex');
    await expect(page.getByTestId('annex-preview').getByTestId('cell-sa-1').textContent()).resolves.toBe('34'); // 7 seeded + 12 + 12 + 3
    await shot('upload-04-annex');
    expect(pageErrors).toEqual([]);
  });

  it('given the lead form, when submitted empty and then with a malformed identifier, then the client and the server errors sit next to their fields', async () => {
    await go('/entry');
    const form = page.getByTestId('entry-form');
    await form.waitFor();
    await page.getByTestId('field-key').locator('input').fill('L-WEB-1');
    await page.getByTestId('submit-form').click();
    await page.getByTestId('field-summary').getByText('请填写线索摘要').waitFor();
    await page.getByTestId('field-time').getByText('请填写发现日期').waitFor();

    await page.getByTestId('field-time').locator('input').fill('2021-10-08');
    await page.getByTestId('field-time').locator('input').press('Enter');
    const choose = async (field: string, option: string): Promise<void> => {
      await page.getByTestId(`field-${field}`).locator('.n-base-selection').click();
      await page.locator('.n-base-select-option', { hasText: option }).first().click();
    };
    await choose('category', '网络侵权假冒伪劣');
    await choose('channel', '网络监测');
    await page.getByTestId('field-summary').locator('textarea').fill('网店销售假冒运动鞋（网页表单登记）');
    await page.getByTestId('add-entity').click();
    await page.getByTestId('field-entities').locator('.n-base-selection').click();
    await page.locator('.n-base-select-option', { hasText: '统一社会信用代码' }).first().click();
    await page.getByTestId('field-entities').locator('input[placeholder="内容"]').fill('ABC');
    const before = await hub.storedEvents();
    await page.getByTestId('submit-form').click();
    await page.getByTestId('field-entities').getByText(/^统一社会信用代码格式不正确（应为18位）/).waitFor();
    await shot('form-01-server-error');
    expect(await hub.storedEvents()).toBe(before);

    await page.getByTestId('field-entities').locator('input[placeholder="内容"]').fill(VALID_USCC);
    await page.getByTestId('submit-form').click();
    await page.getByText('登记线索：已提交').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await shot('form-02-submitted');
  });

  it('given a referral in the inbox, when the clerk returns it without a reason and then with one, then it is answered', async () => {
    await go('/referrals');
    await page.getByTestId('answer-R-IN').click();
    await page.getByTestId('decision-returned').click();
    await page.getByTestId('submit-answer').click();
    await page.getByTestId('field-reason').getByText('不予接收或退回时必须说明理由').waitFor();
    await page.getByTestId('field-reason').locator('textarea').fill('不属本单位管辖，请移送乌鲁木齐市市场监管局');
    await page.getByTestId('field-reason').getByText('不予接收或退回时必须说明理由').waitFor({ state: 'detached' });
    await shot('inbox-01-answer');
    const before = await hub.storedEvents();
    await page.getByTestId('submit-answer').click();
    await page.getByText('已答复移送 R-IN').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await hub.projected();
    await page.getByTestId('answer-R-IN').waitFor({ state: 'detached' });
    await shot('inbox-02-answered');
    expect(pageErrors).toEqual([]);
  });
});
