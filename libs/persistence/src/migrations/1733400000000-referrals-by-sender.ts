import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals are keyed by their sender (from_unit, referral_id): referral ids are the sender's choice, so a
 * second unit's `R-1` is a second referral, not an overwrite of the first. Rows an answer created without
 * a known sender cannot be keyed and are dropped; run `npm run projector:rebuild` after upgrading so every
 * row is re-derived from the log under the new key (answers of the old shape name no sender and are left out).
 */
export class ReferralsBySender1733400000000 implements MigrationInterface {
  name = 'ReferralsBySender1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM "referrals" WHERE "from_unit" IS NULL`);
    await runner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "referrals_pkey"`);
    await runner.query(`ALTER TABLE "referrals" ALTER COLUMN "from_unit" SET NOT NULL`);
    await runner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pkey" PRIMARY KEY ("from_unit", "referral_id")`);
    await runner.query(`DROP INDEX "referrals_from_unit_idx"`);
    await runner.query(`CREATE INDEX "referrals_to_unit_idx" ON "referrals" ("to_unit")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "referrals_to_unit_idx"`);
    await runner.query(`CREATE INDEX "referrals_from_unit_idx" ON "referrals" ("from_unit")`);
    await runner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "referrals_pkey"`);
    await runner.query(`ALTER TABLE "referrals" ALTER COLUMN "from_unit" DROP NOT NULL`);
    await runner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pkey" PRIMARY KEY ("to_unit", "referral_id")`);
  }
}
