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
  async analyze(schema: string, which: (table: string) => boolean = () => true): Promise<void> {
    const tables = await this.sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1', [assertSchemaName(schema)]);
    for (const table of tables) if (which(table.name)) await this.sql.query(`ANALYZE ${schema}."${table.name}"`);
  }

  async createIndexes(definitions: readonly string[]): Promise<void> {
    for (const definition of definitions) await this.sql.query(definition);
  }

  /**
   * Puts `next` in place of `live` (renames: instant, and atomic with the caller's transaction).
   * The previous live schema becomes `retired`, to be dropped after the commit.
   *
   * A rename alone is not enough: PostgreSQL resolves each table name of a statement when it first locks
   * that table, and a schema rename locks no table — so a reader's statement over two tables could resolve
   * the first to the old schema and the second to the new one if the rename committed in between (seen
   * once in CI: an old checkpoint beside a new archive). Holding ACCESS EXCLUSIVE on every live table
   * before renaming closes that: statements already under way finish on the old tables first, and those
   * that wait re-resolve every name after the commit. A reader part-way through a statement may hold one
   * old table and wait for another we hold; rather than deadlock with it, the lock attempt gives up
   * quickly, releases what it took (a savepoint) and tries again once that reader is done.
   */
  async swap(live: string, next: string, retired: string, lockAttempts = 50): Promise<void> {
    await this.drop(retired);
    if (await this.exists(live)) {
      await this.lockAllTables(live, lockAttempts);
      await this.sql.query(`ALTER SCHEMA ${assertSchemaName(live)} RENAME TO ${assertSchemaName(retired)}`);
    }
    await this.sql.query(`ALTER SCHEMA ${assertSchemaName(next)} RENAME TO ${live}`);
  }

  private async lockAllTables(schema: string, attempts: number): Promise<void> {
    const tables = await this.sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [
      assertSchemaName(schema),
    ]);
    if (tables.length === 0) return;
    const list = tables.map((table) => `${schema}."${table.name}"`).join(', ');
    await this.sql.query("SET LOCAL lock_timeout = '200ms'");
    for (let attempt = 1; ; attempt += 1) {
      await this.sql.query('SAVEPOINT swap_lock');
      try {
        await this.sql.query(`LOCK TABLE ${list} IN ACCESS EXCLUSIVE MODE`);
        await this.sql.query('RELEASE SAVEPOINT swap_lock');
        break;
      } catch (error) {
        await this.sql.query('ROLLBACK TO SAVEPOINT swap_lock');
        if (!isLockConflict(error) || attempt >= attempts) throw error;
      }
    }
    await this.sql.query('SET LOCAL lock_timeout = 0');
  }
}

/** lock_not_available (lock_timeout) or deadlock_detected: both mean a reader held a table we wanted. */
function isLockConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '55P03' || code === '40P01';
}
