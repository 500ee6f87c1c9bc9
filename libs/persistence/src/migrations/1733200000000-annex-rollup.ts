import type { MigrationInterface, QueryRunner } from 'typeorm';
import { campaignById, campaignIds } from '@hub/domain';

// The projector's roll-up statement as it was when this migration was written (frozen: the live ROLL_UP_SQL
// later reads annex_contributions.records and writes annex_rollup_keys.n, which exist only from 1733500000000).
const UNIT = `coalesce(unit, '*')`;
const REGION = `coalesce(region, '*')`;
const BATCH = `WITH b AS MATERIALIZED (
  SELECT c.campaign, c.unit, c.region, (c.time AT TIME ZONE z.zone)::date AS day, c.row_id, c.amount, c.distinct_key, c.other_categories
    FROM annex_contributions c JOIN unnest($3::text[], $4::text[]) AS z(campaign, zone) ON z.campaign = c.campaign
   WHERE c.seq > $1 AND c.seq <= $2
)`;
const ROLL_UP_SQL_1733200000000 = `${BATCH}, amounts AS (
  INSERT INTO annex_rollup AS r (campaign, unit, day, row_id, region, amount, contributions)
  SELECT campaign, ${UNIT}, day, row_id, ${REGION}, sum(amount), count(*)
    FROM b
   GROUP BY GROUPING SETS ((campaign, unit, region, day, row_id), (campaign, day, row_id))
  ON CONFLICT (campaign, unit, day, row_id) DO UPDATE SET amount = r.amount + EXCLUDED.amount, contributions = r.contributions + EXCLUDED.contributions
), keys AS (
  INSERT INTO annex_rollup_keys (campaign, unit, day, row_id, distinct_key, region)
  SELECT campaign, ${UNIT}, day, row_id, distinct_key, ${REGION}
    FROM b
   WHERE distinct_key IS NOT NULL
   GROUP BY GROUPING SETS ((campaign, unit, region, day, row_id, distinct_key), (campaign, day, row_id, distinct_key))
  ON CONFLICT DO NOTHING
)
INSERT INTO annex_rollup_remarks AS r (campaign, unit, day, row_id, category, region, n)
SELECT campaign, ${UNIT}, day, row_id, category, ${REGION}, count(*)
  FROM b CROSS JOIN LATERAL unnest(b.other_categories) AS category
 GROUP BY GROUPING SETS ((campaign, unit, region, day, row_id, category), (campaign, day, row_id, category))
ON CONFLICT (campaign, unit, day, row_id, category) DO UPDATE SET n = r.n + EXCLUDED.n`;

/**
 * The annex rollup (annex_contributions per campaign × unit × local day × row; see annex-rollup.entity.ts)
 * that the projector maintains from now on, filled here from the contributions already stored by the
 * projector's own roll-up statement, each campaign in its zone (contributions of a campaign with no
 * definition file cannot be reported anyway).
 */
export class AnnexRollup1733200000000 implements MigrationInterface {
  name = 'AnnexRollup1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "annex_rollup" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "row_id" text NOT NULL, "region" text NOT NULL, "amount" double precision NOT NULL, "contributions" integer NOT NULL, CONSTRAINT "annex_rollup_pkey" PRIMARY KEY ("campaign", "unit", "day", "row_id"))`);
    await runner.query(`CREATE INDEX "annex_rollup_region_idx" ON "annex_rollup" ("campaign", "region", "day")`);
    await runner.query(`CREATE TABLE "annex_rollup_keys" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "row_id" text NOT NULL, "distinct_key" text NOT NULL, "region" text NOT NULL, CONSTRAINT "annex_rollup_keys_pkey" PRIMARY KEY ("campaign", "unit", "day", "row_id", "distinct_key"))`);
    await runner.query(`CREATE INDEX "annex_rollup_keys_region_idx" ON "annex_rollup_keys" ("campaign", "region", "day")`);
    await runner.query(`CREATE TABLE "annex_rollup_remarks" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "row_id" text NOT NULL, "category" text NOT NULL, "region" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "annex_rollup_remarks_pkey" PRIMARY KEY ("campaign", "unit", "day", "row_id", "category"))`);
    await runner.query(`CREATE INDEX "annex_rollup_remarks_region_idx" ON "annex_rollup_remarks" ("campaign", "region", "day")`);

    // Every batch adds into existing rows: room on each page lets PostgreSQL update them in place (HOT: no
    // index entries, dead versions pruned with the page) instead of appending a version and an index entry.
    for (const table of ['annex_rollup', 'annex_rollup_keys', 'annex_rollup_remarks']) await runner.query(`ALTER TABLE "${table}" SET (fillfactor = 50)`);
    // The projector's own roll-up statement over every stored sequence (a fresh database has none).
    const definitions = campaignIds().flatMap((id) => campaignById(id) ?? []);
    if (definitions.length > 0) {
      await runner.query(ROLL_UP_SQL_1733200000000, [-1, '9223372036854775807', definitions.map((d) => d.id), definitions.map((d) => d.timezone)]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['annex_rollup_remarks', 'annex_rollup_keys', 'annex_rollup']) await runner.query(`DROP TABLE "${table}"`);
  }
}
