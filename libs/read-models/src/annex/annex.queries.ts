import { resolveAnnexWindow, type AnnexPeriod, type AnnexScope, type AnnexTotals, type CampaignDefinition } from '@hub/domain';
import type { Sql } from '../table/sql.js';

/**
 * The whole annex in one statement: the scope/period/as-of filter once (materialised), then per row
 * Σ amount and the number of distinct keys with records left (a void takes its key back), and per row ×
 * other category the net number of records,
 * folded into one JSON object per row. The same arithmetic as totalsFromContributions in the domain.
 * Exported for EXPLAIN (bench/annex-explain.bench.ts).
 */
export const EXACT_TOTALS_SQL = `
WITH c AS MATERIALIZED (
  SELECT row_id, amount, records, distinct_key, other_categories
    FROM annex_contributions
   WHERE campaign = $1
     AND ($2::text IS NULL OR unit = $2)
     AND ($3::text IS NULL OR region = $3)
     AND time >= $4::timestamptz AND time < $5::timestamptz
     AND ($6::timestamptz IS NULL OR recorded_at <= $6::timestamptz)
     AND ($7::text IS NULL OR department = $7)
), remarks AS (
  SELECT row_id, jsonb_object_agg(category, n) AS counts
    FROM (SELECT row_id, category, sum(records) AS n FROM c CROSS JOIN LATERAL unnest(other_categories) AS category GROUP BY row_id, category) per_category
   GROUP BY row_id
), keys AS (
  SELECT row_id, count(*) AS n FROM (SELECT row_id FROM c WHERE distinct_key IS NOT NULL GROUP BY row_id, distinct_key HAVING sum(records) > 0) live GROUP BY row_id
)
SELECT t.row_id, t.amount, coalesce(k.n, 0) AS distinct_count, coalesce(r.counts, '{}'::jsonb) AS remark_counts
  FROM (SELECT row_id, sum(amount) AS amount FROM c GROUP BY row_id) t
  LEFT JOIN keys k USING (row_id)
  LEFT JOIN remarks r USING (row_id)`;

/** `annex_contributions`: per event × annex row what the event adds; the annex is an aggregate over it (written through READ_MODELS). */
export class AnnexRepository {
  constructor(private readonly sql: Sql) {}

  /** Per unit: how many annex records it has in the campaign window, net of voids (an annex with none is empty), and rows with any. */
  async contributionsPerUnit(campaign: string, timeFrom: string, timeBefore: string): Promise<Map<string, { contributions: number; rows: number }>> {
    const rows = await this.sql.query<{ unit: string; n: string; row_count: string }>(
      `SELECT unit, sum(n) AS n, count(*) FILTER (WHERE n > 0) AS row_count
         FROM (SELECT unit, row_id, sum(records) AS n FROM annex_contributions
                WHERE campaign = $1 AND time >= $2::timestamptz AND time < $3::timestamptz GROUP BY unit, row_id) per_row
        GROUP BY unit`,
      [campaign, timeFrom, timeBefore],
    );
    return new Map(rows.map((r) => [r.unit, { contributions: Number(r.n), rows: Number(r.row_count) }]));
  }

  /**
   * Per annex row of `definition`: Σ amount, number of distinct keys and remark counts, for the scope, the
   * local-date period `from`..`to` (inclusive, campaign zone, clipped to the campaign) and what the hub had
   * recorded by `asOf`. Throws the domain's VALIDATION_FAILED for a malformed period.
   */
  async totals(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexTotals> {
    const window = resolveAnnexWindow(definition, period);
    const rows = await this.sql.query<{ row_id: string; amount: number; distinct_count: string; remark_counts: Record<string, number> }>(EXACT_TOTALS_SQL, [
      definition.id,
      scope.kind === 'unit' ? scope.unit : null,
      scope.kind === 'region' ? scope.region : null,
      window.timeFrom,
      window.timeBefore,
      window.asOf ?? null,
      scope.kind === 'line' ? scope.department : null,
    ]);
    const totals: AnnexTotals = {};
    for (const row of rows) {
      totals[row.row_id] = { amount: Number(row.amount), distinct: Number(row.distinct_count), remarkCounts: row.remark_counts };
    }
    return totals;
  }

  /** The contributions behind one annex cell (audit: "which events make this number"). */
  async contributionsOf(definition: CampaignDefinition, rowId: string, scope: AnnexScope, period: AnnexPeriod = {}): Promise<{ seq: number; eventId: string; amount: number }[]> {
    const window = resolveAnnexWindow(definition, period);
    const rows = await this.sql.query<{ seq: string; event_id: string; amount: number }>(
      `SELECT seq, event_id::text AS event_id, amount FROM annex_contributions
        WHERE campaign = $1 AND row_id = $2 AND ($3::text IS NULL OR unit = $3) AND ($4::text IS NULL OR region = $4)
          AND time >= $5::timestamptz AND time < $6::timestamptz AND ($7::timestamptz IS NULL OR recorded_at <= $7::timestamptz)
          AND ($8::text IS NULL OR department = $8)
        ORDER BY seq`,
      [
        definition.id,
        rowId,
        scope.kind === 'unit' ? scope.unit : null,
        scope.kind === 'region' ? scope.region : null,
        window.timeFrom,
        window.timeBefore,
        window.asOf ?? null,
        scope.kind === 'line' ? scope.department : null,
      ],
    );
    return rows.map((r) => ({ seq: Number(r.seq), eventId: r.event_id, amount: r.amount }));
  }
}
