import type { DataSource } from 'typeorm';
import { AnnexRollupMonthly1765500000000 } from '../migrations/1765500000000-annex-rollup-monthly.js';

/** Drops the annex rollups per month and runs their migration again: its backfill from the rollups per day. */
export async function rerunMonthlyRollupMigration(dataSource: DataSource): Promise<void> {
  await dataSource.query('DROP TABLE annex_rollup_monthly, annex_rollup_monthly_remarks, annex_rollup_recorded_monthly, annex_rollup_recorded_monthly_remarks');
  const runner = dataSource.createQueryRunner();
  try {
    await new AnnexRollupMonthly1765500000000().up(runner);
  } finally {
    await runner.release();
  }
}
