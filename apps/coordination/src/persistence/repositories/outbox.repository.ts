import type { Sql } from '@hub/persistence';

export interface OutboxEntry {
  key: string;
  eventId: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

/** The entries above the published mark: queued, not yet in the stream (nor failed for good). */
const PENDING = `FROM coordination_outbox WHERE position > (SELECT up_to FROM coordination_outbox_published WHERE name = 'outbox')`;

/** A subquery: how many outbox entries wait to be published (in `schema`, else on the search path); for specs and the fault harness. */
export function outboxPendingCountSql(schema?: string): string {
  return `(SELECT count(*) ${schema === undefined ? PENDING : PENDING.replace(/coordination_outbox/g, `${schema}.coordination_outbox`)})`;
}

/**
 * `coordination_outbox`: joint-office events decided, published once (keyed by their idempotency key), in position
 * order; `coordination_outbox_published` holds the position up to which they are published.
 */
export class OutboxRepository {
  constructor(private readonly sql: Sql) {}

  /** Queues entries not queued before (by key), in order; returns those that were new. */
  async enqueue<E extends OutboxEntry>(entries: readonly E[]): Promise<E[]> {
    if (entries.length === 0) return [];
    const rows = await this.sql.query<{ key: string }>(
      `INSERT INTO coordination_outbox (key, position, event_id, type, subject, time, data)
       SELECT key, (SELECT coalesce(max(position), 0) FROM coordination_outbox) + ord, "eventId"::uuid, type, subject, time, data
       FROM jsonb_to_recordset($1::jsonb) AS r(key text, "eventId" text, type text, subject text, time text, data jsonb, ord bigint)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [JSON.stringify(entries.map((e, i) => ({ ...e, ord: i + 1 })))],
    );
    const fresh = new Set(rows.map((row) => row.key));
    return entries.filter((entry) => fresh.has(entry.key));
  }

  /** Which of `keys` are queued (published or not). */
  async known(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.sql.query<{ key: string }>('SELECT key FROM coordination_outbox WHERE key = ANY($1::text[])', [keys]);
    return new Set(rows.map((row) => row.key));
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.sql.query<OutboxEntry>(`SELECT key, event_id AS "eventId", type, subject, time, data ${PENDING} ORDER BY position LIMIT $1`, [limit]);
  }

  /**
   * `keys` (the oldest pending ones, in order) are published or failed for good: the mark moves to the highest of their
   * positions (the highest, not the last key's: a key queued again keeps its first, older position).
   */
  async markPublished(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.query(
      `UPDATE coordination_outbox_published SET up_to = greatest(up_to, (SELECT max(position) FROM coordination_outbox WHERE key = ANY($1::text[]))) WHERE name = 'outbox'`,
      [keys],
    );
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.sql.query('UPDATE coordination_outbox SET error = $2 WHERE key = $1', [key, error]);
  }
}
