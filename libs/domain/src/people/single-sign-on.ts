// Single sign-on through a ministry's OpenID Connect provider: the provider says who the person is, the hub
// decides what they may do. A person signs in to the hub account of the same username (the claim is
// configurable); there is no self-registration — an admin creates the account and grants its roles, and the
// grants stay events in the log. Privileged roles need a second factor: through SSO the provider must assert
// it in the ID token's `amr` (RFC 8176), since the hub's own TOTP is not asked on this path.
import { MFA_ROLES, type Role } from './roles.js';

/** RFC 8176 authentication method references, by factor kind. */
const KNOWLEDGE = new Set(['pwd', 'pin', 'kba']);
const POSSESSION = new Set(['otp', 'hwk', 'swk', 'sc', 'sms', 'tel', 'pop']);
const INHERENCE = new Set(['fpt', 'face', 'iris', 'retina', 'vbm', 'bio', 'geo']);

/** True when `amr` asserts more than one factor: `mfa` itself, or methods of two different kinds. */
export function assertsMultiFactor(amr: unknown): boolean {
  if (!Array.isArray(amr)) return false;
  const methods = amr.filter((m): m is string => typeof m === 'string');
  if (methods.includes('mfa')) return true;
  const kinds = [KNOWLEDGE, POSSESSION, INHERENCE].filter((kind) => methods.some((m) => kind.has(m)));
  return kinds.length >= 2;
}

export type SsoRefusal =
  /** The ID token lacks the configured username claim (or it is not a non-empty string). */
  | 'SSO_NO_USERNAME'
  /** No hub account has that username: an admin must create it first. */
  | 'SSO_NO_ACCOUNT'
  /** The account is locked after failed sign-ins. */
  | 'SSO_LOCKED'
  /** A privileged role, and the provider asserted no second factor. */
  | 'SSO_MFA_REQUIRED';

/** What the callback knows when it decides: the ID token's claims, and the account that username names. */
export interface SsoAttempt {
  claims: Record<string, unknown>;
  usernameClaim: string;
  account: { username: string; lockedUntil: Date | null; roles: readonly Role[] } | undefined;
  now: Date;
}

/** The username the provider vouches for, if the claim holds one. */
export function ssoUsername(claims: Record<string, unknown>, usernameClaim: string): string | undefined {
  const value = claims[usernameClaim];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Whether this attempt opens a session; the refusal's code otherwise. */
export function decideSingleSignOn(attempt: SsoAttempt): { ok: true } | { ok: false; refusal: SsoRefusal } {
  if (ssoUsername(attempt.claims, attempt.usernameClaim) === undefined) return { ok: false, refusal: 'SSO_NO_USERNAME' };
  const { account } = attempt;
  if (account === undefined) return { ok: false, refusal: 'SSO_NO_ACCOUNT' };
  if (account.lockedUntil !== null && account.lockedUntil.getTime() > attempt.now.getTime()) return { ok: false, refusal: 'SSO_LOCKED' };
  if (account.roles.some((role) => MFA_ROLES.has(role)) && !assertsMultiFactor(attempt.claims['amr'])) return { ok: false, refusal: 'SSO_MFA_REQUIRED' };
  return { ok: true };
}

/** What the person reads when single sign-on is refused (Chinese; the code goes to the access log). */
export const SSO_REFUSAL_TEXT: Record<SsoRefusal, string> = {
  SSO_NO_USERNAME: '身份提供方未提供用户名，无法对应平台账号。',
  SSO_NO_ACCOUNT: '平台中没有与该统一身份对应的账号，请联系管理员开通。',
  SSO_LOCKED: '该账号因多次登录失败暂被锁定，请稍后再试或联系管理员。',
  SSO_MFA_REQUIRED: '该账号持有需多因素认证的角色，但身份提供方未声明已完成多因素认证（amr）。请在身份提供方完成多因素认证，或使用平台密码和动态口令登录。',
};
