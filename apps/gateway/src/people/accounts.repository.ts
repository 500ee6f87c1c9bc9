import type { Sql } from '@hub/read-models';

export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: string;
  failed_count: number;
  locked_until: Date | null;
  created_at: Date;
}

/** people.accounts: every statement on it. */
export class AccountsRepository {
  constructor(private readonly sql: Sql) {}

  async byUsername(username: string): Promise<AccountRow | undefined> {
    return (await this.sql.query<AccountRow>('SELECT * FROM people.accounts WHERE username = $1', [username]))[0];
  }

  async byId(id: string): Promise<AccountRow | undefined> {
    return (await this.sql.query<AccountRow>('SELECT * FROM people.accounts WHERE id = $1', [id]))[0];
  }

  async list(): Promise<AccountRow[]> {
    return this.sql.query<AccountRow>('SELECT * FROM people.accounts ORDER BY username');
  }

  /** Inserts the account; false when the username is taken. */
  async insert(account: { id: string; username: string; displayName: string; passwordHash: string; totpSecret: string | null; createdBy: string }): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO people.accounts (id, username, display_name, password_hash, totp_secret, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [account.id, account.username, account.displayName, account.passwordHash, account.totpSecret, account.createdBy],
    );
    return rows.length === 1;
  }

  /** Counts a failed sign-in; after `limit` in a row the account locks until `lockUntil`. */
  async recordFailure(id: string, limit: number, lockUntil: Date): Promise<void> {
    await this.sql.query(
      `UPDATE people.accounts SET failed_count = failed_count + 1,
         locked_until = CASE WHEN failed_count + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE id = $1`,
      [id, limit, lockUntil],
    );
  }

  /** A successful sign-in: failures forgotten; the TOTP step used is remembered so the code cannot be replayed. */
  async recordSuccess(id: string, totpStep: number | undefined): Promise<void> {
    await this.sql.query('UPDATE people.accounts SET failed_count = 0, locked_until = NULL, totp_last_step = GREATEST(totp_last_step, $2) WHERE id = $1', [id, totpStep ?? 0]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.sql.query('UPDATE people.accounts SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  async setPendingTotp(id: string, secret: string): Promise<void> {
    await this.sql.query('UPDATE people.accounts SET totp_pending = $2 WHERE id = $1', [id, secret]);
  }

  async confirmTotp(id: string, step: number): Promise<void> {
    await this.sql.query('UPDATE people.accounts SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $2 WHERE id = $1', [id, step]);
  }
}
