import { describe, expect, it } from '@jest/globals';
import { assertsMultiFactor, decideSingleSignOn, ssoUsername, type SsoAttempt } from './single-sign-on.js';

const now = new Date('2021-10-08T02:00:00Z');
const attempt = (over: Partial<SsoAttempt> = {}): SsoAttempt => ({
  claims: { sub: 'u-1', preferred_username: 'clerk-kashgar' },
  usernameClaim: 'preferred_username',
  account: { username: 'clerk-kashgar', lockedUntil: null, roles: ['clerk'] },
  now,
  ...over,
});

describe('assertsMultiFactor (RFC 8176 amr)', () => {
  it.each([
    [['mfa'], true],
    [['pwd', 'otp'], true],
    [['pwd', 'fpt'], true],
    [['hwk', 'face'], true],
    [['pwd'], false],
    [['pwd', 'pin'], false],
    [['otp', 'sms'], false],
    [[], false],
    [undefined, false],
    ['mfa', false],
  ])('given amr %j, then multi-factor is %s', (amr, expected) => {
    expect(assertsMultiFactor(amr)).toBe(expected);
  });
});

describe('decideSingleSignOn', () => {
  it('given a clerk the provider vouches for with a password only, when deciding, then a session opens', () => {
    expect(decideSingleSignOn(attempt())).toEqual({ ok: true });
  });

  it('given no username claim (or an empty one), then SSO_NO_USERNAME', () => {
    expect(decideSingleSignOn(attempt({ claims: { sub: 'u-1' } }))).toEqual({ ok: false, refusal: 'SSO_NO_USERNAME' });
    expect(decideSingleSignOn(attempt({ claims: { sub: 'u-1', preferred_username: '  ' } }))).toEqual({ ok: false, refusal: 'SSO_NO_USERNAME' });
  });

  it('given a username with no hub account, then SSO_NO_ACCOUNT (no self-registration)', () => {
    expect(decideSingleSignOn(attempt({ account: undefined }))).toEqual({ ok: false, refusal: 'SSO_NO_ACCOUNT' });
  });

  it('given a locked account, then SSO_LOCKED until the lock passes', () => {
    const locked = { username: 'clerk-kashgar', lockedUntil: new Date(now.getTime() + 60_000), roles: ['clerk'] as const };
    expect(decideSingleSignOn(attempt({ account: locked }))).toEqual({ ok: false, refusal: 'SSO_LOCKED' });
    expect(decideSingleSignOn(attempt({ account: locked, now: new Date(now.getTime() + 120_000) }))).toEqual({ ok: true });
  });

  it('given a coordinator, when the provider asserts no second factor, then SSO_MFA_REQUIRED; with amr [pwd, otp], a session', () => {
    const coordinator = { username: 'coord', lockedUntil: null, roles: ['clerk', 'coordinator'] as const };
    const claims = { sub: 'u-2', preferred_username: 'coord' };
    expect(decideSingleSignOn(attempt({ account: coordinator, claims }))).toEqual({ ok: false, refusal: 'SSO_MFA_REQUIRED' });
    expect(decideSingleSignOn(attempt({ account: coordinator, claims: { ...claims, amr: ['pwd', 'otp'] } }))).toEqual({ ok: true });
  });

  it('given another username claim configured, then that claim names the account', () => {
    expect(ssoUsername({ sub: 'u-1', email: 'a@example.gov.cn' }, 'email')).toBe('a@example.gov.cn');
    expect(ssoUsername({ sub: 'u-1' }, 'email')).toBeUndefined();
  });
});
