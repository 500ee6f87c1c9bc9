import { describe, expect, it } from '@jest/globals';
import { HubError } from '@hub/domain';
import type { ApiKeysService } from '../people/api-keys.service.js';
import type { SignInService } from '../people/sign-in.service.js';
import { Authenticator, type AuthenticatedRequest } from './authenticator.js';
import type { Principal } from './principal.js';
import type { TokenRegistry } from './token-registry.js';

const STATIC: Principal = { kind: 'unit', unit: 'samr/653100', department: 'samr', region: '653100', actor: 'key:static-samr-653100' };
const NAMED: Principal = { kind: 'unit', unit: 'samr/653100', department: 'samr', region: '653100', actor: 'key:K-1' };

/** An authenticator over one static token and one named key that `revoked` can revoke; counts the named keys' look-ups. */
function authenticator(): { auth: Authenticator; lookups: () => number; revoke: () => void } {
  let lookups = 0;
  let revoked = false;
  const tokens = { resolve: (token: string) => (token === 'static-token' ? STATIC : undefined) } as unknown as TokenRegistry;
  const keys = {
    resolve: (key: string) => {
      lookups += 1;
      return Promise.resolve(key === 'hk_named' && !revoked ? NAMED : undefined);
    },
  } as unknown as ApiKeysService;
  const sessions = { resolve: () => Promise.resolve(undefined) } as unknown as SignInService;
  return { auth: new Authenticator(tokens, keys, sessions), lookups: () => lookups, revoke: () => (revoked = true) };
}

const bearer = (key: string): AuthenticatedRequest => ({ headers: { authorization: `Bearer ${key}` }, method: 'POST' }) as unknown as AuthenticatedRequest;

describe('Authenticator', () => {
  it('answers a static key at once, without a promise', () => {
    expect(authenticator().auth.authenticate(bearer('static-token'))).toEqual(STATIC);
    expect(authenticator().auth.authenticate(bearer('static-token'))).not.toBeInstanceOf(Promise);
  });

  it('reads a named key on every request, so its revocation counts from the next one', async () => {
    const { auth, lookups, revoke } = authenticator();
    await expect(auth.authenticate(bearer('hk_named'))).resolves.toEqual(NAMED);
    await expect(auth.authenticate(bearer('hk_named'))).resolves.toEqual(NAMED);
    revoke();
    await expect(auth.authenticate(bearer('hk_named'))).rejects.toEqual(new HubError('UNAUTHENTICATED', 'unknown, expired or revoked bearer key'));
    expect(lookups()).toBe(3);
  });

  it('refuses with a rejected promise, never a throw: a malformed header, an unknown key, no credentials', async () => {
    const { auth } = authenticator();
    const malformed = { headers: { authorization: 'Basic abc' }, method: 'GET' } as unknown as AuthenticatedRequest;
    const nobody = { headers: {}, method: 'GET' } as unknown as AuthenticatedRequest;
    await expect(auth.authenticate(malformed)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'malformed Authorization header (Authorization: Bearer <key>)' });
    await expect(auth.authenticate(bearer('nope'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'unknown, expired or revoked bearer key' });
    await expect(auth.authenticate(nobody)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
