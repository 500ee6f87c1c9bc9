// Migration 1765460000000 gives existing cases their campaign from opened_at (an assistance record, which has
// none, from updated_at): the latest campaign started by then, else the first — what the projector derives.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CAMPAIGN_DIRS_ENV } from '@hub/domain';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { openReadModels } from './data-source.js';
import { CaseCampaign1765460000000 } from './migrations/1765460000000-case-campaign.js';

const EXAMPLES = fileURLToPath(new URL('../../domain/src/annex/campaigns/examples/', import.meta.url));

describe('migration 1765460000000: cases.campaign', () => {
  let db: TestDatabase;
  const previousDirs = process.env[CAMPAIGN_DIRS_ENV];

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env[CAMPAIGN_DIRS_ENV] = EXAMPLES;
  });

  afterAll(async () => {
    await db?.drop();
    if (previousDirs === undefined) delete process.env[CAMPAIGN_DIRS_ENV];
    else process.env[CAMPAIGN_DIRS_ENV] = previousDirs;
  });

  it('given cases stored before the column existed, when it is added, then each gets the campaign of its opening (or last update)', async () => {
    const dataSource = await openReadModels(db.url, { schema: 'case_campaign_probe' });
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new CaseCampaign1765460000000();
      await migration.down(runner);
      const insert = `INSERT INTO cases (unit, case_id, department, region, status, opened_at, version, last_seq, updated_at) VALUES ($1, $2, 'samr', '653100', 'opened', $3, 1, 1, $4)`;
      await runner.query(insert, ['samr/653100', 'BEFORE', '2021-08-25T02:00:00Z', '2021-08-25T02:00:00Z']);
      await runner.query(insert, ['samr/653100', 'IN-2021', '2021-10-08T01:30:00Z', '2021-10-08T01:30:00Z']);
      await runner.query(insert, ['samr/653100', 'AFTER-2021', '2022-07-31T15:59:59Z', '2022-07-31T15:59:59Z']);
      await runner.query(insert, ['samr/653100', 'IN-2022', '2022-07-31T16:00:00Z', '2022-07-31T16:00:00Z']);
      await runner.query(insert, ['samr/653100', 'ASSISTED', null, '2022-09-01T00:00:00Z']);
      await migration.up(runner);
      const rows = (await runner.query('SELECT case_id, campaign FROM cases ORDER BY case_id')) as { case_id: string; campaign: string }[];
      expect(Object.fromEntries(rows.map((row) => [row.case_id, row.campaign]))).toEqual({
        'AFTER-2021': 'net-sword-2021',
        ASSISTED: 'net-sword-2022',
        BEFORE: 'net-sword-2021',
        'IN-2021': 'net-sword-2021',
        'IN-2022': 'net-sword-2022',
      });
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
  });
});
