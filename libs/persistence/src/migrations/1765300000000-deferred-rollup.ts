import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catch-up mode also defers the annex rollup (issue 16 §4): while `rollup_deferred_after` is set, batches
 * write annex_contributions but not the rollup tables, and the contributions after that sequence are
 * rolled up in one statement when the projector has caught up (or at its next start if it died before).
 */
export class DeferredRollup1765300000000 implements MigrationInterface {
  name = 'DeferredRollup1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "projector_checkpoint" ADD "rollup_deferred_after" bigint`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "projector_checkpoint" DROP COLUMN "rollup_deferred_after"`);
  }
}
