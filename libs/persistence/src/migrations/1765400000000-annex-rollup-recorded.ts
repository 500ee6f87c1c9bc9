import type { MigrationInterface, QueryRunner } from 'typeorm';
import { campaignById, campaignIds } from '@hub/domain';

// The recorded-day half of the projector's roll-up statement as it was when this migration was written (frozen).
const UNIT = `coalesce(unit, '*')`;
const REGION = `coalesce(region, '*')`;
const BACKFILL_1765400000000 = `WITH b AS MATERIALIZED (
  SELECT c.campaign, c.unit, c.region, (c.time AT TIME ZONE z.zone)::date AS day, (c.recorded_at AT TIME ZONE z.zone)::date AS recorded_day,
         c.row_id, c.amount, c.records, c.distinct_key, c.other_categories
    FROM annex_contributions c JOIN unnest($1::text[], $2::text[]) AS z(campaign, zone) ON z.campaign = c.campaign
), recorded_amounts AS (
  INSERT INTO annex_rollup_recorded (campaign, unit, day, recorded_day, row_id, region, amount)
  SELECT campaign, ${UNIT}, day, recorded_day, row_id, ${REGION}, sum(amount)
    FROM b
   GROUP BY GROUPING SETS ((campaign, unit, region, day, recorded_day, row_id), (campaign, day, recorded_day, row_id))
), recorded_keys AS (
  INSERT INTO annex_rollup_recorded_keys (campaign, unit, day, recorded_day, row_id, distinct_key, region, n)
  SELECT campaign, ${UNIT}, day, recorded_day, row_id, distinct_key, ${REGION}, sum(records)
    FROM b
   WHERE distinct_key IS NOT NULL
   GROUP BY GROUPING SETS ((campaign, unit, region, day, recorded_day, row_id, distinct_key), (campaign, day, recorded_day, row_id, distinct_key))
)
INSERT INTO annex_rollup_recorded_remarks (campaign, unit, day, recorded_day, row_id, category, region, n)
SELECT campaign, ${UNIT}, day, recorded_day, row_id, category, ${REGION}, sum(records)
  FROM b CROSS JOIN LATERAL unnest(b.other_categories) AS category
 GROUP BY GROUPING SETS ((campaign, unit, region, day, recorded_day, row_id, category), (campaign, day, recorded_day, row_id, category))`;

const TABLES = ['annex_rollup_recorded', 'annex_rollup_recorded_keys', 'annex_rollup_recorded_remarks'];

/**
 * The annex "as of" from a rollup (issue 16 §4): the three rollup tables again with the contributions'
 * recorded day as one more key, and annex_contributions indexed by recorded_at for the exact tail (the
 * as-of instant's own day). Filled here from the contributions already stored.
 */
export class AnnexRollupRecorded1765400000000 implements MigrationInterface {
  name = 'AnnexRollupRecorded1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "annex_rollup_recorded" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "recorded_day" date NOT NULL, "row_id" text NOT NULL, "region" text NOT NULL, "amount" double precision NOT NULL, CONSTRAINT "annex_rollup_recorded_pkey" PRIMARY KEY ("campaign", "unit", "day", "recorded_day", "row_id"))`);
    await runner.query(`CREATE INDEX "annex_rollup_recorded_region_idx" ON "annex_rollup_recorded" ("campaign", "region", "day")`);
    await runner.query(`CREATE TABLE "annex_rollup_recorded_keys" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "recorded_day" date NOT NULL, "row_id" text NOT NULL, "distinct_key" text NOT NULL, "region" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "annex_rollup_recorded_keys_pkey" PRIMARY KEY ("campaign", "unit", "day", "recorded_day", "row_id", "distinct_key"))`);
    await runner.query(`CREATE INDEX "annex_rollup_recorded_keys_region_idx" ON "annex_rollup_recorded_keys" ("campaign", "region", "day")`);
    await runner.query(`CREATE TABLE "annex_rollup_recorded_remarks" ("campaign" text NOT NULL, "unit" text NOT NULL, "day" date NOT NULL, "recorded_day" date NOT NULL, "row_id" text NOT NULL, "category" text NOT NULL, "region" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "annex_rollup_recorded_remarks_pkey" PRIMARY KEY ("campaign", "unit", "day", "recorded_day", "row_id", "category"))`);
    await runner.query(`CREATE INDEX "annex_rollup_recorded_remarks_region_idx" ON "annex_rollup_recorded_remarks" ("campaign", "region", "day")`);
    // As for the rollup per day: batches add into existing rows, room on each page keeps those updates HOT.
    for (const table of TABLES) await runner.query(`ALTER TABLE "${table}" SET (fillfactor = 50)`);
    await runner.query(`CREATE INDEX "annex_contributions_recorded_idx" ON "annex_contributions" ("campaign", "recorded_at")`);
    const definitions = campaignIds().flatMap((id) => campaignById(id) ?? []);
    if (definitions.length > 0) await runner.query(BACKFILL_1765400000000, [definitions.map((d) => d.id), definitions.map((d) => d.timezone)]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "annex_contributions_recorded_idx"`);
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE "${table}"`);
  }
}
