import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads and cases closed or voided (issue 15 §5): alerts go only to units whose record on the value is still open. */
export class CoordinationClosedRecords1765100000000 implements MigrationInterface {
  name = 'CoordinationClosedRecords1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "coordination_closed_records" ("ref" text NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "coordination_closed_records_pkey" PRIMARY KEY ("ref"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "coordination_closed_records"`);
  }
}
