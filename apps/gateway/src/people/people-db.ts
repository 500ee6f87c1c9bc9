import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@hub/read-models';
import { TokenRegistry } from '../auth/token-registry.js';
import { ReadModels } from '../common/read-models.js';
import { AccountRolesRepository } from './account-roles.repository.js';
import { AccountsRepository } from './accounts.repository.js';
import { hashPassword } from './passwords.js';
import { ensurePeopleSchema } from './people.schema.js';

export const BOOTSTRAP_ACTOR = 'system:bootstrap';
// The bootstrap grant's idempotency key: every gateway, every restart, lands on the same role.granted event.
const BOOTSTRAP_REQUEST_ID = '00000000-0000-4000-8000-00000000ad01';

/**
 * The `people` schema over the gateway's PostgreSQL pool, created on first use; with it, the bootstrap
 * admin of `.hub/credentials.json` (`npm start` writes it) exists and holds `admin` before anything reads.
 * The grant reaches the log through the pending-grants publisher (PeoplePublisher).
 */
@Injectable()
export class PeopleDb {
  private ready: Promise<Sql> | undefined;

  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
  ) {}

  sql(): Promise<Sql> {
    this.ready ??= this.readModels.sql().then(async (sql) => {
      await ensurePeopleSchema(sql);
      await this.bootstrapAdmin(sql);
      return sql;
    });
    this.ready.catch(() => (this.ready = undefined));
    return this.ready;
  }

  private async bootstrapAdmin(sql: Sql): Promise<void> {
    const admin = this.tokens.admin;
    if (!admin) return;
    const accounts = new AccountsRepository(sql);
    if (!(await accounts.byUsername(admin.username))) {
      await accounts.insert({ id: 'A-admin', username: admin.username, displayName: '系统管理员', passwordHash: await hashPassword(admin.password), totpSecret: admin.totpSecret, createdBy: BOOTSTRAP_ACTOR });
    }
    const account = await accounts.byUsername(admin.username);
    if (!account) throw new Error(`bootstrap admin ${admin.username} could not be created`);
    if ((await new AccountRolesRepository(sql).of(account.id)).some((r) => r.role === 'admin')) return;
    await new AccountRolesRepository(sql).grant({ accountId: account.id, role: 'admin', scope: '', grantedBy: BOOTSTRAP_ACTOR, reason: '部署时创建的初始管理员', requestId: BOOTSTRAP_REQUEST_ID });
  }
}
