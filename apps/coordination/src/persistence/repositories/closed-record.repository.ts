import type { Sql } from '@hub/persistence';

/** `coordination_closed_records`: leads and cases closed or voided (no more alerts for their unit). */
export class ClosedRecordRepository {
  constructor(private readonly sql: Sql) {}

  async insert(rows: readonly { ref: string; seq: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO coordination_closed_records (ref, seq) SELECT ref, seq FROM unnest($1::text[], $2::bigint[]) AS r(ref, seq) ON CONFLICT (ref) DO NOTHING`,
      [rows.map((r) => r.ref), rows.map((r) => r.seq)],
    );
  }

  async all(): Promise<string[]> {
    return (await this.sql.query<{ ref: string }>('SELECT ref FROM coordination_closed_records ORDER BY ref')).map((row) => row.ref);
  }
}
