import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { base32Decode, sha256Of } from '@hub/domain';
import { loadKeyRegistry, verifyPackageFile } from '@hub/audit';
import type { ReadinessReport } from '@hub/contracts';
import { totp } from '../apps/gateway/src/people/totp.js';
import { TestHub } from './support/test-hub.js';
import { ARTIFACTS, launchChromium } from './support/web-page.js';
import { caseOpened, event } from './support/events.js';
import { pdf } from './support/attachments.js';

const UNIT = 'samr/653100';

type Account = { id: string; username: string; password: string; totpSecret: string };
type BrowserWindow = { location: { hash: string } };

/**
 * Issue 17 §7's browser test: a unit's clerk drops two decision PDFs on its typical cases on 报送准备, views one
 * inline, files its package; its line supervisor downloads the package (it verifies offline) and returns the
 * filing with a reason; the clerk sees it returned.
 */
describe('web UI: a unit files its package with two decision PDFs and its line supervisor returns it', () => {
  let hub: TestHub;
  let browser: Browser;
  let dir: string;
  const accounts = new Map<string, Account>();
  const pageErrors: string[] = [];
  const decisions = { 'C-1': pdf('decision one'), 'C-2': pdf('decision two') };

  const createPerson = async (cookie: string, csrf: string, username: string, role: string, scope?: string): Promise<Account> => {
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const created = (await (await fetch(`${hub.url}/api/v1/accounts`, { method: 'POST', headers, body: JSON.stringify({ username, displayName: username, totp: true }) })).json()) as Account;
    const granted = await fetch(`${hub.url}/api/v1/accounts/${created.id}/roles`, { method: 'POST', headers, body: JSON.stringify({ role, ...(scope ? { scope } : {}), reason: '浏览器测试' }) });
    expect(granted.status).toBe(201);
    return created;
  };

  /**
   * When each account last used a code: the hub refuses a TOTP code's step once used (replay), so a second sign-in
   * within the same 30 s uses the next step's code, as a person would wait for the next one (the hub accepts ±1 step).
   */
  const lastCodeAt = new Map<string, number>();
  const nextCode = (account: Account): string => {
    const at = Math.max(Date.now(), (lastCodeAt.get(account.username) ?? -Infinity) + 30_000);
    lastCodeAt.set(account.username, at);
    return totp(base32Decode(account.totpSecret), new Date(at));
  };

  /** A fresh browser context signed in as the account (its own cookies). */
  const signedIn = async (account: Account): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${hub.url}/`);
    await page.locator('#username-input').fill(account.username);
    await page.locator('#password-input').fill(account.password);
    await page.locator('#totp-input').fill(nextCode(account));
    await page.getByTestId('sign-in-person').click();
    await page.getByTestId('principal').waitFor();
    await page.evaluate(() => ((globalThis as unknown as BrowserWindow).location.hash = '#/readiness'));
    return { context, page };
  };

  /** Drops a file on a drop zone the way a browser does: a drop event carrying a DataTransfer with the file. */
  const drop = async (page: Page, testId: string, name: string, bytes: Buffer): Promise<void> => {
    const dataTransfer = await page.evaluateHandle(
      ({ name: fileName, data }) => {
        const web = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: unknown[], name: string, options: { type: string }) => unknown };
        const transfer = new web.DataTransfer();
        transfer.items.add(new web.File([new Uint8Array(data)], fileName, { type: 'application/pdf' }));
        return transfer;
      },
      { name, data: [...bytes] },
    );
    await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'web-package-'));
    hub = await TestHub.start({ departments: ['samr'], projector: true, coordination: true, people: true });
    const typical = (id: string) => [
      caseOpened(id),
      event('case.decided', `case/${id}`, { decisionNo: `喀市监处罚〔2021〕${id}号`, fine: 8000, confiscation: 0, decidedAt: '2021-11-20T10:00:00+08:00' }, '2021-11-20T10:00:00+08:00'),
      event('case.marked_typical', `case/${id}`, { reason: '典型案例' }, '2021-11-21T10:00:00+08:00'),
    ];
    const seeded = await hub.submit('samr', [event('inspection.recorded', 'inspection/I-1', { targetKind: 'website_or_shop', count: 5 }), ...typical('C-1'), ...typical('C-2')], { unit: UNIT });
    expect(seeded.status).toBe(201);
    await hub.projected();
    const session = await fetch(`${hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.credentials.admin.password, totp: totp(base32Decode(hub.credentials.admin.totpSecret), new Date()) }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    accounts.set('clerk', await createPerson(cookie, csrfToken, 'liuyang', 'clerk', UNIT));
    accounts.set('line', await createPerson(cookie, csrfToken, 'sunli', 'line_supervisor', 'samr'));
    await hub.coordinated();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('given two typical cases, when the clerk drops a decision PDF on each, views one inline and files, then the filing names both decisions', async () => {
    const { context, page } = await signedIn(accounts.get('clerk') as Account);
    for (const [caseId, bytes] of Object.entries(decisions)) {
      await drop(page, `decisions-${caseId}-drop`, `喀市监处罚〔2021〕${caseId}号.pdf`, bytes);
      await page.getByTestId(`decisions-${caseId}`).getByTestId('attachment-item').waitFor();
    }
    // A PDF is shown inline: framed from a blob: URL of the bytes the hub sent.
    await page.getByTestId('decisions-C-1').getByRole('button', { name: '查看' }).click();
    const frame = page.getByTestId('attachment-preview');
    await frame.waitFor();
    await expect(frame.getAttribute('src')).resolves.toMatch(/^blob:/);
    // What the frame shows is what the hub serves the clerk for that decision (the page's own credentials).
    const served = await page.evaluate(async (sha) => [...new Uint8Array(await (await fetch(`/api/v1/attachments/${sha}`)).arrayBuffer())], sha256Of(decisions['C-1']));
    expect(Buffer.from(served).equals(decisions['C-1'])).toBe(true);
    await expect(page.getByText('喀市监处罚〔2021〕C-1号.pdf').last().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'web-report-package-01-decision-inline.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });
    await page.getByPlaceholder('工作总结全文').fill('喀什地区市场监督管理局网剑行动工作总结：查办典型案件两起。');
    await page.getByTestId('file-report').click();
    await page.getByTestId('filed').filter({ hasText: '附决定书 2 份' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'web-report-package-02-filed.png'), fullPage: true });
    // The case detail (its timeline) lists the same decision, and its own unit may drop more files there.
    await page.evaluate(() => ((globalThis as unknown as BrowserWindow).location.hash = '#/timeline?subject=case/C-2&unit=samr/653100'));
    await page.getByTestId('case-attachments').getByText('喀市监处罚〔2021〕C-2号.pdf').waitFor();
    await expect(page.getByTestId('case-attachments-drop').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('given the filing, when the line supervisor downloads the package and returns the filing with a reason, then the package verifies and the clerk sees the return', async () => {
    const { context, page } = await signedIn(accounts.get('line') as Account);
    const row = page.getByTestId('readiness-table').locator('tr', { hasText: '喀什地区市场监督管理局' });
    const downloaded = page.waitForEvent('download');
    await row.getByTestId(`package-${UNIT}`).click();
    const file = join(dir, 'package.zip');
    await (await downloaded).saveAs(file);
    expect(await verifyPackageFile(file, await loadKeyRegistry(hub.registryFile))).toEqual([]);
    await row.getByRole('button', { name: '退回', exact: true }).click();
    await page.getByPlaceholder('退回原因（必填）：请说明需要修改或补充的内容').fill('工作总结过于简略，请补充联合执法材料后重新报送');
    await page.getByRole('button', { name: '确认退回' }).click();
    await row.getByText('已退回', { exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'web-report-package-03-returned.png'), fullPage: true });
    // The line supervisor reads the case's decision too, but drops nothing on another unit's case.
    await page.evaluate(() => ((globalThis as unknown as BrowserWindow).location.hash = '#/timeline?subject=case/C-1&unit=samr/653100'));
    await page.getByTestId('case-attachments').getByText('喀市监处罚〔2021〕C-1号.pdf').waitFor();
    await expect(page.getByTestId('case-attachments-drop').count()).resolves.toBe(0);
    await context.close();

    const clerk = await signedIn(accounts.get('clerk') as Account);
    await clerk.page.getByTestId('readiness-table').getByText('退回待重报').waitFor();
    const readiness = (await clerk.page.evaluate(async () => (await (await fetch('/api/v1/readiness')).json()))) as ReadinessReport;
    expect(readiness.items[0]).toMatchObject({ unit: UNIT, filing: 'returned', returned: { reason: '工作总结过于简略，请补充联合执法材料后重新报送' } });
    await clerk.context.close();
    expect(pageErrors).toEqual([]);
  });
});
