import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities. Empty when the migrations (already
 * run on `dataSource`) produce exactly what the entities declare; anything else is drift, and the
 * statements are the start of the missing migration.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query.trim());
}
