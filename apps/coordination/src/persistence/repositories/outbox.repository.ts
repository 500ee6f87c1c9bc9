import type { Sql } from '@hub/persistence';

export interface OutboxEntry {
  key: string;
  eventId: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

/** `coordination_outbox`: joint-office events decided, published once (keyed by their idempotency key). */
export class OutboxRepository {
  constructor(private readonly sql: Sql) {}

  /** Queues entries not queued before (by key), in order; returns how many were new. */
  async enqueue(entries: readonly OutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = await this.sql.query(
      `INSERT INTO coordination_outbox (key, position, event_id, type, subject, time, data)
       SELECT key, (SELECT coalesce(max(position), 0) FROM coordination_outbox) + ord, "eventId"::uuid, type, subject, time, data
       FROM jsonb_to_recordset($1::jsonb) AS r(key text, "eventId" text, type text, subject text, time text, data jsonb, ord bigint)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [JSON.stringify(entries.map((e, i) => ({ ...e, ord: i + 1 })))],
    );
    return rows.length;
  }

  /** Which of `keys` are queued (published or not). */
  async known(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.sql.query<{ key: string }>('SELECT key FROM coordination_outbox WHERE key = ANY($1::text[])', [keys]);
    return new Set(rows.map((row) => row.key));
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.sql.query<OutboxEntry>(
      `SELECT key, event_id AS "eventId", type, subject, time, data FROM coordination_outbox
       WHERE published_seq IS NULL AND error IS NULL ORDER BY position LIMIT $1`,
      [limit],
    );
  }

  async markPublished(results: readonly { key: string; seq: number }[]): Promise<void> {
    if (results.length === 0) return;
    await this.sql.query(
      'UPDATE coordination_outbox o SET published_seq = r.seq FROM unnest($1::text[], $2::bigint[]) AS r(key, seq) WHERE o.key = r.key',
      [results.map((r) => r.key), results.map((r) => r.seq)],
    );
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.sql.query('UPDATE coordination_outbox SET error = $2 WHERE key = $1', [key, error]);
  }
}
