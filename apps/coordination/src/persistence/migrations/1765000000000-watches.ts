import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Closure requests and the procedure clocks of the penalty rules (issue 19 §3, §5): one row per (record, clock). */
export class CoordinationWatches1765000000000 implements MigrationInterface {
  name = 'CoordinationWatches1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "coordination_watches" ("key" text NOT NULL, "kind" text NOT NULL, "state" jsonb NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "problem" text, CONSTRAINT "coordination_watches_pkey" PRIMARY KEY ("key"))`,
    );
    await runner.query(`CREATE INDEX "coordination_watches_due_idx" ON "coordination_watches" ("due_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "coordination_watches_due_idx"`);
    await runner.query(`DROP TABLE "coordination_watches"`);
  }
}
