import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The further actions of issue 19 §3 as read models: `guidance` (guidance.given), `samplings`
 * (sampling.recorded), `closures` (closure.requested / answered / overdue), and the key period
 * (重要时间节点) of monitoring leads, `leads.key_period`. Rows of events already in the log appear, and
 * existing leads get their tag, at the next `npm run projector:rebuild`.
 */
export class Actions1733800000000 implements MigrationInterface {
  name = 'Actions1733800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "guidance" ("unit" text NOT NULL, "guidance_id" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "kind" text NOT NULL, "operator_ref" text, "operator_name" text NOT NULL, "topic" text NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "participants" text array NOT NULL DEFAULT '{}', "recorded_by" text, "version" integer NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "guidance_pkey" PRIMARY KEY ("unit", "guidance_id"))`,
    );
    await runner.query(`CREATE INDEX "guidance_region_kind_idx" ON "guidance" ("region", "kind")`);
    await runner.query(
      `CREATE TABLE "samplings" ("unit" text NOT NULL, "sampling_id" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "batches" integer NOT NULL, "failed" integer NOT NULL, "product_category" text NOT NULL, "product_description" text, "operator_ref" text, "sampled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "recorded_by" text, "version" integer NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "samplings_pkey" PRIMARY KEY ("unit", "sampling_id"))`,
    );
    await runner.query(`CREATE INDEX "samplings_region_product_idx" ON "samplings" ("region", "product_category")`);
    await runner.query(
      `CREATE TABLE "closures" ("from_unit" text NOT NULL, "closure_id" text NOT NULL, "to_unit" text NOT NULL, "to_department" text NOT NULL, "to_region" text NOT NULL, "target_kind" text, "target" text, "operator_ref" text, "platform" text, "reason" text, "requested_at" TIMESTAMP WITH TIME ZONE, "recorded_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL, "decision_reason" text, "answered_at" TIMESTAMP WITH TIME ZONE, "answered_by" text, "overdue_due_at" TIMESTAMP WITH TIME ZONE, "overdue_hours" integer, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "closures_pkey" PRIMARY KEY ("from_unit", "closure_id"))`,
    );
    await runner.query(`CREATE INDEX "closures_to_unit_idx" ON "closures" ("to_unit", "status")`);
    await runner.query(`CREATE INDEX "closures_status_idx" ON "closures" ("status")`);
    await runner.query(`ALTER TABLE "leads" ADD "key_period" text`);
    await runner.query(`CREATE INDEX "leads_key_period_idx" ON "leads" ("key_period")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "leads_key_period_idx"`);
    await runner.query(`ALTER TABLE "leads" DROP COLUMN "key_period"`);
    await runner.query(`DROP TABLE "closures"`);
    await runner.query(`DROP TABLE "samplings"`);
    await runner.query(`DROP TABLE "guidance"`);
  }
}
