import type { Role } from '@hub/domain';
import type { Sql } from '@hub/read-models';

export interface RoleGrant {
  role: Role;
  /** A unit, department or region; '' for the campaign-wide roles. */
  scope: string;
}

export interface RoleRow {
  account_id: string;
  role: Role;
  scope: string;
  granted_by: string;
  reason: string;
  request_id: string;
  event_seq: string | null;
  granted_at: Date;
}

/** people.account_roles: the roles in force (each also a role.granted event in the log, `event_seq`). */
export class AccountRolesRepository {
  constructor(private readonly sql: Sql) {}

  async of(accountId: string): Promise<RoleGrant[]> {
    return this.sql.query<RoleGrant>('SELECT role, scope FROM people.account_roles WHERE account_id = $1 ORDER BY role, scope', [accountId]);
  }

  async all(): Promise<RoleRow[]> {
    return this.sql.query<RoleRow>('SELECT * FROM people.account_roles ORDER BY account_id, role, scope');
  }

  /** Grants the role (a repeated grant keeps the first row); returns the row in force. */
  async grant(row: { accountId: string; role: Role; scope: string; grantedBy: string; reason: string; requestId: string }): Promise<RoleRow> {
    await this.sql.query(
      `INSERT INTO people.account_roles (account_id, role, scope, granted_by, reason, request_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [row.accountId, row.role, row.scope, row.grantedBy, row.reason, row.requestId],
    );
    const [stored] = await this.sql.query<RoleRow>('SELECT * FROM people.account_roles WHERE account_id = $1 AND role = $2 AND scope = $3', [row.accountId, row.role, row.scope]);
    if (!stored) throw new Error('role row vanished');
    return stored;
  }

  async recordPublished(requestId: string, seq: number): Promise<void> {
    await this.sql.query('UPDATE people.account_roles SET event_seq = $2 WHERE request_id = $1', [requestId, seq]);
  }

  /** Grants in force that are not in the log yet (a crash or an unreachable coordination service). */
  async unpublished(): Promise<RoleRow[]> {
    return this.sql.query<RoleRow>('SELECT * FROM people.account_roles WHERE event_seq IS NULL ORDER BY granted_at LIMIT 100');
  }

  /** Revokes; false when the account did not hold the role. */
  async revoke(accountId: string, role: Role, scope: string): Promise<boolean> {
    const rows = await this.sql.query(
      'WITH gone AS (DELETE FROM people.account_roles WHERE account_id = $1 AND role = $2 AND scope = $3 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [accountId, role, scope],
    );
    return (rows[0] as { n?: number } | undefined)?.n === 1;
  }
}
