// CI fails when the entities and the migrations drift apart: the migrations run on a fresh database and
// TypeORM's schema builder must then have nothing left to do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { createReadModelDataSource, migrateReadModels, openReadModels } from './data-source.js';
import { READ_MODEL_MIGRATIONS } from './migrations/index.js';
import { schemaDrift } from './schema/schema-drift.js';

describe('read-model migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('given a fresh database, when the migrations run, then the entities need no further change', async () => {
    const dataSource = await openReadModels(db.url);
    try {
      expect(await schemaDrift(dataSource)).toEqual([]);
      const applied = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(READ_MODEL_MIGRATIONS.map((m) => m.name));
    } finally {
      await dataSource.destroy();
    }
  });

  it('given migrated read models, when migrations run again (another service starting), then nothing changes', async () => {
    const dataSource = createReadModelDataSource(db.url);
    await dataSource.initialize();
    try {
      await Promise.all([migrateReadModels(dataSource), migrateReadModels(dataSource)]);
      expect(await dataSource.query('SELECT name FROM migrations')).toHaveLength(READ_MODEL_MIGRATIONS.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('given another schema, when it is migrated, then its tables live there and not in the live schema', async () => {
    const dataSource = await openReadModels(db.url, { schema: 'drift_probe' });
    try {
      expect(await schemaDrift(dataSource)).toEqual([]);
      const [row] = await dataSource.query<{ n: string }[]>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'drift_probe'");
      expect(Number(row?.n)).toBe(27); // twenty-six read-model tables (annex_records, operators, guidance, samplings, closures, notifications, entity_keys, transfers, the three annex rollups per recorded day and the four per month included) + the migrations table
    } finally {
      await dataSource.destroy();
    }
  });
});
