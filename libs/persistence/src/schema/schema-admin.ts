import { assertSchemaName } from '../data-source.js';
import type { Sql } from '@hub/read-models';

/**
 * Schema-level SQL for the blue/green rebuild (no table of its own, so it lives beside the repositories).
 * Schema names are validated plain identifiers, which is why they can be interpolated.
 */
export class SchemaAdmin {
  constructor(private readonly sql: Sql) {}

  async exists(schema: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [assertSchemaName(schema)]);
    return rows.length > 0;
  }

  async drop(schema: string): Promise<void> {
    await this.sql.query(`DROP SCHEMA IF EXISTS ${assertSchemaName(schema)} CASCADE`);
  }

  /**
   * Drops the schema's plain secondary indexes (not primary keys, not unique indexes: those keep the data
   * correct and serve the batch's lookups) and returns their definitions to recreate after a bulk load.
   */
  async dropSecondaryIndexes(schema: string): Promise<string[]> {
    const rows = await this.sql.query<{ name: string; definition: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT i.indisunique AND NOT i.indisprimary
        ORDER BY c.relname`,
      [assertSchemaName(schema)],
    );
    for (const row of rows) await this.sql.query(`DROP INDEX ${schema}."${row.name}"`);
    return rows.map((row) => row.definition);
  }

  /** The schema this connection's unqualified names resolve to. */
  async current(): Promise<string> {
    const [row] = await this.sql.query<{ schema: string }>('SELECT current_schema() AS schema');
    return row?.schema ?? 'public';
  }

  /** Fresh statistics for the planner after a bulk load (autovacuum would get there, later). */
  async analyze(schema: string): Promise<void> {
    const tables = await this.sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1', [assertSchemaName(schema)]);
    for (const table of tables) await this.sql.query(`ANALYZE ${schema}."${table.name}"`);
  }

  async createIndexes(definitions: readonly string[]): Promise<void> {
    for (const definition of definitions) await this.sql.query(definition);
  }

  /**
   * Puts `next` in place of `live` (renames only: instant, and atomic with the caller's transaction).
   * The previous live schema becomes `retired`, to be dropped after the commit.
   */
  async swap(live: string, next: string, retired: string): Promise<void> {
    await this.drop(retired);
    if (await this.exists(live)) await this.sql.query(`ALTER SCHEMA ${assertSchemaName(live)} RENAME TO ${assertSchemaName(retired)}`);
    await this.sql.query(`ALTER SCHEMA ${assertSchemaName(next)} RENAME TO ${live}`);
  }
}
