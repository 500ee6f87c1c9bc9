import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is published in position order, so one "published up to" position says what each row's
 * `published_seq` said. Marking every row was an UPDATE per joint event that could not be HOT (the pending index
 * held `published_seq`), and the pending index kept the dead entries of every marked row: under (h) ~20k dead for
 * ~270 live, walked by every read of what is pending. The marker is one row, updated once per publish round.
 * Rows below the first unpublished one count as published; the published ones above it are published again at the
 * next start and answered as duplicates by their ids.
 */
export class CoordinationOutboxPublishedUpTo1765600000000 implements MigrationInterface {
  name = 'CoordinationOutboxPublishedUpTo1765600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "coordination_outbox_published" ("name" text NOT NULL, "up_to" bigint NOT NULL, CONSTRAINT "coordination_outbox_published_pkey" PRIMARY KEY ("name"))`);
    await runner.query(
      `INSERT INTO "coordination_outbox_published" ("name", "up_to")
       SELECT 'outbox', coalesce((SELECT min(position) - 1 FROM coordination_outbox WHERE published_seq IS NULL AND error IS NULL), (SELECT max(position) FROM coordination_outbox), 0)`,
    );
    await runner.query(`DROP INDEX "coordination_outbox_pending_idx"`);
    await runner.query(`ALTER TABLE "coordination_outbox" DROP COLUMN "published_seq"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The sequences are not known any more: a published row gets 0 (not pending), as the old readers asked.
    await runner.query(`ALTER TABLE "coordination_outbox" ADD "published_seq" bigint`);
    await runner.query(`UPDATE coordination_outbox SET published_seq = 0 WHERE error IS NULL AND position <= (SELECT up_to FROM coordination_outbox_published WHERE name = 'outbox')`);
    await runner.query(`CREATE INDEX "coordination_outbox_pending_idx" ON "coordination_outbox" ("position") WHERE published_seq IS NULL`);
    await runner.query(`DROP TABLE "coordination_outbox_published"`);
  }
}
