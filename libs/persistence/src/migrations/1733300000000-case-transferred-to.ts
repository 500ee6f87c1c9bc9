import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cases.transferred_to: the department a case was transferred to (case.transferred's `toDepartment`).
 * Existing rows keep null until the projector rebuilds them (`npm run projector:rebuild`).
 */
export class CaseTransferredTo1733300000000 implements MigrationInterface {
  name = 'CaseTransferredTo1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "cases" ADD "transferred_to" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "cases" DROP COLUMN "transferred_to"`);
  }
}
