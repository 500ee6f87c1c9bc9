import type { MigrationInterface, QueryRunner } from 'typeorm';
import { campaignBounds, campaignById, campaignIds } from '@hub/domain';

/**
 * Cases carry their campaign (issue 17 §6): the campaign they belong to by when they were opened (the latest
 * campaign started by then, else the first; domain campaignOfTime), so case lists, readiness and the briefing
 * show each campaign's cases only. Existing rows get it from opened_at here (an assistance record, which has
 * none, from its last update); `npm run projector:rebuild` derives it from the events exactly.
 */
export class CaseCampaign1765460000000 implements MigrationInterface {
  name = 'CaseCampaign1765460000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "cases" ADD "campaign" text`);
    await runner.query(`CREATE INDEX "cases_campaign_region_idx" ON "cases" ("campaign", "region")`);
    const starts = campaignIds()
      .flatMap((id) => campaignById(id) ?? [])
      .map((definition) => ({ id: definition.id, start: new Date(campaignBounds(definition).start).toISOString() }))
      .sort((a, b) => a.start.localeCompare(b.start));
    if (starts.length === 0) return;
    await runner.query(
      `UPDATE "cases" c SET "campaign" = coalesce(
         (SELECT z.id FROM unnest($1::text[], $2::timestamptz[]) AS z(id, start) WHERE z.start <= coalesce(c.opened_at, c.updated_at) ORDER BY z.start DESC LIMIT 1), $3)`,
      [starts.map((s) => s.id), starts.map((s) => s.start), starts[0]?.id],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "cases_campaign_region_idx"`);
    await runner.query(`ALTER TABLE "cases" DROP COLUMN "campaign"`);
  }
}
