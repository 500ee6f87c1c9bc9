import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TransferPage } from '@hub/contracts';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';

const SAMR = 'samr/653100';
const POLICE = 'police/650100';


// Issue 19 §5: a samr clerk transfers a case to the police with the entry form; the addressed police clerk decides on it.
describe('web UI: a samr clerk transfers a case to the police; the police clerk answers it on 移送公安', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, signIn, signOut, choose, date } = pageMoves(() => page, () => hub.url);


  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given an opened case, when the samr clerk transfers it to the police of 乌鲁木齐市 and the police clerk answers (first declining without a reason), then both see 已立案 with the police case id', async () => {
    const opened = event('case.opened', 'case/C-WEB-T', { caseNo: '喀市监立〔2021〕88号', kind: 'criminal', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, '2021-10-01T10:00:00+08:00');
    expect((await hub.submit('samr', opened, { unit: SAMR })).status).toBe(201);

    await signIn(hub.token(SAMR));
    await page.getByRole('menuitem', { name: '移送公安' }).click();
    await page.getByTestId('new-transfer').click();
    await page.getByTestId('field-toRegion').waitFor();
    await page.getByTestId('field-key').locator('input').fill('C-WEB-T');
    await date('time', '2021-10-08');
    await choose('toRegion', '乌鲁木齐市');
    await date('approvedAt', '2021-10-08');
    await page.getByTestId('field-reason').locator('textarea').fill('涉案金额较大，涉嫌销售假冒注册商标的商品罪');
    await page.getByTestId('submit-form').click();
    await page.getByText('移送公安机关：已提交').waitFor();
    await hub.projected();
    await shot('transfers-01-samr-form');
    await signOut();

    await signIn(hub.token(POLICE));
    await page.getByRole('menuitem', { name: '移送公安' }).click();
    const row = page.getByTestId('transfers-table').locator('tbody tr', { hasText: 'C-WEB-T' });
    await row.getByText('待公安机关决定').waitFor();
    await expect(row.textContent()).resolves.toMatch(/喀市监立〔2021〕88号.*喀什地区市场监督管理局.*乌鲁木齐市公安.*已超期/);
    await page.getByTestId('answer-C-WEB-T').click();
    const dialog = page.getByTestId('transfer-answer-dialog');
    await dialog.getByTestId('transfer-decision-declined').click();
    const before = await hub.storedEvents();
    await dialog.getByTestId('submit-transfer-answer').click();
    await dialog.getByText('不予立案时必须说明理由').waitFor();
    expect(await hub.storedEvents()).toBe(before);
    await dialog.getByTestId('transfer-decision-opened').click();
    await dialog.getByTestId('transfer-field-policeCaseId').locator('input').fill('GA-2021-0031');
    await dialog.getByTestId('submit-transfer-answer').click();
    await page.getByText('已答复移送案件 C-WEB-T').waitFor();
    await hub.projected();
    await row.getByText('已立案').waitFor();
    await expect(page.getByTestId('answer-C-WEB-T').count()).resolves.toBe(0);
    await shot('transfers-02-police-answered');
    await signOut();

    // The joint office and the auditors oversee: they see the transfer and the police decision, and can neither
    // transfer nor answer.
    for (const [who, token] of [['coordinator', hub.credentials.coordinator], ['auditor', hub.credentials.auditor]] as const) {
      await signIn(token);
      await page.getByRole('menuitem', { name: '移送公安' }).click();
      const overseen = page.getByTestId('transfers-table').locator('tbody tr', { hasText: 'C-WEB-T' });
      await overseen.getByText('已立案').waitFor();
      await expect(overseen.textContent()).resolves.toMatch(/喀什地区市场监督管理局.*乌鲁木齐市公安局.*GA-2021-0031/);
      await expect(page.getByTestId('answer-C-WEB-T').count()).resolves.toBe(0);
      await expect(page.getByTestId('new-transfer').count()).resolves.toBe(0);
      await expect(page.getByTestId('transfer-direction').count()).resolves.toBe(0);
      await shot(`transfers-03-${who}`);
      await signOut();
    }

    const seen = (await (await hub.get('/api/v1/transfers', { unit: SAMR })).json()) as TransferPage;
    expect(seen.items).toEqual([expect.objectContaining({ caseId: 'C-WEB-T', toUnit: POLICE, status: 'opened', policeCaseId: 'GA-2021-0031', answerable: false, reason: '涉案金额较大，涉嫌销售假冒注册商标的商品罪' })]);
    expect(pageErrors).toEqual([]);
  });

  it('given two police clerks at one transfer, when the second submits after the first answered, then the dialog says in Chinese it was already answered and nothing is stored', async () => {
    const opened = event('case.opened', 'case/C-WEB-T2', { caseNo: '喀市监立〔2021〕89号', kind: 'criminal', primaryCategory: 'counterfeit', otherCategories: [], leadIds: [], entities: [] }, '2021-10-01T10:00:00+08:00');
    const transferred = event('case.transferred', 'case/C-WEB-T2', { toDepartment: 'police', toRegion: '650100', approvedAt: '2021-10-07T10:00:00+08:00', reason: '涉嫌犯罪' }, '2021-10-08T10:00:00+08:00');
    expect((await hub.submit('samr', [opened, transferred], { unit: SAMR })).status).toBe(201);
    await hub.projected();

    await signIn(hub.token(POLICE));
    await page.getByRole('menuitem', { name: '移送公安' }).click();
    await page.getByTestId('answer-C-WEB-T2').click();
    const dialog = page.getByTestId('transfer-answer-dialog');
    await dialog.getByTestId('transfer-field-policeCaseId').locator('input').fill('GA-2021-0040');
    // Meanwhile a colleague's answer is stored.
    const first = event('case.transfer_answered', 'case/samr-653100-case-C-WEB-T2', { caseId: 'C-WEB-T2', fromDepartment: 'samr', fromRegion: '653100', decision: 'opened', policeCaseId: 'GA-2021-0039' }, '2021-10-09T10:00:00+08:00');
    expect((await hub.submit('police', first, { unit: POLICE })).status).toBe(201);
    const before = await hub.storedEvents();
    await dialog.getByTestId('submit-transfer-answer').click();
    await dialog.getByText('该移送案件已经答复过，不能再次答复', { exact: false }).waitFor();
    expect(await hub.storedEvents()).toBe(before);
    await shot('transfers-04-already-answered');
    expect(pageErrors).toEqual([]);
  });
});
