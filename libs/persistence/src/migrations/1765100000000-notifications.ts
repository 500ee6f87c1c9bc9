import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 通知 (issue 15 §5): hit alerts addressed to a unit, with its verdict (hit.alerted / hit.feedback). */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "notifications" ("unit" text NOT NULL, "alert_id" text NOT NULL, "alerted" boolean NOT NULL DEFAULT false, "entity_key" text, "record_ref" text, "other_ref" text, "other_unit" text, "day" text, "alerted_at" TIMESTAMP WITH TIME ZONE, "alert_seq" bigint, "verdict" text, "verdict_note" text, "verdict_at" TIMESTAMP WITH TIME ZONE, "verdict_seq" bigint, "last_seq" bigint NOT NULL, CONSTRAINT "notifications_pkey" PRIMARY KEY ("unit", "alert_id"))`,
    );
    await runner.query(`CREATE INDEX "notifications_unit_seq_idx" ON "notifications" ("unit", "alert_seq")`);
    await runner.query(`CREATE INDEX "notifications_verdict_idx" ON "notifications" ("verdict")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "notifications"`);
  }
}
