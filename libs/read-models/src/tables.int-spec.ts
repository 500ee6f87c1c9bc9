// The declared tables are the read models' single source: after the migrations run, each must be exactly
// what information_schema describes (columns, types, nullability, defaults, primary key, indexes).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openReadModels } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { READ_MODEL_TABLES } from './read-models.js';
import { CASES } from './cases/cases.table.js';
import { defineTable, nullable } from './table/define-table.js';
import { sqlOfDataSource, type Sql } from './table/sql.js';
import { tableDrift } from './table/table-drift.js';

describe('declared read-model tables', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sql: Sql;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openReadModels(db.url);
    sql = sqlOfDataSource(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it.each(READ_MODEL_TABLES.map((table) => [table.name, table] as const))('given the migrations ran, then %s is exactly as declared', async (_name, table) => {
    expect(await tableDrift(sql, table)).toEqual([]);
  });

  it('given the migrations ran, then every table of the schema is declared or the projector’s own', async () => {
    const rows = await sql.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1');
    const declared = new Set([...READ_MODEL_TABLES.map((t) => t.name), 'migrations', 'projector_checkpoint', 'projection_errors']);
    expect(rows.map((r) => r.name).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('given a declaration that differs from the database, then each difference is named', async () => {
    const changed = defineTable({
      name: 'cases',
      columns: { ...CASES.columns, case_no: nullable('integer'), not_migrated: nullable('text') },
      indexes: [],
    });
    expect(await tableDrift(sql, changed)).toEqual([
      'cases.case_no: declared integer, database has text',
      'cases.not_migrated: declared, not in the database',
      'cases: index cases_campaign_region_idx (campaign, region) in the database, not declared',
      'cases: index cases_region_category_idx (region, primary_category) in the database, not declared',
    ]);
  });
});
