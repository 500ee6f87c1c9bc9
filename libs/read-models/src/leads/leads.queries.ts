import { LEADS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { LeadState } from './leads.evolve.js';

const LIST = LEADS_MODEL.table.list;
const toState = LEADS_MODEL.rows.codec.fromRow;

/** `leads`: reads (the projector writes through READ_MODELS). */
export class LeadRepository {
  constructor(private readonly sql: Sql) {}

  async all(): Promise<LeadState[]> {
    return (await this.sql.query(`SELECT ${LIST} FROM leads ORDER BY unit, lead_id`)).map(toState);
  }

  /** Monitoring leads per key period (voided ones left out) reported before `timeBefore`, optionally of one region's units. */
  async byKeyPeriod(filter: { region?: string; timeFrom?: string; timeBefore: string }): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ key_period: string; n: string }>(
      `SELECT key_period, count(*) AS n FROM leads
        WHERE key_period IS NOT NULL AND status <> 'voided' AND reported_at < $1::timestamptz AND ($2::text IS NULL OR split_part(unit, '/', 2) = $2)
          AND ($3::timestamptz IS NULL OR reported_at >= $3)
        GROUP BY 1`,
      [filter.timeBefore, filter.region ?? null, filter.timeFrom ?? null],
    );
    return new Map(rows.map((r) => [r.key_period, Number(r.n)]));
  }

  /**
   * Leads per product focus code (null: none given), reported in the window (on event time), voided ones left out;
   * optionally one unit's, one line's (department) or one prefecture's (region). Statistics by the plan's product
   * focus list (二(二)1).
   */
  async byProduct(filter: { unit?: string | null; department?: string; region?: string; timeFrom?: string | null; timeBefore: string }): Promise<{ productCategory: string | null; leads: number }[]> {
    const rows = await this.sql.query<{ product_category: string | null; n: string }>(
      `SELECT product_category, count(*) AS n FROM leads
        WHERE status <> 'voided' AND ($1::text IS NULL OR unit = $1) AND ($2::timestamptz IS NULL OR reported_at >= $2) AND reported_at < $3::timestamptz
          AND ($4::text IS NULL OR split_part(unit, '/', 1) = $4) AND ($5::text IS NULL OR split_part(unit, '/', 2) = $5)
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      [filter.unit ?? null, filter.timeFrom ?? null, filter.timeBefore, filter.department ?? null, filter.region ?? null],
    );
    return rows.map((r) => ({ productCategory: r.product_category, leads: Number(r.n) }));
  }
}
