import { describe, expect, it } from '@jest/globals';
import { completeCredentials, generateCredentials } from './credentials.js';

describe('credentials', () => {
  it('given a fresh hub, when generating, then the bootstrap admin has a policy-strength password and a base32 TOTP secret', () => {
    const credentials = generateCredentials(['samr/653100']);
    expect(credentials.admin.username).toBe('admin');
    expect(credentials.admin.password).toMatch(/^[A-Za-z0-9_-]{16}-Aa1$/);
    expect(credentials.admin.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('given a credentials file from before accounts existed, when completing, then the tokens are kept and an admin is added', () => {
    const old = { units: { 'samr/653100': 'kept' }, coordinator: 'c', auditor: 'a' };
    const completed = completeCredentials(old, ['samr/653100', 'police/650100']);
    expect(completed).toMatchObject({ units: { 'samr/653100': 'kept' }, coordinator: 'c', auditor: 'a', admin: { username: 'admin' } });
    expect(completeCredentials(completed, ['samr/653100']).admin).toEqual(completed.admin);
  });
});
