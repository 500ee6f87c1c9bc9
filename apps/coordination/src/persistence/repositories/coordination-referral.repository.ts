import type { Sql } from '@hub/persistence';

/** `coordination_referrals`: the joint office's referral lifecycle states (by `<from>/referral/<id>`) and their running clocks. */
export class CoordinationReferralRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(rows: readonly { referralKey: string; state: object; runningClock: string | null; runningDueAt: string | null }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO coordination_referrals (referral_key, state, running_clock, running_due_at)
       SELECT "referralKey", state, "runningClock", "runningDueAt" FROM jsonb_to_recordset($1::jsonb) AS r("referralKey" text, state jsonb, "runningClock" text, "runningDueAt" timestamptz)
       ON CONFLICT (referral_key) DO UPDATE SET state = EXCLUDED.state, running_clock = EXCLUDED.running_clock, running_due_at = EXCLUDED.running_due_at`,
      [JSON.stringify(rows)],
    );
  }

  async all<T>(): Promise<T[]> {
    return (await this.sql.query<{ state: T }>('SELECT state FROM coordination_referrals ORDER BY referral_key')).map((row) => row.state);
  }

  /** Referrals whose running clock ran out by `now`. */
  async due<T>(now: Date): Promise<T[]> {
    return (await this.sql.query<{ state: T }>('SELECT state FROM coordination_referrals WHERE running_due_at <= $1 ORDER BY running_due_at, referral_key', [now.toISOString()])).map(
      (row) => row.state,
    );
  }
}
