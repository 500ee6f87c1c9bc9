// Issue 13 §2: single sign-on through a ministry's OpenID Connect provider — here a real node-oidc-provider on
// loopback. The provider says who the person is; the hub's account of that username and its roles decide.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { base32Decode } from '@hub/domain';
import { freePort } from '@hub/runtime';
import { DEFAULT_WEB_ROOT } from '../apps/gateway/src/web/serve-web-ui.js';
import { totp } from '../apps/gateway/src/people/totp.js';
import { TestHub } from './support/test-hub.js';
import { TestOidcProvider } from './support/oidc-provider.js';
import { waitUntil } from './faults/support/processes.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');
type Json = Record<string, unknown>;

/** A person signed in over the API with password (+ TOTP): the session cookie and its CSRF token. */
async function signedIn(hub: TestHub, username: string, password: string, totpSecret?: string): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>> {
  const answer = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, ...(totpSecret ? { totp: totp(base32Decode(totpSecret), new Date()) } : {}) }),
  });
  expect(answer.status).toBe(200);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = String(((await answer.json()) as Json)['csrfToken']);
  return async (method, path, body) => {
    const response = await fetch(`${hub.url}${path}`, {
      method,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  };
}

describe('single sign-on (OpenID Connect): the provider authenticates, the hub account of the same username decides', () => {
  let provider: TestOidcProvider;
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let auditor: Awaited<ReturnType<typeof signedIn>>;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  /** A fresh browser session at the sign-in page, leaving through the SSO button as `person`. */
  const ssoAs = async (person: TestOidcProvider['person']): Promise<void> => {
    provider.person = person;
    await context.clearCookies();
    await page.goto(`${hub.url}/`);
    await page.getByTestId('sign-in-sso').click();
    await page.waitForURL((url) => url.pathname === '/api/v1/session/oidc/callback' || url.pathname === '/');
  };

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: run `npm run build:web` (npm run test:e2e does)');
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}`);
    await mkdir(ARTIFACTS, { recursive: true });
    const port = await freePort();
    const client = { clientId: 'net-sword-hub', clientSecret: 'a-test-client-secret-of-some-length', redirectUri: `http://127.0.0.1:${port}/api/v1/session/oidc/callback` };
    provider = await TestOidcProvider.start(client);
    hub = await TestHub.start({
      departments: ['samr'],
      projector: true,
      coordination: true, // role grants are joint events
      people: true,
      gateway: { port, oidc: { issuer: provider.issuer, ...client, usernameClaim: 'preferred_username', label: '政务统一身份认证登录', allowHttp: true } },
    });
    const admin = await signedIn(hub, 'admin', hub.credentials.admin.password, hub.credentials.admin.totpSecret);
    const create = async (username: string, role: string, scope?: string): Promise<Json> => {
      const created = await admin('POST', '/api/v1/accounts', { username, displayName: username, totp: true });
      expect(created.status).toBe(201);
      const account = JSON.parse(created.text) as Json;
      expect((await admin('POST', `/api/v1/accounts/${String(account['id'])}/roles`, { role, ...(scope ? { scope } : {}), reason: '统一身份认证测试' })).status).toBe(201);
      return account;
    };
    await create('wangfang', 'clerk', 'samr/653100');
    await create('zhaolei', 'coordinator');
    const audit = await create('sunli', 'auditor');
    auditor = await signedIn(hub, 'sunli', String(audit['password']), String(audit['totpSecret']));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await provider?.stop();
  });

  it('given a clerk known to the provider, when she clicks the SSO button, then she is signed in to her hub account, scoped to her unit', async () => {
    await page.goto(`${hub.url}/`);
    await page.getByTestId('sign-in-sso').getByText('政务统一身份认证登录').waitFor();
    await shot('sso-01-sign-in');
    await ssoAs({ sub: 'idp-1001', preferred_username: 'wangfang', amr: ['pwd'] });
    await expect(page.getByTestId('principal').textContent()).resolves.toContain('喀什地区');
    await shot('sso-02-signed-in');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<Json>);
    expect(me).toMatchObject({ kind: 'unit', unit: 'samr/653100', username: 'wangfang' });
  });

  it('given a coordinator whose provider asserted a password only, when signing on, then 401 asking for multi-factor; with [pwd, otp], signed in', async () => {
    await ssoAs({ sub: 'idp-2002', preferred_username: 'zhaolei', amr: ['pwd'] });
    await page.getByText(/多因素认证/).first().waitFor();
    await shot('sso-03-mfa-required');
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await ssoAs({ sub: 'idp-2002', preferred_username: 'zhaolei', amr: ['pwd', 'otp'] });
    await expect(page.getByTestId('principal').textContent()).resolves.toBe('联席会议协调员（zhaolei）');
  });

  it('given a person the hub has no account for, when signing on, then 401 saying an admin must open one (no self-registration)', async () => {
    await ssoAs({ sub: 'idp-3003', preferred_username: 'stranger', amr: ['pwd', 'otp'] });
    await page.getByText(/没有与该统一身份对应的账号/).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
  });

  it('given a callback the hub did not begin (no pending state), when it arrives, then 401 and no session', async () => {
    const response = await fetch(`${hub.url}/api/v1/session/oidc/callback?code=forged&state=forged`);
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie') ?? '').not.toContain('hub_session=');
    expect(await response.text()).toContain('登录流程已过期或未从本平台发起');
  });

  it('given the attempts above, when the auditor reads the access log, then each refused single sign-on is a failed sign-in with its username', async () => {
    const failures = async (): Promise<Json[]> => {
      const answer = await auditor('GET', '/api/v1/audit/access?route=/api/v1/session/oidc/callback&status=401');
      expect(answer.status).toBe(200);
      return answer.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Json);
    };
    const names = async (): Promise<unknown[]> => (await failures()).map((r) => (r['signInFailed'] as Json | undefined)?.['username'] ?? null);
    // Written in the background (batched): wait for the state. The forged callback names nobody.
    await waitUntil('the refused single sign-ons are logged', async () => (await names()).length >= 3, 10_000, 50);
    expect((await names()).sort()).toEqual([null, 'stranger', 'zhaolei']);
  });

  it('given a hub without a provider, when the sign-in page asks, then no SSO is offered and the route is 404', async () => {
    expect(await (await fetch(`${hub.url}/api/v1/session/sso`)).json()).toEqual({ enabled: true, label: '政务统一身份认证登录', start: '/api/v1/session/oidc' });
    const plain = await TestHub.start({ departments: ['samr'], people: true });
    try {
      expect(await (await fetch(`${plain.url}/api/v1/session/sso`)).json()).toEqual({ enabled: false });
      expect((await fetch(`${plain.url}/api/v1/session/oidc`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
