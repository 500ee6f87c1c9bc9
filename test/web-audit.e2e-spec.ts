import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { readModelClientConfig } from '@hub/persistence';
import { event, leadReported } from './support/events.js';
import { TestHub } from './support/test-hub.js';
import { launchChromium, pageMoves } from './support/web-page.js';

describe('web UI, 日志核验: the auditor verifies the log, sees the findings, opens an inclusion proof; nobody else gets the page', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const { shot, go, signIn, signOut } = pageMoves(() => page, () => hub.url);

  const sql = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client(readModelClientConfig(hub.database?.url ?? ''));
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true });
    const submit = async (department: string, unit: string, body: unknown): Promise<void> => {
      const response = await hub.submit(department, body, { unit });
      if (response.status !== 201) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    };
    await submit('samr', 'samr/653100', [leadReported('V-L1'), leadReported('V-L2')]);
    // Three inspections in one batch: one seal over three leaves, so an inclusion path has steps.
    await submit('samr', 'samr/650100', ['V-I1', 'V-I2', 'V-I3'].map((id, i) => event('inspection.recorded', `inspection/${id}`, { targetKind: 'website_or_shop', count: 7 + i })));
    await submit('police', 'police/653100', leadReported('V-L3'));
    await hub.projected();
    browser = await launchChromium();
    // A laptop: 1,280 × 720 (the findings table must read there, its 操作 column in sight).
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('given the untouched log, when the auditor runs a whole-log pass on 日志核验, then the progress reaches the end and the result is ok with the events counted', async () => {
    await signIn(hub.credentials.auditor);
    await page.locator('.n-menu-item', { hasText: '日志核验' }).click();
    await page.getByTestId('verify-run').click();
    await page.locator('[data-testid="verify-result"][data-ok="true"]').waitFor();
    await expect(page.getByTestId('verify-verdict').textContent()).resolves.toContain('核验通过');
    await expect(page.getByTestId('summary-events').textContent()).resolves.toBe('6');
    // Three submissions (6 events), each followed by its batch's seal: 9 messages. The pass read them all, as the bar says.
    await expect(page.getByTestId('summary-last-seq').textContent()).resolves.toBe('9');
    await expect(page.getByTestId('verify-progress').getAttribute('data-state')).resolves.toBe('done');
    await expect(page.getByTestId('verify-progress').textContent()).resolves.toContain('已读到序号 9 / 9');
    await expect(page.getByTestId('verify-progress').locator('.n-progress').textContent()).resolves.toContain('100%');
    await expect(page.getByTestId('summary-archive').textContent()).resolves.toBe('归档 6 行；已归档至序号 9，尚未归档 0，核验期间新归档 0');
    await shot('audit-01-verify-ok');
  });

  it('given an archived copy altered and another deleted, when the pass is run again, then both findings are listed in Chinese with their codes, and a finding opens the event\'s inclusion proof, recomputed in the page', async () => {
    const [altered] = await sql<{ seq: string; id: string }>("SELECT seq, id FROM event_archive WHERE aggregate_id = 'V-I2'");
    const [deleted] = await sql<{ seq: string; id: string }>("SELECT seq, id FROM event_archive WHERE aggregate_id = 'V-L3'");
    await sql("UPDATE event_archive SET data = jsonb_set(data, '{count}', '80') WHERE aggregate_id = 'V-I2'");
    await sql("DELETE FROM event_archive WHERE aggregate_id = 'V-L3'");
    await page.getByTestId('verify-run').click();
    await page.locator('[data-testid="verify-result"][data-ok="false"]').waitFor();
    await expect(page.getByTestId('verify-verdict').textContent()).resolves.toContain('发现 2 个问题');
    const byCode = await page.getByTestId('verify-by-code').textContent();
    expect(byCode).toContain('归档副本被改动（ARCHIVE_ALTERED）× 1');
    expect(byCode).toContain('归档缺少该事件（MISSING_IN_ARCHIVE）× 1');
    const table = page.getByTestId('findings-table');
    const alteredRow = table.locator('tbody tr', { hasText: 'ARCHIVE_ALTERED' });
    await expect(alteredRow.textContent()).resolves.toContain('归档副本被改动');
    await expect(alteredRow.locator('td[data-col-key="seq"]').textContent()).resolves.toBe(String(altered?.seq));
    await expect(alteredRow.locator('td[data-col-key="eventId"]').textContent()).resolves.toBe(altered?.id);
    await expect(alteredRow.locator('td[data-col-key="streamSubject"]').textContent()).resolves.toBe('hub.evt.samr.650100.inspection.V-I2');
    await expect(table.locator('tbody tr', { hasText: 'MISSING_IN_ARCHIVE' }).locator('td[data-col-key="eventId"]').textContent()).resolves.toBe(deleted?.id);
    // At 1,280 px the row's 操作 is in sight (the table scrolls sideways, 操作 stays at the right).
    const button = alteredRow.getByTestId('finding-proof');
    const box = await button.boundingBox();
    expect((box?.x ?? Number.POSITIVE_INFINITY) + (box?.width ?? 0)).toBeLessThanOrEqual(1280);
    await table.scrollIntoViewIfNeeded();
    await shot('audit-02-findings');

    await button.click();
    await page.getByTestId('proof-verdict').waitFor();
    // The stream's copy is intact and sealed: the page's own recomputation of the root from the path is the seal's.
    await expect(page.getByTestId('proof-verdict').textContent()).resolves.toContain('已证明');
    const sealRoot = await page.getByTestId('seal-root').textContent();
    expect(sealRoot).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId('recomputed-root').textContent()).resolves.toBe(sealRoot);
    await expect(page.getByTestId('proof-checks').textContent()).resolves.toContain('印章签名有效（Ed25519）');
    await expect(page.getByTestId('proof-checks').locator('.n-tag--error-type').count()).resolves.toBe(0);
    // The middle leaf of three: a path of two steps up to the root.
    await expect(page.getByTestId('proof-path').locator('tbody tr').count()).resolves.toBe(2);
    await page.getByTestId('proof-panel').scrollIntoViewIfNeeded();
    await shot('audit-03-proof');

    // The event the archive lacks is still in the stream, sealed: its finding's proof is found by its seq.
    await table.locator('tbody tr', { hasText: 'MISSING_IN_ARCHIVE' }).getByTestId('finding-proof').click();
    await page.getByTestId('proof-panel').getByText('lead/V-L3').first().waitFor();
    await expect(page.getByTestId('proof-event-id').locator('input').inputValue()).resolves.toBe(String(deleted?.seq));
    await expect(page.getByTestId('proof-verdict').textContent()).resolves.toContain('已证明');
    await shot('audit-03b-proof-missing-in-archive');
  });

  it('given the proof API, when an event is asked for by id and by seq, then both answer the same proof; both at once, a bad seq or a seal\'s seq are refused naming seq', async () => {
    const auditor = { token: hub.credentials.auditor };
    const [archived] = await sql<{ seq: string; id: string }>("SELECT seq, id FROM event_archive WHERE aggregate_id = 'V-I1'");
    const byId = await hub.get(`/api/v1/audit/proof?eventId=${archived?.id ?? ''}`, auditor);
    const bySeq = await hub.get(`/api/v1/audit/proof?seq=${archived?.seq ?? ''}`, auditor);
    expect(byId.status).toBe(200);
    const proof = (await byId.json()) as { seq: number; sealSeq: number };
    expect(await bySeq.json()).toEqual(proof);
    for (const query of [`eventId=${archived?.id ?? ''}&seq=${archived?.seq ?? ''}`, 'seq=0', 'seq=abc', 'seq=1.5']) {
      const refused = await hub.get(`/api/v1/audit/proof?${query}`, auditor);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { fields: { path: string }[] }).fields.map((field) => field.path)).toEqual(['seq']);
    }
    // A seal is stored in the stream too, but it is no event: nothing to prove.
    expect((await hub.get(`/api/v1/audit/proof?seq=${proof.sealSeq}`, auditor)).status).toBe(404);
    expect((await hub.get('/api/v1/audit/proof?seq=999999', auditor)).status).toBe(404);
    expect((await hub.get(`/api/v1/audit/proof?seq=${archived?.seq ?? ''}`, { unit: 'samr/653100' })).status).toBe(403);
  });

  it('given a typed event id that is not a UUID, or one the log does not hold, when its proof is asked, then the error names the field in Chinese', async () => {
    await page.getByTestId('proof-event-id').locator('input').fill('L-2021-0001');
    await page.getByTestId('proof-load').click();
    await expect(page.getByTestId('proof-error').textContent()).resolves.toContain('事件ID（eventId）格式不正确');
    await page.getByTestId('proof-event-id').locator('input').fill('0190f0a1-7c2e-7000-8000-00000000dead');
    await page.getByTestId('proof-load').click();
    await page.getByTestId('proof-error').getByText('0190f0a1-7c2e-7000-8000-00000000dead').waitFor();
    await expect(page.getByTestId('proof-error').textContent()).resolves.toMatch(/^事件ID（eventId）0190f0a1-7c2e-7000-8000-00000000dead 在归档中找不到/);
    await page.getByTestId('proof-event-id').locator('input').fill('999999');
    await page.getByTestId('proof-load').click();
    await page.getByTestId('proof-error').getByText('存储序号（seq）999999').waitFor();
    await shot('audit-04-proof-error');
  });

  it('given a unit and a coordinator, when signed in, then neither has 日志核验 in the menu nor reaches it by address, and the API refuses them the pass', async () => {
    for (const token of [hub.token('samr/653100'), hub.credentials.coordinator]) {
      await signOut();
      await signIn(token);
      await page.locator('.n-menu-item').first().waitFor();
      await expect(page.locator('.n-menu-item', { hasText: '日志核验' }).count()).resolves.toBe(0);
      await go('/audit-verify');
      await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash !== '#/audit-verify');
      await expect(page.getByTestId('verify-run').count()).resolves.toBe(0);
      const status = await page.evaluate(async (bearer) => (await fetch('/api/v1/audit/verify/stream', { method: 'POST', headers: { authorization: `Bearer ${bearer}` } })).status, token);
      expect(status).toBe(403);
    }
    await shot('audit-05-coordinator-no-page');
    expect(pageErrors).toEqual([]);
  });
});
