import { NOTIFICATIONS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { NotificationState } from './notifications.evolve.js';

const LIST = NOTIFICATIONS_MODEL.table.list;
const toState = NOTIFICATIONS_MODEL.rows.codec.fromRow;

export interface VerdictCount {
  entityKey: string;
  confirmed: number;
  falsePositive: number;
}

/** `notifications`: reads (the projector writes through READ_MODELS). */
export class NotificationRepository {
  constructor(private readonly sql: Sql) {}

  /** A unit's alerts, newest first. */
  async forUnit(unit: string, limit: number): Promise<NotificationState[]> {
    return (await this.sql.query(`SELECT ${LIST} FROM notifications WHERE unit = $1 AND alerted ORDER BY alert_seq DESC LIMIT $2`, [unit, limit])).map(toState);
  }

  async one(unit: string, alertId: string): Promise<NotificationState | undefined> {
    const [row] = await this.sql.query(`SELECT ${LIST} FROM notifications WHERE unit = $1 AND alert_id = $2 AND alerted`, [unit, alertId]);
    return row === undefined ? undefined : toState(row);
  }

  /** Alerts with a verdict (the joint meeting's list), newest verdict first; optionally only those on `keys`. */
  async withVerdicts(limit: number, keys?: readonly string[]): Promise<NotificationState[]> {
    return (
      await this.sql.query(
        `SELECT ${LIST} FROM notifications WHERE alerted AND verdict IS NOT NULL AND ($2::text[] IS NULL OR entity_key = ANY($2::text[])) ORDER BY verdict_seq DESC LIMIT $1`,
        [limit, keys === undefined ? null : [...keys]],
      )
    ).map(toState);
  }

  /** Verdicts per value: how many units confirmed a hit on it, how many called it a false positive. */
  async verdictCounts(keys?: readonly string[]): Promise<VerdictCount[]> {
    const rows = await this.sql.query<{ entity_key: string; confirmed: string; false_positive: string }>(
      `SELECT entity_key, count(*) FILTER (WHERE verdict = 'confirmed') AS confirmed, count(*) FILTER (WHERE verdict = 'false_positive') AS false_positive
         FROM notifications WHERE alerted AND verdict IS NOT NULL AND ($1::text[] IS NULL OR entity_key = ANY($1::text[]))
        GROUP BY entity_key ORDER BY entity_key`,
      [keys === undefined ? null : [...keys]],
    );
    return rows.map((r) => ({ entityKey: r.entity_key, confirmed: Number(r.confirmed), falsePositive: Number(r.false_positive) }));
  }
}
