import type { Sql } from '@hub/read-models';

export interface SessionRow {
  account_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
}

/** people.sessions, keyed by the sha256 of the cookie's value (the table never holds a usable token). */
export class SessionsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(tokenHash: string, accountId: string, csrfToken: string, now: Date): Promise<void> {
    await this.sql.query('INSERT INTO people.sessions (token_hash, account_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)', [tokenHash, accountId, csrfToken, now]);
  }

  async find(tokenHash: string): Promise<SessionRow | undefined> {
    return (await this.sql.query<SessionRow>('SELECT account_id, csrf_token, created_at, last_seen_at FROM people.sessions WHERE token_hash = $1', [tokenHash]))[0];
  }

  /** Moves the idle clock, at most once a minute per session (every request would be a write otherwise). */
  async touch(tokenHash: string, now: Date): Promise<void> {
    await this.sql.query("UPDATE people.sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2::timestamptz - interval '1 minute'", [tokenHash, now]);
  }

  async remove(tokenHash: string): Promise<void> {
    await this.sql.query('DELETE FROM people.sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** A password change ends the account's other sessions. */
  async removeOthers(accountId: string, keepTokenHash: string): Promise<void> {
    await this.sql.query('DELETE FROM people.sessions WHERE account_id = $1 AND token_hash <> $2', [accountId, keepTokenHash]);
  }
}
