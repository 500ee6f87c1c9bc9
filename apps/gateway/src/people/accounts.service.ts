import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HubError, isRole, isUuid, scopeProblem, type Role } from '@hub/domain';
import type { Principal } from '../auth/principal.js';
import { AccountRolesRepository } from './account-roles.repository.js';
import { AccountsRepository } from './accounts.repository.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { PeopleDb } from './people-db.js';
import { isAdmin } from './principal-of-roles.js';
import { RolePublisher } from './role-publisher.js';
import { SessionsRepository } from './sessions.repository.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

const fail = (path: string, message: string): HubError => new HubError('VALIDATION_FAILED', `invalid input: ${path}`, { fields: [{ path, message }] });

export function requireAdmin(principal: Principal): void {
  if (!isAdmin(principal)) throw new HubError('FORBIDDEN', 'accounts, roles and keys are managed by admins');
}

function requirePerson(principal: Principal): string {
  if (!principal.actor?.startsWith('account:')) throw new HubError('FORBIDDEN', 'this is for a signed-in person, not a key');
  return principal.actor.slice('account:'.length);
}

/** Accounts (admin), role grants and revocations (events through the joint office), and a person's own account. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @Inject(PeopleDb) private readonly db: PeopleDb,
    @Inject(RolePublisher) private readonly publisher: RolePublisher,
  ) {}

  async list(principal: Principal): Promise<unknown> {
    requireAdmin(principal);
    const sql = await this.db.sql();
    const [accounts, roles] = await Promise.all([new AccountsRepository(sql).list(), new AccountRolesRepository(sql).all()]);
    return {
      items: accounts.map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.display_name,
        totpEnrolled: a.totp_secret !== null,
        locked: a.locked_until !== null && a.locked_until.getTime() > Date.now(),
        createdAt: a.created_at.toISOString(),
        roles: roles.filter((r) => r.account_id === a.id).map((r) => ({ role: r.role, scope: r.scope, grantedBy: r.granted_by, reason: r.reason, inLog: r.event_seq !== null })),
      })),
    };
  }

  /** A new account with a one-time password (and a TOTP secret when asked), both shown once. */
  async create(principal: Principal, body: Record<string, unknown>): Promise<{ id: string; username: string; password: string; totpSecret?: string; otpauthUri?: string }> {
    requireAdmin(principal);
    const { username, displayName, totp } = body;
    if (typeof username !== 'string' || !USERNAME.test(username)) throw fail('username', 'lowercase letters, digits, . _ -; 3 to 32, starting with a letter');
    if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 64) throw fail('displayName', 'is required (up to 64 characters)');
    return this.insertAccount({ username, displayName: displayName.trim(), createdBy: principal.actor ?? 'unknown', totp: totp === true });
  }

  async insertAccount(account: { username: string; displayName: string; createdBy: string; totp: boolean; password?: string; totpSecret?: string }): Promise<{ id: string; username: string; password: string; totpSecret?: string; otpauthUri?: string }> {
    const id = `A-${randomUUID().slice(0, 8)}`;
    const password = account.password ?? generatePassword();
    const totpSecret = account.totp ? (account.totpSecret ?? newTotpSecret()) : undefined;
    const inserted = await new AccountsRepository(await this.db.sql()).insert({ id, username: account.username, displayName: account.displayName, passwordHash: await hashPassword(password), totpSecret: totpSecret ?? null, createdBy: account.createdBy });
    if (!inserted) throw new HubError('CONFLICT', `username ${account.username} is taken`);
    return { id, username: account.username, password, ...(totpSecret ? { totpSecret, otpauthUri: otpauthUri(totpSecret, account.username) } : {}) };
  }

  /** Grants a role: in force at once, and published as role.granted (by the joint office) before the answer. */
  async grant(principal: Principal, accountId: string, body: Record<string, unknown>): Promise<{ role: Role; scope: string; seq: number }> {
    requireAdmin(principal);
    const change = this.roleChange(body);
    const sql = await this.db.sql();
    if (!(await new AccountsRepository(sql).byId(accountId))) throw new HubError('NOT_FOUND', `no account ${accountId}`);
    return this.grantAs(principal.actor ?? 'unknown', accountId, change);
  }

  async grantAs(by: string, accountId: string, change: { role: Role; scope: string; reason: string; requestId: string }): Promise<{ role: Role; scope: string; seq: number }> {
    const roles = new AccountRolesRepository(await this.db.sql());
    const row = await roles.grant({ accountId, role: change.role, scope: change.scope, grantedBy: by, reason: change.reason, requestId: change.requestId });
    const published = await this.publisher.publish({ type: 'role.granted', accountId, role: row.role, scope: row.scope, by: row.granted_by, reason: row.reason, requestId: row.request_id });
    await roles.recordPublished(row.request_id, published.seq);
    return { role: row.role, scope: row.scope, seq: published.seq };
  }

  /** Revokes: out of force at once, then published as role.revoked (a failed publication answers 503: retry it). */
  async revoke(principal: Principal, accountId: string, body: Record<string, unknown>): Promise<{ role: Role; scope: string; seq: number }> {
    requireAdmin(principal);
    const change = this.roleChange(body);
    const removed = await new AccountRolesRepository(await this.db.sql()).revoke(accountId, change.role, change.scope);
    if (!removed && body['id'] === undefined) throw new HubError('NOT_FOUND', `account ${accountId} does not hold ${change.role} ${change.scope}`);
    const published = await this.publisher.publish({ type: 'role.revoked', accountId, role: change.role, scope: change.scope, by: principal.actor ?? 'unknown', reason: change.reason, requestId: change.requestId });
    return { role: change.role, scope: change.scope, seq: published.seq };
  }

  private roleChange(body: Record<string, unknown>): { role: Role; scope: string; reason: string; requestId: string } {
    const { role, scope, reason, id } = body;
    if (!isRole(role)) throw fail('role', 'one of clerk, unit_head, line_supervisor, region_coordinator, coordinator, auditor, admin');
    const normalized = typeof scope === 'string' ? scope : '';
    const problem = scopeProblem(role, normalized === '' ? undefined : normalized);
    if (problem !== undefined) throw fail('scope', problem);
    if (typeof reason !== 'string' || reason.trim() === '') throw fail('reason', 'is required: say why');
    if (id !== undefined && !isUuid(id)) throw fail('id', "must be a UUID (the request's idempotency key)");
    return { role, scope: normalized, reason: reason.trim(), requestId: typeof id === 'string' ? id : randomUUID() };
  }

  /** Publishes grants in force that are not in the log yet (after a crash or while coordination was away). */
  async publishPending(): Promise<number> {
    const roles = new AccountRolesRepository(await this.db.sql());
    let published = 0;
    for (const row of await roles.unpublished()) {
      const result = await this.publisher.publish({ type: 'role.granted', accountId: row.account_id, role: row.role, scope: row.scope, by: row.granted_by, reason: row.reason, requestId: row.request_id });
      await roles.recordPublished(row.request_id, result.seq);
      published++;
    }
    if (published > 0) this.logger.log(`published ${published} pending role grant(s)`);
    return published;
  }

  /** A person changes their own password (current one required); their other sessions end. */
  async changePassword(principal: Principal, sessionTokenHash: string | undefined, body: Record<string, unknown>): Promise<void> {
    const id = requirePerson(principal);
    const { current, next } = body;
    if (typeof current !== 'string' || typeof next !== 'string') throw fail('next', 'current and next are required');
    const sql = await this.db.sql();
    const accounts = new AccountsRepository(sql);
    const account = await accounts.byId(id);
    if (!account || !(await verifyPassword(current, account.password_hash))) throw fail('current', '当前密码不正确');
    const problem = passwordProblem(next, account.username);
    if (problem !== undefined) throw fail('next', problem);
    await accounts.setPassword(id, await hashPassword(next));
    await new SessionsRepository(sql).removeOthers(id, sessionTokenHash ?? '');
  }

  /** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed. */
  async beginTotp(principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
    const id = requirePerson(principal);
    const secret = newTotpSecret();
    await new AccountsRepository(await this.db.sql()).setPendingTotp(id, secret);
    return { secret, otpauthUri: otpauthUri(secret, principal.username ?? id) };
  }

  async confirmTotp(principal: Principal, body: Record<string, unknown>): Promise<{ enrolled: true }> {
    const id = requirePerson(principal);
    const accounts = new AccountsRepository(await this.db.sql());
    const account = await accounts.byId(id);
    const step = account?.totp_pending && typeof body['code'] === 'string' ? verifyTotp(account.totp_pending, body['code'], new Date()) : undefined;
    if (step === undefined) throw fail('code', '动态口令不正确');
    await accounts.confirmTotp(id, step);
    return { enrolled: true };
  }
}
