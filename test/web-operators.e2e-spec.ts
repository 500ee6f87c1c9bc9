import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { OperatorPage } from '@hub/contracts';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';

const UNIT = 'samr/653100';

describe('web UI: a clerk registers an operator through the form and sees it on 经营者名录', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go, choose } = pageMoves(() => page, () => hub.url);


  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'telecom'], projector: true });
    // Another department's entry in the same region: the register is shared by the region's units.
    const telecom = await hub.submit(
      'telecom',
      [event('operator.registered', 'operator/IDC-1', { kind: 'idc', name: '喀什某某数据中心', uscc: '92653101MA78C3D4E5', licenceDisplay: 'shown', permitDisplay: 'missing', markDisplay: 'shown', region: '653100' })],
      { unit: 'telecom/653100' },
    );
    if (telecom.status !== 201) throw new Error(`seed: ${telecom.status} ${JSON.stringify(telecom.body)}`);
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

  it('given the 登记经营者 form, when a shop is registered with a wrong USCC and then a right one, then it is stored once and listed with its counts', async () => {
    await page.goto(`${hub.url}/`);
    await page.locator('#token-input').fill(hub.token(UNIT));
    await page.getByTestId('sign-in').click();
    await page.getByTestId('principal').waitFor();
    await go('/entry?form=operator.registered');
    await page.getByTestId('field-selfDeclared').waitFor();

    await page.getByTestId('field-key').locator('input').fill('OP-WEB-1');
    await page.getByTestId('field-time').locator('input').fill('2021-10-08');
    await page.getByTestId('field-time').locator('input').press('Enter');
    await choose('kind', '平台内经营者（网店）');
    await page.getByTestId('field-name').locator('input').fill('喀什网页登记服饰店');
    await page.getByTestId('field-uscc').locator('input').fill('91653100MA78A1B2C9');
    await page.getByTestId('field-platform').locator('input').fill('淘宝');
    await page.getByTestId('field-shopId').locator('input').fill('778899');
    await choose('licenceDisplay', '已公示');
    await choose('permitDisplay', '无需公示');
    await choose('markDisplay', '未公示');
    await choose('region', '喀什地区');
    const before = await hub.storedEvents();
    await page.getByTestId('submit-form').click();
    await page.getByTestId('field-uscc').getByText(/^统一社会信用代码校验位错误/).waitFor();
    expect(await hub.storedEvents()).toBe(before);
    await shot('operators-01-form-error');

    await page.getByTestId('field-uscc').locator('input').fill('91653100MA78A1B2C8');
    await page.getByTestId('submit-form').click();
    await page.getByText('登记经营者：已提交').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await hub.projected();

    await page.getByRole('menuitem', { name: '经营者名录' }).click();
    const table = page.getByTestId('operators-table');
    await table.getByText('喀什网页登记服饰店').waitFor();
    await table.getByText('喀什某某数据中心').waitFor();
    await page.getByTestId('operators-total').getByText('2').waitFor();
    await shot('operators-02-register');

    const listed = (await (await hub.get('/api/v1/operators', { unit: UNIT })).json()) as OperatorPage;
    expect(listed.items.find((o) => o.operatorId === 'OP-WEB-1')).toMatchObject({ unit: UNIT, kind: 'platform_shop', platform: 'taobao', shopId: '778899', displayStatus: 'deficient' });
    expect(pageErrors).toEqual([]);
  });
});
