import { defineTable, key, required, type Columns } from '../table/define-table.js';

/*
 * The annex rollup: annex_contributions added up per campaign × unit × local day (the campaign's zone) ×
 * annex row, maintained by the projector in the same transaction as the contributions. A period is a
 * run of whole local days and a scope a set of units, so an annex without "as of" is an aggregate over
 * these small tables; "as of" (recorded_at) still needs the contributions themselves.
 * Each table also holds, under unit and region '*' (ALL_UNITS), the rows of all units added together:
 * scope `all` reads those. The primary keys lead with campaign and unit (unit scope and `all`); the region
 * indexes serve region scope. Written only by ROLL_UP_SQL (annex-rollup.queries.ts).
 */

/** The keys every rollup leads with: campaign × unit × local day of `time` × annex row. */
const BY_DAY = { campaign: key('text'), unit: key('text'), day: key('date'), row_id: key('text') } as const;
/** The same per local month (the first day of the month): whole months of a period are read from these. */
const BY_MONTH = { campaign: key('text'), unit: key('text'), month: key('date'), row_id: key('text') } as const;
/** Per month with the local month the hub recorded the contributions in (the "as of" rollups per month, below). */
const BY_RECORDED_MONTH = { campaign: key('text'), unit: key('text'), month: key('date'), recorded_month: key('date'), row_id: key('text') } as const;
/** The same with the local day the hub recorded the contributions on (the "as of" rollups, below). */
const BY_RECORDED_DAY = { campaign: key('text'), unit: key('text'), day: key('date'), recorded_day: key('date'), row_id: key('text') } as const;

/** A rollup table: its leading keys, then its own columns; the region index serves region scope. */
function rollupTable<const C extends Columns>(name: string, columns: C, times: readonly string[] = ['day']) {
  return defineTable({ name, columns, indexes: [{ name: `${name}_region_idx`, columns: ['campaign', 'region', ...times] }] });
}
/** The "as of" rollups' region index also holds the recorded day (month): a region's rows recorded in a range are found without reading its other rows. */
const RECORDED_DAYS = ['day', 'recorded_day'];
const RECORDED_MONTHS = ['month', 'recorded_month'];

/** Per campaign × unit × day × row: Σ amount and the net number of records behind it (Σ records, see annex.table.ts). */
export const ANNEX_ROLLUP = rollupTable('annex_rollup', {
  ...BY_DAY,
  region: required('text'),
  /** double precision, like annex_contributions.amount. */
  amount: required('double precision'),
  contributions: required('integer'),
});

/**
 * Distinct-measure keys, deduplicated per campaign × unit × day × row: a key is counted once over any
 * period and scope by COUNT(DISTINCT distinct_key) over the days and units in it where n > 0 (a first-seen day alone
 * could not answer a period that starts after the key was first seen).
 */
export const ANNEX_ROLLUP_KEYS = rollupTable('annex_rollup_keys', {
  ...BY_DAY,
  distinct_key: key('text'),
  region: required('text'),
  /** Net records behind the key (a correction's or void's −1 takes one back): the key counts while n > 0. */
  n: required('integer'),
});

/** Remark counts ("其中N件同时涉及…"): per campaign × unit × day × row × other category, the net number of records. */
export const ANNEX_ROLLUP_REMARKS = rollupTable('annex_rollup_remarks', { ...BY_DAY, category: key('text'), region: required('text'), n: required('integer') });

/*
 * Amounts and remark counts again per local month (issue 3 / issue 16 §4): a period's whole months are read
 * from these, only its days before the first and after the last whole month from the tables per day, so
 * the whole campaign is ~18 rows per annex row and category instead of ~106 (the remarks per day were most
 * of the annex's time at 1M events). Distinct keys stay per day only (a key counts once over the period,
 * which per-month counts could not answer; that table is small).
 */

/** Per campaign × unit × local month × row: Σ amount and the net records behind it. */
export const ANNEX_ROLLUP_MONTHLY = rollupTable(
  'annex_rollup_monthly',
  { ...BY_MONTH, region: required('text'), amount: required('double precision'), contributions: required('integer') },
  ['month'],
);

/** Per campaign × unit × local month × row × other category: the net records. */
export const ANNEX_ROLLUP_MONTHLY_REMARKS = rollupTable('annex_rollup_monthly_remarks', { ...BY_MONTH, category: key('text'), region: required('text'), n: required('integer') }, ['month']);

/*
 * The same three rollups with the contributions' recorded day (local date of recorded_at in the campaign's
 * zone) as one more key: an annex "as of" an instant adds up the days recorded before its local day and
 * reads only that day's contributions themselves (the exact tail). Only sums are kept (no record counts,
 * which only the annex without "as of" needs); a correction's −1 lands on a later recorded day than the +1
 * it takes back, so a cell may be negative, and the annex sums before it tests (see ASOF_TOTALS_SQL).
 */

/** Per campaign × unit × day × recorded day × row: Σ amount. */
export const ANNEX_ROLLUP_RECORDED = rollupTable('annex_rollup_recorded', { ...BY_RECORDED_DAY, region: required('text'), amount: required('double precision') }, RECORDED_DAYS);

/** Per campaign × unit × day × recorded day × row × distinct key: the net records behind the key. */
export const ANNEX_ROLLUP_RECORDED_KEYS = rollupTable('annex_rollup_recorded_keys', { ...BY_RECORDED_DAY, distinct_key: key('text'), region: required('text'), n: required('integer') }, RECORDED_DAYS);

/** Per campaign × unit × day × recorded day × row × other category: the net records. */
export const ANNEX_ROLLUP_RECORDED_REMARKS = rollupTable('annex_rollup_recorded_remarks', { ...BY_RECORDED_DAY, category: key('text'), region: required('text'), n: required('integer') }, RECORDED_DAYS);

/*
 * And per month × recorded month (first days of the local months): an annex "as of" reads the period's whole
 * months recorded in months before the as-of instant's from these, the rest from the tables per recorded
 * day (ASOF_TOTALS_SQL). Distinct keys again per day only.
 */

/** Per campaign × unit × month × recorded month × row: Σ amount. */
export const ANNEX_ROLLUP_RECORDED_MONTHLY = rollupTable('annex_rollup_recorded_monthly', { ...BY_RECORDED_MONTH, region: required('text'), amount: required('double precision') }, RECORDED_MONTHS);

/** Per campaign × unit × month × recorded month × row × other category: the net records. */
export const ANNEX_ROLLUP_RECORDED_MONTHLY_REMARKS = rollupTable(
  'annex_rollup_recorded_monthly_remarks',
  { ...BY_RECORDED_MONTH, category: key('text'), region: required('text'), n: required('integer') },
  RECORDED_MONTHS,
);

/** Every table the rollup statement writes (ROLL_UP_SQL): a deferred catch-up restores their indexes after rolling up. */
export const ANNEX_ROLLUP_TABLES = [
  ANNEX_ROLLUP,
  ANNEX_ROLLUP_KEYS,
  ANNEX_ROLLUP_REMARKS,
  ANNEX_ROLLUP_MONTHLY,
  ANNEX_ROLLUP_MONTHLY_REMARKS,
  ANNEX_ROLLUP_RECORDED,
  ANNEX_ROLLUP_RECORDED_KEYS,
  ANNEX_ROLLUP_RECORDED_REMARKS,
  ANNEX_ROLLUP_RECORDED_MONTHLY,
  ANNEX_ROLLUP_RECORDED_MONTHLY_REMARKS,
] as const;
