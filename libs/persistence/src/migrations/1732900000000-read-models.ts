import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models. Table names are unqualified on purpose: every connection's search_path names the
 * schema being migrated (the live `projection`, or a rebuild's fresh schema), so one migration serves
 * both. Written from the entities' schema-builder log; the drift spec fails when they disagree.
 */
export class ReadModels1732900000000 implements MigrationInterface {
  name = 'ReadModels1732900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "annex_contributions" ("seq" bigint NOT NULL, "campaign" text NOT NULL, "row_id" text NOT NULL, "event_id" uuid NOT NULL, "unit" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" double precision NOT NULL, "distinct_key" text, "other_categories" text array, CONSTRAINT "annex_contributions_pkey" PRIMARY KEY ("seq", "campaign", "row_id"))`);
    await runner.query(`CREATE INDEX "annex_contributions_region_idx" ON "annex_contributions" ("campaign", "region", "time")`);
    await runner.query(`CREATE INDEX "annex_contributions_unit_idx" ON "annex_contributions" ("campaign", "unit", "time")`);
    await runner.query(`CREATE TABLE "cases" ("unit" text NOT NULL, "case_id" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "status" text NOT NULL, "case_no" text, "kind" text, "primary_category" text, "other_categories" text array NOT NULL DEFAULT '{}', "platform" text, "target_kind" text, "lead_ids" text array NOT NULL DEFAULT '{}', "opened_at" TIMESTAMP WITH TIME ZONE, "decision_no" text, "fine" numeric(14,2), "confiscation" numeric(14,2), "decided_at" TIMESTAMP WITH TIME ZONE, "transferred" boolean NOT NULL DEFAULT false, "transferred_at" TIMESTAMP WITH TIME ZONE, "closed" boolean NOT NULL DEFAULT false, "closed_at" TIMESTAMP WITH TIME ZONE, "close_outcome" text, "typical" boolean NOT NULL DEFAULT false, "assisted_case_ref" text, "assisted_department" text, "version" integer NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "cases_pkey" PRIMARY KEY ("unit", "case_id"))`);
    await runner.query(`CREATE INDEX "cases_region_category_idx" ON "cases" ("region", "primary_category")`);
    await runner.query(`CREATE TABLE "event_archive" ("seq" bigint NOT NULL, "id" uuid NOT NULL, "stream_subject" text NOT NULL, "type" text NOT NULL, "source" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "aggregate_type" text NOT NULL, "aggregate_id" text NOT NULL, "version" integer NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL, "time_text" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "prev_hash" text, "hash" text NOT NULL, "sig" text NOT NULL, CONSTRAINT "event_archive_pkey" PRIMARY KEY ("seq"))`);
    await runner.query(`CREATE UNIQUE INDEX "event_archive_id_key" ON "event_archive" ("id")`);
    await runner.query(`CREATE INDEX "event_archive_aggregate_idx" ON "event_archive" ("stream_subject", "version")`);
    await runner.query(`CREATE TABLE "leads" ("unit" text NOT NULL, "lead_id" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "status" text NOT NULL, "category" text, "channel" text, "platform" text, "product_category" text, "summary" text, "entities" jsonb NOT NULL DEFAULT '[]', "reported_at" TIMESTAMP WITH TIME ZONE, "referral_ids" text array NOT NULL DEFAULT '{}', "closed_outcome" text, "closed_at" TIMESTAMP WITH TIME ZONE, "case_id" text, "version" integer NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "leads_pkey" PRIMARY KEY ("unit", "lead_id"))`);
    await runner.query(`CREATE INDEX "leads_region_status_idx" ON "leads" ("region", "status")`);
    await runner.query(`CREATE TABLE "projection_errors" ("id" BIGSERIAL NOT NULL, "seq" bigint NOT NULL, "stream_subject" text NOT NULL, "kind" text NOT NULL, "event_id" text, "message" text NOT NULL, "payload" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "projection_errors_pkey" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "projection_errors_seq_idx" ON "projection_errors" ("seq")`);
    await runner.query(`CREATE TABLE "projector_checkpoint" ("name" text NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deferred_indexes" text array NOT NULL DEFAULT '{}', CONSTRAINT "projector_checkpoint_pkey" PRIMARY KEY ("name"))`);
    await runner.query(`CREATE TABLE "referrals" ("to_unit" text NOT NULL, "referral_id" text NOT NULL, "to_department" text NOT NULL, "to_region" text NOT NULL, "from_unit" text, "lead_id" text, "reason" text, "sent_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL, "decision" text, "decision_reason" text, "answered_at" TIMESTAMP WITH TIME ZONE, "feedback_outcome" text, "feedback_case_id" text, "feedback_at" TIMESTAMP WITH TIME ZONE, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "referrals_pkey" PRIMARY KEY ("to_unit", "referral_id"))`);
    await runner.query(`CREATE INDEX "referrals_status_due_idx" ON "referrals" ("status", "due_at")`);
    await runner.query(`CREATE INDEX "referrals_from_unit_idx" ON "referrals" ("from_unit")`);
    await runner.query(`CREATE TABLE "tallies" ("seq" bigint NOT NULL, "event_id" uuid NOT NULL, "kind" text NOT NULL, "aggregate_id" text NOT NULL, "action" text, "target_kind" text, "channel" text, "count" integer, "batches" integer, "pieces" integer, "platform" text, "unit" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "tallies_pkey" PRIMARY KEY ("seq"))`);
    await runner.query(`CREATE INDEX "tallies_unit_time_idx" ON "tallies" ("unit", "time")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['tallies', 'referrals', 'projector_checkpoint', 'projection_errors', 'leads', 'event_archive', 'cases', 'annex_contributions']) {
      await runner.query(`DROP TABLE "${table}"`);
    }
  }
}
