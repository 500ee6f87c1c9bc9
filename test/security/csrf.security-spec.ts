// Issue 12 §8, CSRF on cookie routes: a signed-in browser's cookie rides along with any request another site
// makes it send, so every write of the OpenAPI document must refuse a session cookie that comes without the
// session's CSRF token (or with another one) — before the route runs, whatever the route is.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base32Decode } from '@hub/domain';
import { totp } from '../../apps/gateway/src/people/totp.js';
import { leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';

type Operations = Record<string, Record<string, Record<string, unknown>>>;

describe('CSRF on cookie-authenticated writes', () => {
  let hub: TestHub;
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true, people: true });
    const response = await fetch(`${hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.credentials.admin.password, totp: totp(base32Decode(hub.credentials.admin.totpSecret), new Date()) }),
    });
    expect(response.status).toBe(200);
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = String(((await response.json()) as Record<string, unknown>)['csrfToken']);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const writesOf = async (): Promise<[string, string][]> => {
    const doc = (await (await fetch(`${hub.url}/api/docs/openapi.json`)).json()) as { paths: Operations };
    const writes: [string, string][] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Sign-in (x-hub-public) has no session yet to forge a request with.
        if (!['post', 'put', 'patch', 'delete'].includes(method) || operation['x-hub-public'] === true) continue;
        writes.push([method.toUpperCase(), path.replace(/\{dept\}/g, 'samr').replace(/\{[^}]+\}/g, 'x')]);
      }
    }
    return writes;
  };

  it('given a signed-in admin, when every write of the OpenAPI document is sent with the cookie but without the CSRF token or with a forged one, then each is 403 naming the CSRF token, and nothing changes', async () => {
    const writes = await writesOf();
    expect(writes).toContainEqual(['POST', '/api/v1/accounts']);
    expect(writes).toContainEqual(['DELETE', '/api/v1/session']);
    expect(writes).toContainEqual(['POST', '/api/v1/departments/samr/events']);
    const before = await hub.storedEvents();
    for (const forged of [undefined, 'x'.repeat(csrf.length)]) {
      for (const [method, path] of writes) {
        const response = await fetch(`${hub.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json', ...(forged === undefined ? {} : { 'x-csrf-token': forged }) },
          body: JSON.stringify({ username: 'csrf-victim', displayName: '跨站', ...leadReported('CSRF-1') }),
        });
        const body = (await response.json()) as Record<string, unknown>;
        expect([method, path, response.status, body['code']]).toEqual([method, path, 403, 'FORBIDDEN']);
        expect(String(body['message'])).toContain('CSRF');
      }
    }
    expect(await hub.storedEvents()).toBe(before);
    // The session survived every forged sign-out, and no account was created.
    const accounts = await fetch(`${hub.url}/api/v1/accounts`, { headers: { cookie } });
    expect(accounts.status).toBe(200);
    expect(JSON.stringify(await accounts.json())).not.toContain('csrf-victim');
  });

  it('given the same session, when a write carries its CSRF token, then the route runs (the 403s above were the token, not the role)', async () => {
    const response = await fetch(`${hub.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(response.status).toBeLessThan(300);
    expect((await fetch(`${hub.url}/api/v1/accounts`, { headers: { cookie } })).status).toBe(401);
  });
});
