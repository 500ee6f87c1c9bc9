import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The coordination service's state (schema `coordination`); written from the entities' schema-builder log. */
export class Coordination1733200000000 implements MigrationInterface {
  name = 'Coordination1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "coordination_checkpoint" ("name" text NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "coordination_checkpoint_pkey" PRIMARY KEY ("name"))`);
    await runner.query(`CREATE TABLE "correlation_members" ("position" integer NOT NULL, "member" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "keys" text array NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "correlation_members_pkey" PRIMARY KEY ("position"))`);
    await runner.query(`CREATE UNIQUE INDEX "correlation_members_member_key" ON "correlation_members"  ("member")`);
    await runner.query(`CREATE TABLE "correlation_manual" ("position" integer NOT NULL, "after_members" integer NOT NULL, "type" text NOT NULL, "data" jsonb NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "correlation_manual_pkey" PRIMARY KEY ("position"))`);
    await runner.query(`CREATE TABLE "correlation_over" ("key" text NOT NULL, "count" integer NOT NULL, "since_seq" bigint NOT NULL, CONSTRAINT "correlation_over_pkey" PRIMARY KEY ("key"))`);
    await runner.query(`CREATE TABLE "coordination_outbox" ("key" text NOT NULL, "position" bigint NOT NULL, "event_id" uuid NOT NULL, "type" text NOT NULL, "subject" text NOT NULL, "time" text NOT NULL, "data" jsonb NOT NULL, "published_seq" bigint, "error" text, CONSTRAINT "coordination_outbox_pkey" PRIMARY KEY ("key"))`);
    await runner.query(`CREATE INDEX "coordination_outbox_pending_idx" ON "coordination_outbox"  ("position") WHERE published_seq IS NULL`);
    await runner.query(`CREATE TABLE "coordination_referrals" ("referral_id" text NOT NULL, "state" jsonb NOT NULL, "running_clock" text, "running_due_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "coordination_referrals_pkey" PRIMARY KEY ("referral_id"))`);
    await runner.query(`CREATE INDEX "coordination_referrals_due_idx" ON "coordination_referrals"  ("running_due_at")`);
    await runner.query(`CREATE TABLE "clusters" ("cluster_id" text NOT NULL, "formed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "keys" text array NOT NULL, "cross_region" boolean NOT NULL, "cross_department" boolean NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "clusters_pkey" PRIMARY KEY ("cluster_id"))`);
    await runner.query(`CREATE INDEX "clusters_formed_idx" ON "clusters"  ("formed_at")`);
    await runner.query(`CREATE TABLE "cluster_members" ("cluster_id" text NOT NULL, "member" text NOT NULL, "department" text NOT NULL, "region" text NOT NULL, "via" text NOT NULL, "key" text, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "cluster_members_pkey" PRIMARY KEY ("cluster_id", "member"))`);
    await runner.query(`CREATE INDEX "cluster_members_member_idx" ON "cluster_members"  ("member")`);
    await runner.query(`CREATE TABLE "cluster_history" ("seq" bigint NOT NULL, "cluster_id" text NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "members" text array NOT NULL, "keys" text array NOT NULL, "reason" text, CONSTRAINT "cluster_history_pkey" PRIMARY KEY ("seq"))`);
    await runner.query(`CREATE INDEX "cluster_history_cluster_idx" ON "cluster_history"  ("cluster_id", "seq")`);
    await runner.query(`CREATE TABLE "jurisdiction_suggestions" ("lead_ref" text NOT NULL, "to_department" text NOT NULL, "to_region" text NOT NULL, "basis" text NOT NULL, "note" text, "seq" bigint NOT NULL, CONSTRAINT "jurisdiction_suggestions_pkey" PRIMARY KEY ("lead_ref"))`);
  }

  async down(): Promise<void> {
    // The schema is dropped as a whole.
  }
}
