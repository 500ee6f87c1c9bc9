// The annex "as of" from the rollup per recorded day plus the exact tail must give exactly what the exact
// aggregate over annex_contributions gives, and what the domain computes from the events, for as-of
// instants drawn at random (seeded) across the campaign, on local-day and month boundaries and as local dates, over fixed and drawn periods,
// whichever way the batches were written (the careful path or the live writer's fast path).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { computeAnnexFromEvents, NET_SWORD_2021, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { AnnexRepository, AnnexRollupRepository, annexReport, campaignContributions, sqlOfDataSource } from '@hub/read-models';
import { openReadModels } from './data-source.js';
import { drawnPeriods } from './testing/annex-periods.js';
import { rerunMonthlyRollupMigration } from './testing/rerun-monthly-rollup.js';
import { mixedScenario, prng } from './testing/scenario.js';
import { writeByPath, WRITE_PATHS } from './testing/write-paths.js';

// Late records (recorded days after their day), corrections and voids (−1 rows on a later recorded day).
const events = mixedScenario(5_000, { seed: 16, lateFraction: 0.3, sign: false, corrections: 0.08 });
const stream = [...events, events[42]!, events[3_210]!];
const contributionsOf = campaignContributions([NET_SWORD_2021]);

/** Deterministic draws, so a failure names an as-of that can be replayed. */
const random = prng(2026);
const span = { from: Date.parse('2021-08-24T00:00:00+08:00'), to: Date.parse('2022-01-15T00:00:00+08:00') };
const instants = Array.from({ length: 14 }, () => new Date(span.from + Math.floor(random() * (span.to - span.from))).toISOString());
const asOfs = [
  ...instants,
  '2021-10-01T00:00:00+08:00', // a local midnight: the tail is that instant alone
  '2021-10-31T23:59:59.999+08:00', // the last instant of a local day: the whole day is tail
  '2021-11-15T18:00:00+08:00',
  '2021-11-20', // a local date
  '2021-08-01T00:00:00Z', // before anything was recorded
  '2022-06-01T00:00:00Z', // after everything
  '2021-11-01T00:00:00+08:00', // a month's first instant: nothing of that month is before it
  '2021-11-01T09:00:00+08:00', // a month's first day: its months before are all per month
];
const scopes: AnnexScope[] = [
  { kind: 'all' },
  { kind: 'region', region: '653100' },
  { kind: 'unit', unit: 'samr/653100' },
  { kind: 'line', department: 'police' },
];
// Whole months are read per month × recorded month, the days around them and the as-of instant's own month
// per day × recorded day: drawn periods (and as-ofs) land on every split.
const drawn = drawnPeriods(random, 6);
const periods: AnnexPeriod[] = [{}, { from: '2021-10-01', to: '2021-10-31' }, { from: '2021-09-01', to: '2021-09-01' }, ...drawn];
const periodOf = (i: number): AnnexPeriod => periods[i % periods.length] ?? {};
const cases = asOfs.flatMap((asOf, i) => scopes.map((scope) => [scope, { ...periodOf(i), asOf }] as const));

/** The rollups per month × recorded month regrouped from the stored contributions: per unit, and all units under '*'. */
const MONTHS = "date_trunc('month', time AT TIME ZONE 'Asia/Shanghai')::date::text AS month, date_trunc('month', recorded_at AT TIME ZONE 'Asia/Shanghai')::date::text AS recorded_month";
const REGROUPED_MONTHLY = `
SELECT * FROM (
  SELECT campaign, unit, ${MONTHS}, row_id, region, sum(amount) AS amount FROM annex_contributions GROUP BY 1, 2, 3, 4, 5, 6
  UNION ALL
  SELECT campaign, '*', ${MONTHS}, row_id, '*', sum(amount) FROM annex_contributions GROUP BY 1, 3, 4, 5
) x ORDER BY 1, 2, 3, 4, 5`;
const STORED_MONTHLY = 'SELECT campaign, unit, month::text, recorded_month::text, row_id, region, amount FROM annex_rollup_recorded_monthly ORDER BY 1, 2, 3, 4, 5';
const REGROUPED_MONTHLY_REMARKS = `
SELECT * FROM (
  SELECT campaign, unit, ${MONTHS}, row_id, category, region, sum(records)::int AS n FROM annex_contributions, unnest(other_categories) AS category GROUP BY 1, 2, 3, 4, 5, 6, 7
  UNION ALL
  SELECT campaign, '*', ${MONTHS}, row_id, category, '*', sum(records)::int FROM annex_contributions, unnest(other_categories) AS category GROUP BY 1, 3, 4, 5, 6
) x ORDER BY 1, 2, 3, 4, 5, 6`;
const STORED_MONTHLY_REMARKS = 'SELECT campaign, unit, month::text, recorded_month::text, row_id, category, region, n FROM annex_rollup_recorded_monthly_remarks ORDER BY 1, 2, 3, 4, 5, 6';

describe.each(WRITE_PATHS)('annex "as of" from the rollup written by %s', (_label, path) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openReadModels(db.url);
    await writeByPath(path, db.url, stream, 700, contributionsOf);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('given all batches written, then the rollups per month × recorded month equal the contributions regrouped at once, and their migration rebuilds them from the rollups per day', async () => {
    const sql = sqlOfDataSource(dataSource);
    const stored = [await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)];
    expect(stored[0]!.length).toBeGreaterThan(50);
    expect(stored).toEqual([await sql.query(REGROUPED_MONTHLY), await sql.query(REGROUPED_MONTHLY_REMARKS)]);
    await rerunMonthlyRollupMigration(dataSource);
    expect([await sql.query(STORED_MONTHLY), await sql.query(STORED_MONTHLY_REMARKS)]).toEqual(stored);
  });

  it.each(cases)('given %j %j, when the totals come from the rollup and the tail, then they equal the exact aggregate', async (scope, period) => {
    const sql = sqlOfDataSource(dataSource);
    expect(await new AnnexRollupRepository(sql).totalsAsOf(NET_SWORD_2021, scope, period)).toEqual(await new AnnexRepository(sql).totals(NET_SWORD_2021, scope, period));
  });

  it.each(cases.filter((_, i) => i % 5 === 0))('given %j %j, when the annex is read, then it equals the in-memory fold', async (scope, period) => {
    const expected = computeAnnexFromEvents(stream.map((e) => e.event), NET_SWORD_2021, scope, period);
    expect(await annexReport(dataSource, NET_SWORD_2021, scope, period)).toEqual(expected);
  });

  it('given the drawn as-ofs, then the comparison is not trivial (tails and rollup days both hold records, results differ by as-of)', async () => {
    const sql = sqlOfDataSource(dataSource);
    const [tails] = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::timestamptz[]) AS a(at), annex_contributions c
        WHERE c.recorded_at >= ((a.at AT TIME ZONE 'Asia/Shanghai')::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND c.recorded_at <= a.at`,
      [instants],
    );
    expect(tails?.n).toBeGreaterThan(20);
    const rollup = new AnnexRollupRepository(sql);
    const early = await rollup.totalsAsOf(NET_SWORD_2021, { kind: 'all' }, { asOf: '2021-10-15T12:00:00+08:00' });
    const late = await rollup.totalsAsOf(NET_SWORD_2021, { kind: 'all' }, { asOf: '2021-12-15T12:00:00+08:00' });
    expect(Object.keys(early).length).toBeGreaterThan(10);
    expect(late).not.toEqual(early);
  });
});
