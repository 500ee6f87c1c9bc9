import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HubError, isRole, MFA_ROLES, sha256Hex } from '@hub/domain';
import type { Principal } from '../auth/principal.js';
import { AccountRolesRepository, type RoleGrant } from './account-roles.repository.js';
import { AccountsRepository, type AccountRow } from './accounts.repository.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { PeopleDb } from './people-db.js';
import { principalOfRoles } from './principal-of-roles.js';
import { SessionsRepository } from './sessions.repository.js';
import { verifyTotp } from './totp.js';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** The one answer to every failed sign-in: it says nothing about which part was wrong or that the account is locked. */
export const SIGN_IN_FAILED = '用户名、密码或动态口令不正确，或暂时无法登录；请稍后再试或联系管理员';

export interface SignedIn {
  token: string;
  csrfToken: string;
  principal: Principal;
}

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
  tokenHash: string;
}

/** Password (+ TOTP) sign-in, sessions in PostgreSQL (every gateway instance shares them), lock-out. */
@Injectable()
export class SignInService {
  constructor(@Inject(PeopleDb) private readonly db: PeopleDb) {}

  async signIn(username: unknown, password: unknown, code: unknown, now = new Date()): Promise<SignedIn> {
    if (typeof username !== 'string' || typeof password !== 'string' || (code !== undefined && code !== null && typeof code !== 'string')) {
      throw new HubError('VALIDATION_FAILED', 'username and password are required (totp: the 6-digit code, when enrolled)');
    }
    const sql = await this.db.sql();
    const accounts = new AccountsRepository(sql);
    const account = await accounts.byUsername(username);
    // Unknown user or locked account: the same work and the same answer as a wrong password.
    const passwordOk = await verifyPassword(password, account?.password_hash ?? DUMMY_HASH);
    if (!account) throw new HubError('UNAUTHENTICATED', SIGN_IN_FAILED);
    const locked = account.locked_until !== null && account.locked_until.getTime() > now.getTime();
    const roles = (await new AccountRolesRepository(sql).of(account.id)).filter((r) => isRole(r.role));
    const totpStep = this.secondFactor(account, roles.some((r) => MFA_ROLES.has(r.role)), typeof code === 'string' ? code : undefined, now);
    if (locked || !passwordOk || totpStep === false) {
      if (!locked) await accounts.recordFailure(account.id, LOCKOUT_AFTER_FAILURES, new Date(now.getTime() + LOCKOUT_MS));
      throw new HubError('UNAUTHENTICATED', SIGN_IN_FAILED);
    }
    await accounts.recordSuccess(account.id, totpStep);
    return this.openSession(account, roles, now);
  }

  /** A new session for an account whose person has proved who they are (password + TOTP, or single sign-on). */
  async openSession(account: AccountRow, roles: readonly RoleGrant[], now = new Date()): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await new SessionsRepository(await this.db.sql()).insert(sha256Hex(token), account.id, csrfToken, now);
    return { token, csrfToken, principal: principalOfRoles(account, roles) };
  }

  /**
   * The TOTP step used, undefined when no code was needed, false when the code is missing, wrong or
   * replayed. Privileged roles need an enrolled second factor; anyone who enrolled one must use it.
   */
  private secondFactor(account: AccountRow, required: boolean, code: string | undefined, now: Date): number | undefined | false {
    if (account.totp_secret === null) return required ? false : undefined;
    if (code === undefined) return false;
    const step = verifyTotp(account.totp_secret, code, now);
    return step === undefined || step <= Number(account.totp_last_step) ? false : step;
  }

  /** The session behind a cookie's token, or undefined when there is none or it has expired (idle or absolute). */
  async resolve(token: string, now = new Date()): Promise<ResolvedSession | undefined> {
    const sql = await this.db.sql();
    const tokenHash = sha256Hex(token);
    const sessions = new SessionsRepository(sql);
    const session = await sessions.find(tokenHash);
    if (!session) return undefined;
    if (now.getTime() - session.last_seen_at.getTime() > SESSION_IDLE_MS || now.getTime() - session.created_at.getTime() > SESSION_ABSOLUTE_MS) {
      await sessions.remove(tokenHash);
      return undefined;
    }
    const account = await new AccountsRepository(sql).byId(session.account_id);
    if (!account) return undefined;
    await sessions.touch(tokenHash, now);
    const roles = (await new AccountRolesRepository(sql).of(account.id)).filter((r) => isRole(r.role));
    return { principal: principalOfRoles(account, roles), csrfToken: session.csrf_token, tokenHash };
  }

  async signOut(token: string): Promise<void> {
    await new SessionsRepository(await this.db.sql()).remove(sha256Hex(token));
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
