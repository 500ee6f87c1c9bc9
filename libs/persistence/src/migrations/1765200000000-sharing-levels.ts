import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sharing (issue 15): the `distribution` a lead or case names (null: the campaign's default), the entity
 * index `entity_keys` behind GET /api/v1/entities/search, and a referral's `kind` (transfer | assistance) and
 * the record an assistance request asks about. Existing records get their keys at the next
 * `npm run projector:rebuild`.
 */
export class SharingLevels1765200000000 implements MigrationInterface {
  name = 'SharingLevels1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "leads" ADD "distribution" text`);
    await runner.query(`ALTER TABLE "cases" ADD "distribution" text`);
    await runner.query(
      `CREATE TABLE "entity_keys" ("seq" bigint NOT NULL, "key" text NOT NULL, "record_type" text NOT NULL, "unit" text NOT NULL, "record_id" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, CONSTRAINT "entity_keys_pkey" PRIMARY KEY ("seq", "key"))`,
    );
    await runner.query(`CREATE INDEX "entity_keys_key_idx" ON "entity_keys" ("key", "seq")`);
    await runner.query(`CREATE INDEX "entity_keys_record_idx" ON "entity_keys" ("unit", "record_type", "record_id")`);
    await runner.query(`ALTER TABLE "referrals" ADD "kind" text NOT NULL DEFAULT 'transfer'`);
    await runner.query(`ALTER TABLE "referrals" ADD "record_ref" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "referrals" DROP COLUMN "record_ref"`);
    await runner.query(`ALTER TABLE "referrals" DROP COLUMN "kind"`);
    await runner.query(`DROP TABLE "entity_keys"`);
    await runner.query(`ALTER TABLE "cases" DROP COLUMN "distribution"`);
    await runner.query(`ALTER TABLE "leads" DROP COLUMN "distribution"`);
  }
}
