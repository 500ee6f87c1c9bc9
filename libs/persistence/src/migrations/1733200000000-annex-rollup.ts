import type { MigrationInterface, QueryRunner } from 'typeorm';
import { campaignById, campaignIds } from '@hub/domain';
import { ROLL_UP_SQL } from '@hub/read-models';

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
      await runner.query(ROLL_UP_SQL, [-1, '9223372036854775807', definitions.map((d) => d.id), definitions.map((d) => d.timezone)]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['annex_rollup_remarks', 'annex_rollup_keys', 'annex_rollup']) await runner.query(`DROP TABLE "${table}"`);
  }
}
