import type { Sql } from '@hub/persistence';

/** `coordination_referrals`: the joint office's referral lifecycle states and their running clocks. */
export class CoordinationReferralRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(rows: readonly { referralId: string; state: object; runningClock: string | null; runningDueAt: string | null }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO coordination_referrals (referral_id, state, running_clock, running_due_at)
       SELECT "referralId", state, "runningClock", "runningDueAt" FROM jsonb_to_recordset($1::jsonb) AS r("referralId" text, state jsonb, "runningClock" text, "runningDueAt" timestamptz)
       ON CONFLICT (referral_id) DO UPDATE SET state = EXCLUDED.state, running_clock = EXCLUDED.running_clock, running_due_at = EXCLUDED.running_due_at`,
      [JSON.stringify(rows)],
    );
  }

  async all<T>(): Promise<T[]> {
    return (await this.sql.query<{ state: T }>('SELECT state FROM coordination_referrals ORDER BY referral_id')).map((row) => row.state);
  }

  /** Referrals whose running clock ran out by `now`. */
  async due<T>(now: Date): Promise<T[]> {
    return (await this.sql.query<{ state: T }>('SELECT state FROM coordination_referrals WHERE running_due_at <= $1 ORDER BY running_due_at, referral_id', [now.toISOString()])).map(
      (row) => row.state,
    );
  }
}
