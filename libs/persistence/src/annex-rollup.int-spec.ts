// The annex rollup (per campaign × unit × local day × row, maintained by the projector) must give exactly
// what the exact aggregate over annex_contributions gives, and what the domain computes from the events,
// whichever way the batches were written: the careful path (applyBatch, as the rebuild writes) or the
// live writer's fast path (which falls back to the careful one on a retried event).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { computeAnnexFromEvents, NET_SWORD_2021, resolveAnnexWindow, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { annexReport, campaignContributions } from '@hub/read-models';
import { openReadModels } from './data-source.js';
import { AnnexRepository, AnnexRollupRepository, ROLL_UP_SQL, sqlOfDataSource } from '@hub/read-models';
import { drawnPeriods } from './testing/annex-periods.js';
import { rerunMonthlyRollupMigration } from './testing/rerun-monthly-rollup.js';
import { mixedScenario, prng } from './testing/scenario.js';
import { writeByPath, WRITE_PATHS } from './testing/write-paths.js';

// With corrections and voids: their delta rows (−old, +new; a void −old) must roll up to the same figures.
const events = mixedScenario(5_000, { seed: 11, lateFraction: 0.2, sign: false, corrections: 0.05 });
// Retried events stored twice (same id, later sequence): counted once on every side.
const stream = [...events, events[10]!, events[700]!, events[4_321]!];
const contributionsOf = campaignContributions([NET_SWORD_2021]);

const scopes: AnnexScope[] = [
  { kind: 'all' },
  { kind: 'region', region: '653100' },
  { kind: 'region', region: '650100' },
  { kind: 'unit', unit: 'samr/653100' },
  { kind: 'unit', unit: 'police/650100' },
  { kind: 'unit', unit: 'cac/652900' },
  // A department line's roll-up (all its regions): the per-unit rows of that department only.
  { kind: 'line', department: 'samr' },
  { kind: 'line', department: 'police' },
];
const periods: AnnexPeriod[] = [
  {},
  { from: '2021-09-01', to: '2021-09-01' }, // the campaign's first day
  { from: '2021-12-15', to: '2021-12-15' }, // its last day
  { from: '2021-08-20', to: '2021-09-03' }, // starts before the campaign: clipped
  { from: '2021-12-10', to: '2021-12-31' }, // ends after it: clipped
  { from: '2021-10-01', to: '2021-10-31' },
  { from: '2021-11-30', to: '2021-12-01' }, // across a month boundary
  { from: '2021-10-15' },
  { to: '2021-08-31' }, // wholly before the campaign: empty
];
// Periods drawn at random (seeded: a failure can be replayed) as well as the fixed ones above.
const drawn = drawnPeriods(prng(316), 12);
const monthEdges: AnnexPeriod[] = [
  { from: '2021-10-01', to: '2021-11-30' }, // two whole months, no day outside
  { from: '2021-09-30', to: '2021-11-01' }, // a whole month with a day either side
  { from: '2021-10-02', to: '2021-10-30' }, // inside one month
];
const cases = [
  ...scopes.flatMap((scope) => periods.map((period) => [scope, period] as const)),
  ...drawn.flatMap((period, i) => [[scopes[i % scopes.length]!, period] as const, [{ kind: 'all' }, period] as const]),
  ...monthEdges.flatMap((period) => scopes.slice(0, 4).map((scope) => [scope, period] as const)),
];

/** The rollup regrouped from the stored contributions in one pass: per unit, and all units under '*'. */
const LOCAL_DAY = "(time AT TIME ZONE 'Asia/Shanghai')::date::text";
const REGROUPED = `
SELECT * FROM (
  SELECT campaign, unit, ${LOCAL_DAY} AS day, row_id, region, sum(amount) AS amount, sum(records)::int AS contributions FROM annex_contributions GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT campaign, '*', ${LOCAL_DAY}, row_id, '*', sum(amount), sum(records)::int FROM annex_contributions GROUP BY 1, 3, 4
) x ORDER BY 1, 2, 3, 4`;
const STORED = 'SELECT campaign, unit, day::text AS day, row_id, region, amount, contributions FROM annex_rollup ORDER BY 1, 2, 3, 4';
const REGROUPED_REMARKS = `
SELECT * FROM (
  SELECT campaign, unit, ${LOCAL_DAY} AS day, row_id, category, region, sum(records)::int AS n FROM annex_contributions, unnest(other_categories) AS category GROUP BY 1, 2, 3, 4, 5, 6
  UNION ALL
  SELECT campaign, '*', ${LOCAL_DAY}, row_id, category, '*', sum(records)::int FROM annex_contributions, unnest(other_categories) AS category GROUP BY 1, 3, 4, 5
) x ORDER BY 1, 2, 3, 4, 5`;
const STORED_REMARKS = 'SELECT campaign, unit, day::text AS day, row_id, category, region, n FROM annex_rollup_remarks ORDER BY 1, 2, 3, 4, 5';
const REGROUPED_KEYS = `
SELECT * FROM (
  SELECT campaign, unit, ${LOCAL_DAY} AS day, row_id, distinct_key, region, sum(records)::int AS n FROM annex_contributions WHERE distinct_key IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  UNION ALL
  SELECT campaign, '*', ${LOCAL_DAY}, row_id, distinct_key, '*', sum(records)::int FROM annex_contributions WHERE distinct_key IS NOT NULL GROUP BY 1, 3, 4, 5
) x ORDER BY 1, 2, 3, 4, 5`;
const STORED_KEYS = 'SELECT campaign, unit, day::text AS day, row_id, distinct_key, region, n FROM annex_rollup_keys ORDER BY 1, 2, 3, 4, 5';
/** The rollup per local month regrouped from the contributions in the same way. */
const LOCAL_MONTH = "date_trunc('month', time AT TIME ZONE 'Asia/Shanghai')::date::text";
const REGROUPED_MONTHLY = REGROUPED.replaceAll(LOCAL_DAY, LOCAL_MONTH);
const STORED_MONTHLY = 'SELECT campaign, unit, month::text AS day, row_id, region, amount, contributions FROM annex_rollup_monthly ORDER BY 1, 2, 3, 4';
const REGROUPED_MONTHLY_REMARKS = REGROUPED_REMARKS.replaceAll(LOCAL_DAY, LOCAL_MONTH);
const STORED_MONTHLY_REMARKS = 'SELECT campaign, unit, month::text AS day, row_id, category, region, n FROM annex_rollup_monthly_remarks ORDER BY 1, 2, 3, 4, 5';

describe.each(WRITE_PATHS)('annex rollup written by %s', (_label, path) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openReadModels(db.url);
    await writeByPath(path, db.url, stream, 600, contributionsOf);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('given all batches written, then the rollup tables equal the contributions regrouped at once', async () => {
    const sql = sqlOfDataSource(dataSource);
    const stored = await sql.query(STORED);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(await sql.query(REGROUPED));
    expect(await sql.query(STORED_REMARKS)).toEqual(await sql.query(REGROUPED_REMARKS));
    const keys = await sql.query(STORED_KEYS);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys).toEqual(await sql.query(REGROUPED_KEYS));
    const monthly = await sql.query(STORED_MONTHLY);
    expect(monthly.length).toBeGreaterThan(50);
    expect(monthly).toEqual(await sql.query(REGROUPED_MONTHLY));
    expect(await sql.query(STORED_MONTHLY_REMARKS)).toEqual(await sql.query(REGROUPED_MONTHLY_REMARKS));
  });

  it('given the rollup per month dropped, when its migration runs again, then it rebuilds the same rows from the rollup per day', async () => {
    const sql = sqlOfDataSource(dataSource);
    const before = [await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)];
    await rerunMonthlyRollupMigration(dataSource);
    expect([await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)]).toEqual(before);
  });

  it('given the rollup emptied, when the migration\'s backfill runs over the stored contributions, then it rebuilds the same rows', async () => {
    const sql = sqlOfDataSource(dataSource);
    const before = [await sql.query(STORED), await sql.query(STORED_REMARKS), await sql.query(STORED_KEYS), await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)];
    await sql.query('TRUNCATE annex_rollup, annex_rollup_keys, annex_rollup_remarks, annex_rollup_monthly, annex_rollup_monthly_remarks');
    await sql.query(ROLL_UP_SQL, [-1, '9223372036854775807', [NET_SWORD_2021.id], [NET_SWORD_2021.timezone]]);
    expect([await sql.query(STORED), await sql.query(STORED_REMARKS), await sql.query(STORED_KEYS), await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)]).toEqual(before);
  });

  it.each(cases)('given the same events, when the totals for %j %j come from the rollup, then they equal the exact aggregate', async (scope, period) => {
    const sql = sqlOfDataSource(dataSource);
    const exact = await new AnnexRepository(sql).totals(NET_SWORD_2021, scope, period);
    expect(await new AnnexRollupRepository(sql).totals(NET_SWORD_2021, scope, period)).toEqual(exact);
  });

  it.each(cases)('given the same events, when the annex for %j %j is read, then it equals the in-memory fold', async (scope, period) => {
    const expected = computeAnnexFromEvents(stream.map((e) => e.event), NET_SWORD_2021, scope, period);
    expect(await annexReport(dataSource, NET_SWORD_2021, scope, period)).toEqual(expected);
  });

  it('given a period with figures, then the comparison is not trivial (values, distinct platforms, remarks)', async () => {
    const report = await annexReport(dataSource, NET_SWORD_2021, { kind: 'all' }, { from: '2021-10-01', to: '2021-10-31' });
    expect(report.rows.filter((row) => (row.value ?? 0) > 0).length).toBeGreaterThan(25);
    expect(report.rows.find((row) => row.id === 'pol-3')?.value).toBeGreaterThan(1);
    expect(report.rows.some((row) => row.remark !== '')).toBe(true);
  });

  it('given the campaign, when contributions per unit come from the rollup, then they equal the count over the contributions', async () => {
    const sql = sqlOfDataSource(dataSource);
    const w = resolveAnnexWindow(NET_SWORD_2021);
    const exact = await new AnnexRepository(sql).contributionsPerUnit(NET_SWORD_2021.id, w.timeFrom, w.timeBefore);
    expect(exact.size).toBeGreaterThan(20);
    expect(await new AnnexRollupRepository(sql).contributionsPerUnit(NET_SWORD_2021.id, w.timeFrom, w.timeBefore, NET_SWORD_2021.timezone)).toEqual(exact);
  });

  it('given an asOf, when the rollup is asked, then it refuses (the exact path answers those)', async () => {
    await expect(new AnnexRollupRepository(sqlOfDataSource(dataSource)).totals(NET_SWORD_2021, { kind: 'all' }, { asOf: '2021-10-15' })).rejects.toThrow(/as of/);
  });
});
