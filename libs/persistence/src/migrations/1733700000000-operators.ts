import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator register (`operators`, folded from operator.registered / operator.updated) and the lead's
 * `product_description` (the free text next to the product focus code). Existing leads get their description,
 * and free-text categories become `other`, at the next `npm run projector:rebuild`.
 */
export class Operators1733700000000 implements MigrationInterface {
  name = 'Operators1733700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "operators" ("unit" text NOT NULL, "operator_id" text NOT NULL, "department" text NOT NULL, "unit_region" text NOT NULL, "region" text NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "uscc" text, "self_declared" boolean NOT NULL DEFAULT false, "platform" text, "shop_id" text, "domain" text, "icp_filing" text, "licence_display" text NOT NULL, "permit_display" text NOT NULL, "mark_display" text NOT NULL, "display_status" text NOT NULL, "self_operated_labelling" text, "registered_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "last_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "operators_pkey" PRIMARY KEY ("unit", "operator_id"))`,
    );
    await runner.query(`CREATE INDEX "operators_region_kind_idx" ON "operators" ("region", "kind")`);
    await runner.query(`CREATE INDEX "operators_uscc_idx" ON "operators" ("uscc")`);
    await runner.query(`CREATE INDEX "operators_domain_idx" ON "operators" ("domain")`);
    await runner.query(`ALTER TABLE "leads" ADD "product_description" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "leads" DROP COLUMN "product_description"`);
    await runner.query(`DROP TABLE "operators"`);
  }
}
