import type { MigrationInterface, QueryRunner } from 'typeorm';
import { campaignById, campaignIds } from '@hub/domain';

/**
 * The annex rollup (annex_contributions per campaign × unit × local day × row; see annex-rollup.entity.ts)
 * that the projector maintains from now on, filled here from the contributions already stored, per
 * campaign in its zone (contributions of a campaign with no definition file cannot be reported anyway).
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

    const definitions = campaignIds().flatMap((id) => campaignById(id) ?? []);
    for (const { id, timezone } of definitions) {
      const day = `(time AT TIME ZONE '${timezone.replace(/'/g, "''")}')::date`;
      await runner.query(
        `INSERT INTO "annex_rollup" SELECT campaign, unit, ${day}, row_id, region, sum(amount), count(*) FROM "annex_contributions" WHERE campaign = $1 GROUP BY campaign, unit, ${day}, row_id, region`,
        [id],
      );
      await runner.query(
        `INSERT INTO "annex_rollup_keys" SELECT DISTINCT campaign, unit, ${day}, row_id, distinct_key, region FROM "annex_contributions" WHERE campaign = $1 AND distinct_key IS NOT NULL`,
        [id],
      );
      await runner.query(
        `INSERT INTO "annex_rollup_remarks" SELECT campaign, unit, ${day}, row_id, category, region, count(*) FROM "annex_contributions" CROSS JOIN LATERAL unnest(other_categories) AS category WHERE campaign = $1 GROUP BY campaign, unit, ${day}, row_id, category, region`,
        [id],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['annex_rollup_remarks', 'annex_rollup_keys', 'annex_rollup']) await runner.query(`DROP TABLE "${table}"`);
  }
}
