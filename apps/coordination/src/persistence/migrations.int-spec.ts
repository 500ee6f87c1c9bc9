// The coordination schema's migrations must produce exactly what its entities declare (CI drift check).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { migrateReadModels, schemaDrift } from '@hub/persistence';
import { coordinationDataSourceOptions } from './data-source.js';

describe('coordination migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('given a fresh database, when the coordination migrations run, then its entities need no further change', async () => {
    const dataSource = await new DataSource(coordinationDataSourceOptions(db.url)).initialize();
    try {
      await migrateReadModels(dataSource);
      const drift = await schemaDrift(dataSource);
      if (drift.length > 0) console.log(drift.map((q) => `    await runner.query(\`${q}\`);`).join('\n'));
      expect(drift).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
