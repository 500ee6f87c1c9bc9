import type { Sql } from '@hub/read-models';

/** `people.notification_reads`: which alerts each reader (`account:<id>` | `key:<id>`) has marked read. */
export class NotificationReadsRepository {
  constructor(private readonly sql: Sql) {}

  async markRead(reader: string, unit: string, alertId: string): Promise<void> {
    await this.sql.query('INSERT INTO people.notification_reads (reader, unit, alert_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [reader, unit, alertId]);
  }

  /** Of `alertIds`, those `reader` has read. */
  async readOf(reader: string, unit: string, alertIds: readonly string[]): Promise<Set<string>> {
    if (alertIds.length === 0) return new Set();
    const rows = await this.sql.query<{ alert_id: string }>('SELECT alert_id FROM people.notification_reads WHERE reader = $1 AND unit = $2 AND alert_id = ANY($3::text[])', [reader, unit, [...alertIds]]);
    return new Set(rows.map((r) => r.alert_id));
  }
}
