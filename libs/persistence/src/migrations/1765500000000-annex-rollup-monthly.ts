import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['annex_rollup_monthly', 'annex_rollup_monthly_remarks', 'annex_rollup_recorded_monthly', 'annex_rollup_recorded_monthly_remarks'];
const MONTH = `date_trunc('month', day::timestamp)::date`;
const RECORDED_MONTH = `date_trunc('month', recorded_day::timestamp)::date`;

/**
 * The annex rollup per local month (issue 3 / issue 16 §4): amounts and remark counts per campaign × unit ×
 * month × row, and for "as of" per month × recorded month, so a period's whole months are read as one row
 * each instead of one per day. Filled here from the rollups per day (not from the contributions: while the projector defers its rollup, the days hold what
 * was rolled up so far and the deferred statement adds the rest into both).
 */
export class AnnexRollupMonthly1765500000000 implements MigrationInterface {
  name = 'AnnexRollupMonthly1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "annex_rollup_monthly" ("campaign" text NOT NULL, "unit" text NOT NULL, "month" date NOT NULL, "row_id" text NOT NULL, "region" text NOT NULL, "amount" double precision NOT NULL, "contributions" integer NOT NULL, CONSTRAINT "annex_rollup_monthly_pkey" PRIMARY KEY ("campaign", "unit", "month", "row_id"))`);
    await runner.query(`CREATE INDEX "annex_rollup_monthly_region_idx" ON "annex_rollup_monthly" ("campaign", "region", "month")`);
    await runner.query(`CREATE TABLE "annex_rollup_monthly_remarks" ("campaign" text NOT NULL, "unit" text NOT NULL, "month" date NOT NULL, "row_id" text NOT NULL, "category" text NOT NULL, "region" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "annex_rollup_monthly_remarks_pkey" PRIMARY KEY ("campaign", "unit", "month", "row_id", "category"))`);
    await runner.query(`CREATE INDEX "annex_rollup_monthly_remarks_region_idx" ON "annex_rollup_monthly_remarks" ("campaign", "region", "month")`);
    await runner.query(`CREATE TABLE "annex_rollup_recorded_monthly" ("campaign" text NOT NULL, "unit" text NOT NULL, "month" date NOT NULL, "recorded_month" date NOT NULL, "row_id" text NOT NULL, "region" text NOT NULL, "amount" double precision NOT NULL, CONSTRAINT "annex_rollup_recorded_monthly_pkey" PRIMARY KEY ("campaign", "unit", "month", "recorded_month", "row_id"))`);
    await runner.query(`CREATE INDEX "annex_rollup_recorded_monthly_region_idx" ON "annex_rollup_recorded_monthly" ("campaign", "region", "month", "recorded_month")`);
    await runner.query(`CREATE TABLE "annex_rollup_recorded_monthly_remarks" ("campaign" text NOT NULL, "unit" text NOT NULL, "month" date NOT NULL, "recorded_month" date NOT NULL, "row_id" text NOT NULL, "category" text NOT NULL, "region" text NOT NULL, "n" integer NOT NULL, CONSTRAINT "annex_rollup_recorded_monthly_remarks_pkey" PRIMARY KEY ("campaign", "unit", "month", "recorded_month", "row_id", "category"))`);
    await runner.query(`CREATE INDEX "annex_rollup_recorded_monthly_remarks_region_idx" ON "annex_rollup_recorded_monthly_remarks" ("campaign", "region", "month", "recorded_month")`);
    // The "as of" rollups' region indexes also hold the recorded day, so a region's days recorded in the as-of
    // instant's month are found by range (a skip scan over the days), not by reading all the region's rows.
    for (const table of ['annex_rollup_recorded', 'annex_rollup_recorded_keys', 'annex_rollup_recorded_remarks']) {
      await runner.query(`DROP INDEX "${table}_region_idx"`);
      await runner.query(`CREATE INDEX "${table}_region_idx" ON "${table}" ("campaign", "region", "day", "recorded_day")`);
    }
    // As for the rollup per day: every batch adds into the current month's rows, room on each page keeps those updates HOT.
    for (const table of TABLES) await runner.query(`ALTER TABLE "${table}" SET (fillfactor = 50)`);
    await runner.query(`INSERT INTO annex_rollup_monthly (campaign, unit, month, row_id, region, amount, contributions)
      SELECT campaign, unit, ${MONTH}, row_id, region, sum(amount), sum(contributions) FROM annex_rollup GROUP BY 1, 2, 3, 4, 5`);
    await runner.query(`INSERT INTO annex_rollup_monthly_remarks (campaign, unit, month, row_id, category, region, n)
      SELECT campaign, unit, ${MONTH}, row_id, category, region, sum(n) FROM annex_rollup_remarks GROUP BY 1, 2, 3, 4, 5, 6`);
    await runner.query(`INSERT INTO annex_rollup_recorded_monthly (campaign, unit, month, recorded_month, row_id, region, amount)
      SELECT campaign, unit, ${MONTH}, ${RECORDED_MONTH}, row_id, region, sum(amount) FROM annex_rollup_recorded GROUP BY 1, 2, 3, 4, 5, 6`);
    await runner.query(`INSERT INTO annex_rollup_recorded_monthly_remarks (campaign, unit, month, recorded_month, row_id, category, region, n)
      SELECT campaign, unit, ${MONTH}, ${RECORDED_MONTH}, row_id, category, region, sum(n) FROM annex_rollup_recorded_remarks GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['annex_rollup_recorded', 'annex_rollup_recorded_keys', 'annex_rollup_recorded_remarks']) {
      await runner.query(`DROP INDEX "${table}_region_idx"`);
      await runner.query(`CREATE INDEX "${table}_region_idx" ON "${table}" ("campaign", "region", "day")`);
    }
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE "${table}"`);
  }
}
