import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral clocks in the read model: `due_at` is now always the answer deadline (the sender's, or the
 * working-day clock's), `feedback_due_at` the result deadline after an acceptance, so "overdue" is a
 * plain comparison with now. The lookup by referral id alone serves the gateway's answer check.
 * Existing rows keep a null clock until the projector rebuilds them (`npm run projector:rebuild`).
 */
export class ReferralClocks1733100000000 implements MigrationInterface {
  name = 'ReferralClocks1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "referrals" ADD "feedback_due_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`CREATE INDEX "referrals_status_feedback_due_idx" ON "referrals" ("status", "feedback_due_at")`);
    await runner.query(`CREATE INDEX "referrals_referral_id_idx" ON "referrals" ("referral_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "referrals_referral_id_idx"`);
    await runner.query(`DROP INDEX "referrals_status_feedback_due_idx"`);
    await runner.query(`ALTER TABLE "referrals" DROP COLUMN "feedback_due_at"`);
  }
}
