import { resolveAnnexWindow, type AnnexPeriod, type AnnexScope, type AnnexTotals, type CampaignDefinition } from '@hub/domain';
import type { Sql } from '../table/sql.js';
import type { CampaignContribution } from './annex.evolve.js';

/** The rollup's `unit` (and `region`) of the rows that add up every unit: what scope `all` reads. */
export const ALL_UNITS = '*';

/*
 * Rolling up: the contributions a batch has just COPYed (sequences after the batch's base checkpoint) are
 * read back by the primary key (it leads with seq) and added into the rollup tables with one
 * set-based upsert each (and likewise into the two per month, the three per recorded day and the two per month × recorded month), in one statement. GROUP BY makes each target row appear once per statement, which ON CONFLICT DO
 * UPDATE requires. The local day is the contribution's `time` in its campaign's zone ($3/$4: campaign ids
 * and their zones), the same day boundaries resolveAnnexWindow draws in JavaScript. GROUPING SETS write
 * each unit's rows and, under unit and region ALL_UNITS, the rows of all units together (scope `all` then
 * reads ~1/50 of the rows).
 */
const BATCH = `WITH b AS MATERIALIZED (
  SELECT c.campaign, c.unit, c.region, (c.time AT TIME ZONE z.zone)::date AS day, date_trunc('month', c.time AT TIME ZONE z.zone)::date AS month,
         (c.recorded_at AT TIME ZONE z.zone)::date AS recorded_day, date_trunc('month', c.recorded_at AT TIME ZONE z.zone)::date AS recorded_month,
         c.row_id, c.amount, c.records, c.distinct_key, c.other_categories
    FROM annex_contributions c JOIN unnest($3::text[], $4::text[]) AS z(campaign, zone) ON z.campaign = c.campaign
   WHERE c.seq > $1 AND c.seq <= $2
)`;
const UNIT = `coalesce(unit, '${ALL_UNITS}')`;
const REGION = `coalesce(region, '${ALL_UNITS}')`;

/**
 * One table the roll-up adds a batch into: its grain (the time columns after campaign and unit), what else keys a
 * row (a remark's category, a distinct key), and what it sums. Every table gets the same statement shape: each
 * unit's rows and, under unit and region ALL_UNITS, all units together.
 */
interface RollupTarget {
  cte: string;
  table: string;
  grain: readonly string[];
  key?: 'category' | 'distinct_key';
  sums: 'amount' | 'amount, contributions' | 'n';
}

const ROLLUP_TARGETS: readonly RollupTarget[] = [
  { cte: 'amounts', table: 'annex_rollup', grain: ['day'], sums: 'amount, contributions' },
  { cte: 'monthly_amounts', table: 'annex_rollup_monthly', grain: ['month'], sums: 'amount, contributions' },
  { cte: 'monthly_remarks', table: 'annex_rollup_monthly_remarks', grain: ['month'], key: 'category', sums: 'n' },
  { cte: 'keys', table: 'annex_rollup_keys', grain: ['day'], key: 'distinct_key', sums: 'n' },
  { cte: 'recorded_amounts', table: 'annex_rollup_recorded', grain: ['day', 'recorded_day'], sums: 'amount' },
  { cte: 'recorded_monthly_amounts', table: 'annex_rollup_recorded_monthly', grain: ['month', 'recorded_month'], sums: 'amount' },
  { cte: 'recorded_monthly_remarks', table: 'annex_rollup_recorded_monthly_remarks', grain: ['month', 'recorded_month'], key: 'category', sums: 'n' },
  { cte: 'recorded_keys', table: 'annex_rollup_recorded_keys', grain: ['day', 'recorded_day'], key: 'distinct_key', sums: 'n' },
  { cte: 'recorded_remarks', table: 'annex_rollup_recorded_remarks', grain: ['day', 'recorded_day'], key: 'category', sums: 'n' },
  { cte: 'remarks', table: 'annex_rollup_remarks', grain: ['day'], key: 'category', sums: 'n' },
];

const SUMS: Record<RollupTarget['sums'], { columns: string; select: string; update: (alias: string) => string }> = {
  'amount, contributions': {
    columns: 'amount, contributions',
    select: 'sum(amount), sum(records)',
    update: (a) => `amount = ${a}.amount + EXCLUDED.amount, contributions = ${a}.contributions + EXCLUDED.contributions`,
  },
  amount: { columns: 'amount', select: 'sum(amount)', update: (a) => `amount = ${a}.amount + EXCLUDED.amount` },
  n: { columns: 'n', select: 'sum(records)', update: (a) => `n = ${a}.n + EXCLUDED.n` },
};

/** The INSERT … ON CONFLICT that adds the batch `b` into one rollup table. */
function rollupInsert(target: RollupTarget): string {
  const alias = target.key === 'distinct_key' ? 'k' : 'r';
  const keyed = [...target.grain, 'row_id', ...(target.key ? [target.key] : [])].join(', ');
  const sums = SUMS[target.sums];
  const from = target.key === 'category' ? 'b CROSS JOIN LATERAL unnest(b.other_categories) AS category' : 'b';
  const where = target.key === 'distinct_key' ? '\n   WHERE distinct_key IS NOT NULL' : '';
  return `INSERT INTO ${target.table} AS ${alias} (campaign, unit, ${keyed}, region, ${sums.columns})
  SELECT campaign, ${UNIT}, ${keyed}, ${REGION}, ${sums.select}
    FROM ${from}${where}
   GROUP BY GROUPING SETS ((campaign, unit, region, ${keyed}), (campaign, ${keyed}))
  ON CONFLICT (campaign, unit, ${keyed}) DO UPDATE SET ${sums.update(alias)}`;
}

/**
 * One statement (data-modifying CTEs: each runs once, to completion), so the batch is read back once: every
 * target but the last as a CTE, the last as the statement's own INSERT. Exported for the migration's backfill.
 */
export const ROLL_UP_SQL = `${BATCH}, ${ROLLUP_TARGETS.slice(0, -1)
  .map((target) => `${target.cte} AS (\n  ${rollupInsert(target)}\n)`)
  .join(', ')}\n${rollupInsert(ROLLUP_TARGETS[ROLLUP_TARGETS.length - 1] as RollupTarget)}`;

/*
 * The annex without "as of": the same three figures per row as AnnexRepository.totals, from the rollup.
 * The window's instants are local-day starts (resolveAnnexWindow), so [timeFrom, timeBefore) is exactly the
 * days [local date of timeFrom, local date of timeBefore). Distinct keys are counted over the whole scope
 * and period (COUNT(DISTINCT) across units and days), as the exact query does.
 */
const IN_SCOPE = `campaign = $1 AND ($2::text IS NULL OR unit = $2) AND ($3::text IS NULL OR region = $3)
     AND ($7::text IS NULL OR starts_with(unit, $7 || '/'))`;
const FIRST_DAY = `($4::timestamptz AT TIME ZONE $6)::date`;
const DAY_AFTER = `($5::timestamptz AT TIME ZONE $6)::date`;
const IN_WINDOW = `${IN_SCOPE}
     AND day >= ${FIRST_DAY} AND day < ${DAY_AFTER}`;
/*
 * Sums and remark counts read the period's whole local months from the rollup per month and only the days
 * outside them (before the first whole month, from the last one's end) from the rollup per day. The whole
 * months are [WHOLE_FROM, WHOLE_BEFORE): empty when the period holds no whole month, and then the two day
 * ranges are [first day, min(WHOLE_FROM, day after)) and [max(WHOLE_FROM, WHOLE_BEFORE), day after), which
 * cover the period once whichever way it falls (annex-rollup.int-spec.ts draws periods at random).
 */
const WHOLE_FROM = `(date_trunc('month', (${FIRST_DAY} - 1)::timestamp) + interval '1 month')::date`;
const WHOLE_BEFORE = `date_trunc('month', ${DAY_AFTER}::timestamp)::date`;
const IN_WHOLE_MONTHS = `${IN_SCOPE}
     AND month >= ${WHOLE_FROM} AND month < ${WHOLE_BEFORE}`;
const OTHER_DAYS = `(day >= ${FIRST_DAY} AND day < least(${WHOLE_FROM}, ${DAY_AFTER}) OR day >= greatest(${WHOLE_FROM}, ${WHOLE_BEFORE}) AND day < ${DAY_AFTER})`;
const IN_OTHER_DAYS = `${IN_SCOPE}
     AND ${OTHER_DAYS}`;

/** Exported for EXPLAIN (bench/annex-explain.bench.ts); parameters as in totals(). */
// $2 is the unit for scope unit, ALL_UNITS for scope all, null for a region ($3; ALL_UNITS rows have no region)
// and for a line ($7, the department: its units' rows, `<dept>/…`; ALL_UNITS rows never match).
export const ROLLUP_TOTALS_SQL = `
WITH t AS (
  SELECT row_id, sum(amount) AS amount
    FROM (SELECT row_id, amount FROM annex_rollup_monthly WHERE ${IN_WHOLE_MONTHS}
          UNION ALL SELECT row_id, amount FROM annex_rollup WHERE ${IN_OTHER_DAYS}) x
   GROUP BY row_id
), k AS (
  SELECT row_id, count(DISTINCT distinct_key) AS n FROM annex_rollup_keys WHERE ${IN_WINDOW} AND n > 0 GROUP BY row_id
), r AS (
  SELECT row_id, jsonb_object_agg(category, n) AS counts
    FROM (SELECT row_id, category, sum(n) AS n
            FROM (SELECT row_id, category, n FROM annex_rollup_monthly_remarks WHERE ${IN_WHOLE_MONTHS}
                  UNION ALL SELECT row_id, category, n FROM annex_rollup_remarks WHERE ${IN_OTHER_DAYS}) x
           GROUP BY row_id, category) per_category
   GROUP BY row_id
)
SELECT t.row_id, t.amount, coalesce(k.n, 0) AS distinct_count, coalesce(r.counts, '{}'::jsonb) AS remark_counts
  FROM t LEFT JOIN k USING (row_id) LEFT JOIN r USING (row_id)`;

/*
 * The annex "as of" instant $8: the recorded-day rollups up to the day before $8's local day ($6's zone), plus
 * the contributions recorded on that day up to $8 read themselves (the tail: by campaign and recorded_at).
 * Sums, distinct keys and remark counts are formed over both together exactly as EXACT_TOTALS_SQL forms
 * them over the contributions: a key counts when its net records in the scope and period are > 0. The
 * tail's scope filter is the exact query's ($2 ALL_UNITS: every unit); its rows enter under the row's key.
 */
const AS_OF_DAY = `($8::timestamptz AT TIME ZONE $6)::date`;
const AS_OF_MONTH = `date_trunc('month', $8::timestamptz AT TIME ZONE $6)::date`;
const RECORDED_BEFORE = `recorded_day < ${AS_OF_DAY}`;
/*
 * Sums and remark counts as of $8 split the same way in both times: the period's whole months recorded in
 * months before $8's from the rollup per month × recorded month; from the rollup per day × recorded day,
 * the whole months' days recorded in $8's month before its day, and the other days recorded before its day.
 */
const IN_WHOLE_MONTHS_RECORDED_BEFORE = `${IN_WHOLE_MONTHS} AND recorded_month < ${AS_OF_MONTH}`;
// Three ranges ORed flat (not nested), so the planner reads each through the index (a BitmapOr).
const IN_OTHER_RECORDED_DAYS = `${IN_SCOPE}
     AND (day >= ${FIRST_DAY} AND day < least(${WHOLE_FROM}, ${DAY_AFTER}) AND ${RECORDED_BEFORE}
          OR day >= greatest(${WHOLE_FROM}, ${WHOLE_BEFORE}) AND day < ${DAY_AFTER} AND ${RECORDED_BEFORE}
          OR day >= ${WHOLE_FROM} AND day < ${WHOLE_BEFORE} AND recorded_day >= ${AS_OF_MONTH} AND ${RECORDED_BEFORE})`;
export const ASOF_TOTALS_SQL = `
WITH tail AS MATERIALIZED (
  SELECT row_id, amount, records, distinct_key, other_categories
    FROM annex_contributions
   WHERE campaign = $1
     AND ($2::text IS NULL OR $2 = '${ALL_UNITS}' OR unit = $2)
     AND ($3::text IS NULL OR region = $3)
     AND ($7::text IS NULL OR department = $7)
     AND time >= $4::timestamptz AND time < $5::timestamptz
     AND recorded_at >= (($8::timestamptz AT TIME ZONE $6)::date::timestamp AT TIME ZONE $6) AND recorded_at <= $8::timestamptz
), t AS (
  SELECT row_id, sum(amount) AS amount
    FROM (SELECT row_id, amount FROM annex_rollup_recorded_monthly WHERE ${IN_WHOLE_MONTHS_RECORDED_BEFORE}
          UNION ALL SELECT row_id, amount FROM annex_rollup_recorded WHERE ${IN_OTHER_RECORDED_DAYS}
          UNION ALL SELECT row_id, amount FROM tail) x
   GROUP BY row_id
), k AS (
  SELECT row_id, count(*) AS n
    FROM (SELECT row_id FROM (SELECT row_id, distinct_key, n FROM annex_rollup_recorded_keys WHERE ${IN_WINDOW} AND ${RECORDED_BEFORE}
                              UNION ALL SELECT row_id, distinct_key, records FROM tail WHERE distinct_key IS NOT NULL) x
           GROUP BY row_id, distinct_key HAVING sum(n) > 0) live
   GROUP BY row_id
), r AS (
  SELECT row_id, jsonb_object_agg(category, n) AS counts
    FROM (SELECT row_id, category, sum(n) AS n
            FROM (SELECT row_id, category, n FROM annex_rollup_recorded_monthly_remarks WHERE ${IN_WHOLE_MONTHS_RECORDED_BEFORE}
                  UNION ALL SELECT row_id, category, n FROM annex_rollup_recorded_remarks WHERE ${IN_OTHER_RECORDED_DAYS}
                  UNION ALL SELECT row_id, category, records FROM tail CROSS JOIN LATERAL unnest(other_categories) AS category) x
           GROUP BY row_id, category) per_category
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
    await this.sql.query(ROLL_UP_SQL, [afterSeq, toSeq, [...zones.keys()], [...zones.values()]]);
  }

  /** AnnexRepository.contributionsPerUnit from the rollup: per unit, net records and rows with any in [timeFrom, timeBefore) (local-day starts in `timezone`). */
  async contributionsPerUnit(campaign: string, timeFrom: string, timeBefore: string, timezone: string): Promise<Map<string, { contributions: number; rows: number }>> {
    const rows = await this.sql.query<{ unit: string; n: string; row_count: string }>(
      `SELECT unit, sum(n) AS n, count(*) FILTER (WHERE n > 0) AS row_count
         FROM (SELECT unit, row_id, sum(contributions) AS n FROM annex_rollup
                WHERE campaign = $1 AND unit <> '${ALL_UNITS}' AND day >= ($2::timestamptz AT TIME ZONE $4)::date AND day < ($3::timestamptz AT TIME ZONE $4)::date
                GROUP BY unit, row_id) per_row
        GROUP BY unit`,
      [campaign, timeFrom, timeBefore, timezone],
    );
    return new Map(rows.map((r) => [r.unit, { contributions: Number(r.n), rows: Number(r.row_count) }]));
  }

  /**
   * AnnexRepository.totals for a period without `asOf` (everything recorded so far), from the rollup per day.
   * Throws the domain's VALIDATION_FAILED for a malformed period; refuses an `asOf` (totalsAsOf answers those).
   */
  async totals(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexTotals> {
    const window = resolveAnnexWindow(definition, period);
    if (window.asOf !== undefined) throw new Error('the annex rollup per day has no "as of": use totalsAsOf');
    return await this.read(definition, scope, window);
  }

  /**
   * AnnexRepository.totals for a period with `asOf`, from the rollup per recorded day and the exact tail of
   * the as-of instant's local day (ASOF_TOTALS_SQL). Throws VALIDATION_FAILED for a malformed period.
   */
  async totalsAsOf(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod & { asOf: string }): Promise<AnnexTotals> {
    return await this.read(definition, scope, resolveAnnexWindow(definition, period));
  }

  private async read(definition: CampaignDefinition, scope: AnnexScope, window: ReturnType<typeof resolveAnnexWindow>): Promise<AnnexTotals> {
    const values = [
      definition.id,
      scope.kind === 'unit' ? scope.unit : scope.kind === 'all' ? ALL_UNITS : null,
      scope.kind === 'region' ? scope.region : null,
      window.timeFrom,
      window.timeBefore,
      definition.timezone,
      scope.kind === 'line' ? scope.department : null,
    ];
    const rows = await this.sql.query<{ row_id: string; amount: number; distinct_count: string; remark_counts: Record<string, number> }>(
      window.asOf === undefined ? ROLLUP_TOTALS_SQL : ASOF_TOTALS_SQL,
      window.asOf === undefined ? values : [...values, window.asOf],
    );
    const totals: AnnexTotals = {};
    for (const row of rows) {
      totals[row.row_id] = { amount: Number(row.amount), distinct: Number(row.distinct_count), remarkCounts: row.remark_counts };
    }
    return totals;
  }
}
