import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attribution (issue 13 §4). event_archive.actor: who acted (`account:<id>` | `key:<id>`), copied from the
 * signed envelope; events stored before attribution have none and keep null, and the archive's hash check
 * covers the column exactly as the envelope does (present only when the event names an actor).
 * referrals.sent_by / answered_by: the referral board's who sent and who answered; existing rows keep null
 * until `npm run projector:rebuild`.
 */
export class EventActor1733600000000 implements MigrationInterface {
  name = 'EventActor1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "event_archive" ADD "actor" text`);
    await runner.query(`ALTER TABLE "referrals" ADD "sent_by" text`);
    await runner.query(`ALTER TABLE "referrals" ADD "answered_by" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "referrals" DROP COLUMN "answered_by"`);
    await runner.query(`ALTER TABLE "referrals" DROP COLUMN "sent_by"`);
    await runner.query(`ALTER TABLE "event_archive" DROP COLUMN "actor"`);
  }
}
