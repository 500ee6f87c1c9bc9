import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The joint office keys referrals by their sender (`<from>/referral/<id>`), as the projector does: a bare
 * id could be two units' referrals. Existing states already hold `from` and `referralId`, so the key is
 * derived from them in place.
 */
export class CoordinationReferralsBySender1733400000000 implements MigrationInterface {
  name = 'CoordinationReferralsBySender1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "coordination_referrals" RENAME COLUMN "referral_id" TO "referral_key"`);
    await runner.query(`UPDATE "coordination_referrals" SET "referral_key" = ("state"->>'from') || '/referral/' || ("state"->>'referralId')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE "coordination_referrals" SET "referral_key" = "state"->>'referralId'`);
    await runner.query(`ALTER TABLE "coordination_referrals" RENAME COLUMN "referral_key" TO "referral_id"`);
  }
}
