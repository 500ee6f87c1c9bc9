import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and voids move the annex (issue 14 §2): annex_records holds each record's current state for the
 * projector's delta rows; annex_contributions.records counts records net of voids (1 for every row stored
 * before; part of the key); annex_rollup_keys.n lets a void take a distinct key back (every key stored before had one record).
 * Corrections already in the log moved nothing when they were projected: run `npm run projector:rebuild` once
 * after this migration so the annex counts each record's current state.
 */
export class AnnexRecords1733500000000 implements MigrationInterface {
  name = 'AnnexRecords1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "annex_records" ("unit" text NOT NULL, "subject" text NOT NULL, "event" jsonb NOT NULL, "voided" boolean NOT NULL, "kind" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "corrections" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "annex_records_pkey" PRIMARY KEY ("unit", "subject"))`,
    );
    await runner.query(`CREATE INDEX "annex_records_unit_kind_idx" ON "annex_records" ("unit", "kind", "occurred_at")`);
    // Every row stored so far is a record's own (1); every key so far had one record behind it (1). The
    // defaults fill existing rows without rewriting the tables; the projector always writes both columns.
    await runner.query(`ALTER TABLE "annex_contributions" ADD "records" integer NOT NULL DEFAULT 1`);
    await runner.query(`ALTER TABLE "annex_contributions" ALTER COLUMN "records" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "annex_contributions" DROP CONSTRAINT "annex_contributions_pkey"`);
    await runner.query(`ALTER TABLE "annex_contributions" ADD CONSTRAINT "annex_contributions_pkey" PRIMARY KEY ("seq", "campaign", "row_id", "records")`);
    await runner.query(`ALTER TABLE "annex_rollup_keys" ADD "n" integer NOT NULL DEFAULT 1`);
    await runner.query(`ALTER TABLE "annex_rollup_keys" ALTER COLUMN "n" DROP DEFAULT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "annex_rollup_keys" DROP COLUMN "n"`);
    await runner.query(`ALTER TABLE "annex_contributions" DROP CONSTRAINT "annex_contributions_pkey"`);
    await runner.query(`ALTER TABLE "annex_contributions" DROP COLUMN "records"`);
    await runner.query(`ALTER TABLE "annex_contributions" ADD CONSTRAINT "annex_contributions_pkey" PRIMARY KEY ("seq", "campaign", "row_id")`);
    await runner.query(`DROP TABLE "annex_records"`);
  }
}
