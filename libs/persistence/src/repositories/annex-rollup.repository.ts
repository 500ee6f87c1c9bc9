import { resolveAnnexWindow, type AnnexPeriod, type AnnexScope, type AnnexTotals, type CampaignDefinition } from '@hub/domain';
import type { CampaignContribution } from '../projections/plan-batch.js';
import type { Sql } from '../sql/sql.js';

/*
 * Rolling up: the contributions a batch has just COPYed (sequences after the batch's base checkpoint) are
 * read back by the primary key (it leads with seq) and added into the three rollup tables with one
 * set-based upsert each. GROUP BY makes each target row appear once per statement, which ON CONFLICT DO
 * UPDATE requires. The local day is the contribution's `time` in its campaign's zone ($3/$4: campaign ids
 * and their zones), the same day boundaries resolveAnnexWindow draws in JavaScript.
 */
const FROM_BATCH = 'FROM annex_contributions c JOIN unnest($3::text[], $4::text[]) AS z(campaign, zone) ON z.campaign = c.campaign';
const IN_BATCH = 'c.seq > $1 AND c.seq <= $2';
const DAY = '(c.time AT TIME ZONE z.zone)::date';

const ROLL_UP_AMOUNTS = `
INSERT INTO annex_rollup AS r (campaign, unit, day, row_id, region, amount, contributions)
SELECT c.campaign, c.unit, ${DAY}, c.row_id, c.region, sum(c.amount), count(*)
  ${FROM_BATCH}
 WHERE ${IN_BATCH}
 GROUP BY c.campaign, c.unit, ${DAY}, c.row_id, c.region
ON CONFLICT (campaign, unit, day, row_id) DO UPDATE SET amount = r.amount + EXCLUDED.amount, contributions = r.contributions + EXCLUDED.contributions`;

const ROLL_UP_KEYS = `
INSERT INTO annex_rollup_keys (campaign, unit, day, row_id, distinct_key, region)
SELECT DISTINCT c.campaign, c.unit, ${DAY}, c.row_id, c.distinct_key, c.region
  ${FROM_BATCH}
 WHERE ${IN_BATCH} AND c.distinct_key IS NOT NULL
ON CONFLICT DO NOTHING`;

const ROLL_UP_REMARKS = `
INSERT INTO annex_rollup_remarks AS r (campaign, unit, day, row_id, category, region, n)
SELECT c.campaign, c.unit, ${DAY}, c.row_id, category, c.region, count(*)
  ${FROM_BATCH} CROSS JOIN LATERAL unnest(c.other_categories) AS category
 WHERE ${IN_BATCH}
 GROUP BY c.campaign, c.unit, ${DAY}, c.row_id, category, c.region
ON CONFLICT (campaign, unit, day, row_id, category) DO UPDATE SET n = r.n + EXCLUDED.n`;

/*
 * The annex without "as of": the same three figures per row as AnnexRepository.totals, from the rollup.
 * The window's instants are local-day starts (resolveAnnexWindow), so [timeFrom, timeBefore) is exactly the
 * days [local date of timeFrom, local date of timeBefore). Distinct keys are counted over the whole scope
 * and period (COUNT(DISTINCT) across units and days), as the exact query does.
 */
const IN_WINDOW = `campaign = $1 AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR region = $3)
     AND day >= ($4::timestamptz AT TIME ZONE $6)::date AND day < ($5::timestamptz AT TIME ZONE $6)::date`;

const TOTALS = `
WITH t AS (
  SELECT row_id, sum(amount) AS amount FROM annex_rollup WHERE ${IN_WINDOW} GROUP BY row_id
), k AS (
  SELECT row_id, count(DISTINCT distinct_key) AS n FROM annex_rollup_keys WHERE ${IN_WINDOW} GROUP BY row_id
), r AS (
  SELECT row_id, jsonb_object_agg(category, n) AS counts
    FROM (SELECT row_id, category, sum(n) AS n FROM annex_rollup_remarks WHERE ${IN_WINDOW} GROUP BY row_id, category) per_category
   GROUP BY row_id
)
SELECT t.row_id, t.amount, coalesce(k.n, 0) AS distinct_count, coalesce(r.counts, '{}'::jsonb) AS remark_counts
  FROM t LEFT JOIN k USING (row_id) LEFT JOIN r USING (row_id)`;

/** Campaign id → time zone of the contributions given (what rollUp needs to bucket them by local day). */
export function campaignZones(contributions: Iterable<CampaignContribution>): Map<string, string> {
  const zones = new Map<string, string>();
  for (const c of contributions) if (!zones.has(c.campaign)) zones.set(c.campaign, c.timezone);
  return zones;
}

/** `annex_rollup`, `annex_rollup_keys`, `annex_rollup_remarks`: annex_contributions added up per unit × local day × row. */
export class AnnexRollupRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Adds the contributions with sequence in (afterSeq, toSeq] — the batch just written, in the same
   * transaction — into the rollup. `zones` must name every campaign among them (campaignZones).
   */
  async rollUp(afterSeq: number, toSeq: number, zones: ReadonlyMap<string, string>): Promise<void> {
    if (zones.size === 0 || toSeq <= afterSeq) return;
    const values = [afterSeq, toSeq, [...zones.keys()], [...zones.values()]];
    await this.sql.query(ROLL_UP_AMOUNTS, values);
    await this.sql.query(ROLL_UP_KEYS, values);
    await this.sql.query(ROLL_UP_REMARKS, values);
  }

  /**
   * AnnexRepository.totals for a period without `asOf` (everything recorded so far), from the rollup.
   * Throws the domain's VALIDATION_FAILED for a malformed period; refuses an `asOf` (that needs the
   * contributions' recorded_at).
   */
  async totals(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexTotals> {
    const window = resolveAnnexWindow(definition, period);
    if (window.asOf !== undefined) throw new Error('the annex rollup has no "as of": use AnnexRepository.totals');
    const rows = await this.sql.query<{ row_id: string; amount: number; distinct_count: string; remark_counts: Record<string, number> }>(TOTALS, [
      definition.id,
      scope.kind === 'unit' ? scope.unit : null,
      scope.kind === 'region' ? scope.region : null,
      window.timeFrom,
      window.timeBefore,
      definition.timezone,
    ]);
    const totals: AnnexTotals = {};
    for (const row of rows) {
      totals[row.row_id] = { amount: Number(row.amount), distinct: Number(row.distinct_count), remarkCounts: row.remark_counts };
    }
    return totals;
  }
}
