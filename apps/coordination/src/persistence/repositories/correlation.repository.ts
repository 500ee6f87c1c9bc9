import type { Sql } from '@hub/persistence';

export interface StoredMember {
  member: string;
  department: string;
  region: string;
  keys: string[];
}

/** `correlation_members`, `correlation_manual`, `correlation_over`: the correlation engine's inputs. */
export class CorrelationRepository {
  constructor(private readonly sql: Sql) {}

  async insertMembers(rows: readonly { position: number; member: string; department: string; region: string; keys: readonly string[]; seq: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO correlation_members (position, member, department, region, keys, seq)
       SELECT position, member, department, region, keys, seq
       FROM jsonb_to_recordset($1::jsonb) AS r(position integer, member text, department text, region text, keys text[], seq bigint)`,
      [JSON.stringify(rows)],
    );
  }

  /** Members in arrival order, page by page (the engine is restored from them). */
  async *members(pageSize = 50_000): AsyncGenerator<StoredMember[]> {
    for (let from = 0; ; from += pageSize) {
      const rows = await this.sql.query<StoredMember>(
        'SELECT member, department, region, keys FROM correlation_members WHERE position >= $1 AND position < $2 ORDER BY position',
        [from, from + pageSize],
      );
      if (rows.length === 0) return;
      yield rows;
    }
  }

  async insertManual(rows: readonly { position: number; afterMembers: number; type: string; data: object; seq: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO correlation_manual (position, after_members, type, data, seq)
       SELECT position, "afterMembers", type, data, seq FROM jsonb_to_recordset($1::jsonb) AS r(position integer, "afterMembers" integer, type text, data jsonb, seq bigint)`,
      [JSON.stringify(rows)],
    );
  }

  async manual(): Promise<{ afterMembers: number; type: 'cluster.linked' | 'cluster.unlinked'; data: Record<string, unknown> }[]> {
    const rows = await this.sql.query<{ after_members: number; type: 'cluster.linked' | 'cluster.unlinked'; data: Record<string, unknown> }>(
      'SELECT after_members, type, data FROM correlation_manual ORDER BY position',
    );
    return rows.map((row) => ({ afterMembers: row.after_members, type: row.type, data: row.data }));
  }

  async upsertOver(over: ReadonlyMap<string, { count: number; sinceSeq: number }>): Promise<void> {
    if (over.size === 0) return;
    await this.sql.query(
      `INSERT INTO correlation_over (key, count, since_seq) SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[])
       ON CONFLICT (key) DO UPDATE SET count = EXCLUDED.count`,
      [[...over.keys()], [...over.values()].map((v) => v.count), [...over.values()].map((v) => v.sinceSeq)],
    );
  }

  async over(): Promise<{ key: string; count: number; sinceSeq: number }[]> {
    const rows = await this.sql.query<{ key: string; count: number; since_seq: string }>('SELECT key, count, since_seq FROM correlation_over ORDER BY count DESC, key');
    return rows.map((row) => ({ key: row.key, count: row.count, sinceSeq: Number(row.since_seq) }));
  }
}
