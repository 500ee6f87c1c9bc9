import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `transfers` (issue 19 §5): cases transferred to the police and the police's decision whether to open a case
 * (case.transferred / case.transfer_answered / case.overdue on police_decision). Existing hubs fill it with
 * `npm run projector:rebuild`.
 */
export class Transfers1765350000000 implements MigrationInterface {
  name = 'Transfers1765350000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "transfers" ("from_unit" text NOT NULL, "case_id" text NOT NULL, "to_unit" text NOT NULL, "to_region" text NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE, "transferred_at" TIMESTAMP WITH TIME ZONE, "recorded_at" TIMESTAMP WITH TIME ZONE, "reason" text, "status" text NOT NULL, "police_case_id" text, "decision_reason" text, "answered_at" TIMESTAMP WITH TIME ZONE, "answered_by" text, "overdue_due_at" TIMESTAMP WITH TIME ZONE, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "transfers_pkey" PRIMARY KEY ("from_unit", "case_id"))`,
    );
    await runner.query(`CREATE INDEX "transfers_to_unit_idx" ON "transfers" ("to_unit", "status")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "transfers"`);
  }
}
