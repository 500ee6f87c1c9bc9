import type { Sql } from '@hub/persistence';

export interface WatchRow {
  key: string;
  kind: 'closure' | 'case';
  state: object;
  dueAt: string | null;
  problem: string | null;
}

/** `coordination_watches`: closure requests and procedure clocks, with when each runs out. */
export class CoordinationWatchRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(rows: readonly WatchRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO coordination_watches (key, kind, state, due_at, problem)
       SELECT key, kind, state, "dueAt", problem FROM jsonb_to_recordset($1::jsonb) AS r(key text, kind text, state jsonb, "dueAt" timestamptz, problem text)
       ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, due_at = EXCLUDED.due_at, problem = EXCLUDED.problem`,
      [JSON.stringify(rows)],
    );
  }

  async all(): Promise<{ kind: string; state: object }[]> {
    return this.sql.query<{ kind: string; state: object }>('SELECT kind, state FROM coordination_watches ORDER BY key');
  }

  /** Watches that ran out by `now` whose notice is not queued yet (the outbox holds each key once). */
  async due(now: Date): Promise<{ kind: string; state: object }[]> {
    return this.sql.query<{ kind: string; state: object }>(
      `SELECT w.kind, w.state FROM coordination_watches w
       WHERE w.due_at <= $1 AND NOT EXISTS (SELECT 1 FROM coordination_outbox o WHERE o.key = w.key)
       ORDER BY w.due_at, w.key`,
      [now.toISOString()],
    );
  }
}
