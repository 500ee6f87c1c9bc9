import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base32Decode } from '@hub/domain';
import { totp } from '../apps/gateway/src/people/totp.js';
import { TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
class Person {
  cookie = '';
  csrf = '';

  constructor(private readonly hub: TestHub) {}

  async signIn(username: string, password: string, code?: string): Promise<{ status: number; body: Json; setCookie: string }> {
    const response = await fetch(`${this.hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, ...(code === undefined ? {} : { totp: code }) }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const body = (await response.json()) as Json;
    if (response.status === 200) {
      this.cookie = setCookie.split(';')[0] ?? '';
      this.csrf = String(body['csrfToken']);
    }
    return { status: response.status, body, setCookie };
  }

  async call(method: string, path: string, body?: unknown, { csrf = true } = {}): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${this.hub.url}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
  }
}

const bearer = async (hub: TestHub, path: string, key: string): Promise<number> => (await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${key}` } })).status;

describe('people: accounts, roles as events, sign-in with TOTP, sessions, keys', () => {
  let hub: TestHub;
  let admin: Person;
  let clerkId = '';
  let clerkPassword = '';

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true, coordination: true, people: true });
    admin = new Person(hub);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const adminCode = (): string => totp(base32Decode(hub.credentials.admin.totpSecret), new Date());

  it('given the bootstrap admin, when signing in without the TOTP code or with a wrong password, then both answer the same 401', async () => {
    const noCode = await admin.signIn('admin', hub.credentials.admin.password);
    const wrong = await admin.signIn('admin', 'Wrong-Password-1', adminCode());
    const nobody = await admin.signIn('nobody', 'Wrong-Password-1');
    expect([noCode.status, wrong.status, nobody.status]).toEqual([401, 401, 401]);
    expect(noCode.body['message']).toBe(wrong.body['message']);
    expect(nobody.body['message']).toBe(wrong.body['message']);
  });

  it('given password and TOTP, when the admin signs in, then an HttpOnly SameSite=Strict cookie and a CSRF token come back', async () => {
    const signedIn = await admin.signIn('admin', hub.credentials.admin.password, adminCode());
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookie).toMatch(/^hub_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await admin.call('GET', '/api/v1/me');
    expect(me.body).toMatchObject({ kind: 'staff', actor: 'account:A-admin', username: 'admin', roles: [{ role: 'admin', scope: '' }] });
    // An admin writes no facts and reads no campaign data.
    expect((await admin.call('GET', '/api/v1/referrals')).status).toBe(403);
  });

  it('given the admin session, when creating an account without the CSRF token, then 403; with it, the one-time password once', async () => {
    expect((await admin.call('POST', '/api/v1/accounts', { username: 'zhangwei', displayName: '张伟' }, { csrf: false })).status).toBe(403);
    const created = await admin.call('POST', '/api/v1/accounts', { username: 'zhangwei', displayName: '张伟' });
    expect(created.status).toBe(201);
    clerkId = String(created.body['id']);
    clerkPassword = String(created.body['password']);
    expect((await admin.call('POST', '/api/v1/accounts', { username: 'zhangwei', displayName: '张伟' })).status).toBe(409);
  });

  it('given a grant, when the admin grants clerk of samr/653100, then role.granted is in the log with who, whom and why', async () => {
    const refused = await admin.call('POST', `/api/v1/accounts/${clerkId}/roles`, { role: 'clerk', scope: '653100', reason: '填报员' });
    expect(refused.status).toBe(400);
    const granted = await admin.call('POST', `/api/v1/accounts/${clerkId}/roles`, { role: 'clerk', scope: 'samr/653100', reason: '喀什地区市场监管局填报员' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ role: 'clerk', scope: 'samr/653100', seq: expect.any(Number) as unknown });
    const log = await (await fetch(`${hub.url}/api/v1/audit/events?type=role.granted`, { headers: { authorization: `Bearer ${hub.credentials.auditor}` } })).text();
    expect(log).toContain(`"accountId":"${clerkId}"`);
    expect(log).toContain('"by":"account:A-admin"');
    expect(log).toContain('喀什地区市场监管局填报员');
  });

  it('given the clerk, when signing in, then it is its unit and nothing outside it', async () => {
    const clerk = new Person(hub);
    expect((await clerk.signIn('zhangwei', clerkPassword)).status).toBe(200);
    expect((await clerk.call('GET', '/api/v1/me')).body).toMatchObject({ kind: 'unit', unit: 'samr/653100', actor: `account:${clerkId}` });
    expect((await clerk.call('GET', '/api/v1/referrals')).status).toBe(403);
    expect((await clerk.call('GET', '/api/v1/annex?scope=region:653100')).status).toBe(403);
    expect((await clerk.call('GET', '/api/v1/referrals/inbox')).status).toBe(200);
    expect((await clerk.call('GET', '/api/v1/accounts')).status).toBe(403);
    // Sign-out ends the session on the server, not only in the browser.
    expect((await clerk.call('DELETE', '/api/v1/session')).status).toBe(204);
    expect((await clerk.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('given a session idle for 31 minutes, when it is used, then 401', async () => {
    const clerk = new Person(hub);
    expect((await clerk.signIn('zhangwei', clerkPassword)).status).toBe(200);
    const pool = await import('pg');
    const client = new pool.default.Client({ connectionString: hub.database?.url });
    await client.connect();
    try {
      await client.query("UPDATE people.sessions SET last_seen_at = now() - interval '31 minutes', created_at = now() - interval '31 minutes' WHERE account_id = $1", [clerkId]);
    } finally {
      await client.end();
    }
    expect((await clerk.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('given five wrong passwords, when the right one follows, then the account is locked with the same message', async () => {
    const clerk = new Person(hub);
    for (let i = 0; i < 5; i++) expect((await clerk.signIn('zhangwei', `Wrong-Password-${i}x`)).status).toBe(401);
    const locked = await clerk.signIn('zhangwei', clerkPassword);
    expect(locked.status).toBe(401);
    expect(locked.body['message']).toMatch(/用户名、密码或动态口令不正确/);
  });

  it('given a named key of a unit, when used and then revoked, then it works until the revocation and never after', async () => {
    const created = await admin.call('POST', '/api/v1/api-keys', { name: '喀什监测系统', kind: 'unit', unit: 'samr/653100', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const key = String(created.body['key']);
    expect(await bearer(hub, '/api/v1/referrals/inbox', key)).toBe(200);
    expect(await bearer(hub, '/api/v1/referrals', key)).toBe(403);
    const listed = await admin.call('GET', '/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).toMatch(/"lastUsedAt":"20/);
    expect((await admin.call('DELETE', `/api/v1/api-keys/${String(created.body['id'])}`)).status).toBe(200);
    expect(await bearer(hub, '/api/v1/referrals/inbox', key)).toBe(401);
    // The static tokens of .hub/credentials.json keep working for departmental systems and scripts.
    expect(await bearer(hub, '/api/v1/referrals', hub.credentials.coordinator)).toBe(200);
  });

  it('given a revocation, when the admin revokes the clerk role, then role.revoked is logged and the clerk reads nothing', async () => {
    const revoked = await admin.call('POST', `/api/v1/accounts/${clerkId}/roles/revoke`, { role: 'clerk', scope: 'samr/653100', reason: '岗位调整' });
    expect(revoked.status).toBe(200);
    const log = await (await fetch(`${hub.url}/api/v1/audit/events?type=role.revoked`, { headers: { authorization: `Bearer ${hub.credentials.auditor}` } })).text();
    expect(log).toContain('岗位调整');
  });
});
