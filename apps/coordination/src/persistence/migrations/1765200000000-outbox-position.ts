import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every enqueue numbers its entries after the outbox's highest position; the only index on `position` was the
 * pending one (published rows leave it), so `max(position)` scanned the whole outbox — each batch's cost grew
 * with every alert and notice ever queued.
 */
export class CoordinationOutboxPosition1765200000000 implements MigrationInterface {
  name = 'CoordinationOutboxPosition1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "coordination_outbox_position_idx" ON "coordination_outbox" ("position")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "coordination_outbox_position_idx"`);
  }
}
