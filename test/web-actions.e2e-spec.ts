import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { ClosurePage, GuidancePage } from '@hub/contracts';
import { event } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';

const SAMR = 'samr/653100';
const TELECOM = 'telecom/650000';

describe('web UI: a clerk records an interview that the coordinator sees; a telecom clerk answers an urgent closure request', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go, signIn, signOut, choose, date } = pageMoves(() => page, () => hub.url);


  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'cac', 'telecom'], projector: true });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the 行政指导/约谈 form, when a samr clerk records an interview (first without participants), then it is stored once and the coordinator finds it on 指导约谈与抽检', async () => {
    await signIn(hub.token(SAMR));
    await go('/entry?form=guidance.given');
    await page.getByTestId('field-participants').waitFor();
    await page.getByTestId('field-key').locator('input').fill('G-WEB-1');
    await date('time', '2021-10-09');
    await choose('kind', '行政约谈');
    await page.getByTestId('field-operatorName').locator('input').fill('喀什网页约谈电商平台');
    await page.getByTestId('field-topic').locator('textarea').fill('平台未区分标记自营和非自营业务，约谈整改');
    await date('heldAt', '2021-10-09');
    const before = await hub.storedEvents();
    await page.getByTestId('submit-form').click();
    await page.getByTestId('field-participants').getByText('请填写参加部门').waitFor();
    expect(await hub.storedEvents()).toBe(before);

    await choose('participants', '市场监督管理局');
    await page.keyboard.press('Escape');
    await choose('participants', '网信');
    await page.keyboard.press('Escape');
    await page.getByTestId('submit-form').click();
    await page.getByText('行政指导/约谈：已提交').waitFor();
    expect(await hub.storedEvents()).toBe(before + 1);
    await hub.projected();
    await shot('actions-01-guidance-form');
    await signOut();

    await signIn(hub.credentials.coordinator);
    await page.getByRole('menuitem', { name: '指导约谈与抽检' }).click();
    const row = page.getByTestId('guidance-table').locator('tbody tr', { hasText: '喀什网页约谈电商平台' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/G-WEB-1.*喀什地区市场监督管理局.*行政约谈.*2021-10-09.*市场监督管理局、互联网信息办公室（网信）/);
    await page.getByTestId('guidance-total').getByText('共 1 次').waitFor();
    await shot('actions-02-coordinator-list');

    const listed = (await (await hub.get('/api/v1/guidance', { token: hub.credentials.coordinator })).json()) as GuidancePage;
    expect(listed.items).toEqual([expect.objectContaining({ unit: SAMR, guidanceId: 'G-WEB-1', kind: 'interview', participants: ['samr', 'cac'] })]);
    // The picked date is 2021-10-09 in the campaign's +08:00.
    expect(Date.parse(listed.items[0]?.heldAt ?? '')).toBe(Date.parse('2021-10-09T00:00:00+08:00'));
    await signOut();
    expect(pageErrors).toEqual([]);
  });

  it('given cac asks telecom/650000 to close a site, when the telecom clerk opens 7×24紧急关停, then the request waits with the hours left, and answering it closes it for both', async () => {
    const request = event('closure.requested', 'closure/CL-WEB-1', { toDepartment: 'telecom', toRegion: '650000', targetKind: 'website', target: 'https://fake-drugs.example.cn', reason: '网站售卖假药' });
    const submitted = await hub.submit('cac', request, { unit: 'cac/650100' });
    expect(submitted.status).toBe(201);
    await hub.projected();

    await signIn(hub.token(TELECOM));
    await page.getByRole('menuitem', { name: '7×24紧急关停' }).click();
    await page.getByTestId('clock-CL-WEB-1').getByText(/剩余 2[34] 小时/).waitFor();
    await page.getByTestId('answer-CL-WEB-1').click();
    const dialog = page.getByTestId('closure-answer-dialog');
    await dialog.getByTestId('closure-decision-refused').click();
    await dialog.getByTestId('submit-closure-answer').click();
    await dialog.getByText('不予关停时必须说明理由').waitFor();
    await dialog.getByTestId('closure-decision-closed').click();
    await dialog.getByTestId('closure-field-reason').locator('textarea').fill('已通知接入商停止解析');
    await dialog.getByTestId('submit-closure-answer').click();
    await page.getByText('已答复关停请求 CL-WEB-1').waitFor();
    await hub.projected();
    await page.getByTestId('closures-table').locator('tbody tr', { hasText: 'CL-WEB-1' }).getByText('已关停').waitFor();
    await expect(page.getByTestId('answer-CL-WEB-1').count()).resolves.toBe(0);
    await shot('actions-03-closure-answered');

    const seen = (await (await hub.get('/api/v1/closures', { unit: 'cac/650100' })).json()) as ClosurePage;
    expect(seen.items).toEqual([expect.objectContaining({ closureId: 'CL-WEB-1', status: 'closed', decisionReason: '已通知接入商停止解析', overdue: false, answerable: false })]);
    expect(pageErrors).toEqual([]);
  });
});
