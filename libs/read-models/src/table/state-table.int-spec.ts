// The SQL derived from each state model's declaration round-trips its state: a new row by COPY, the same
// row replaced by its later state (delete and COPY), both read back by the batch lookup, every field as evolve made it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openReadModels } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { CASES_MODEL, LEADS_MODEL, REFERRALS_MODEL } from '../read-models.js';
import { positioned } from '../testing/positioned.js';
import type { StateModel } from './model.js';
import type { PositionedEvent } from './positioned-event.js';
import { sqlOfDataSource, type Sql } from './sql.js';

// Event times in PostgreSQL's own ISO form, so what comes back can be compared as it is.
const at = { time: '2021-10-08T01:30:00.000Z' };
const lifecycles: [string, StateModel, PositionedEvent[]][] = [
  [
    'leads',
    LEADS_MODEL,
    [
      positioned(1, 'samr/653100', 'lead.reported', 'lead/L-1', { category: 'counterfeit', summary: 'tab\there', entities: [{ kind: 'uscc', value: '91110000600037341L' }] }, at),
      positioned(2, 'samr/653100', 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100' }, { ...at, version: 2 }),
    ],
  ],
  [
    'referrals',
    REFERRALS_MODEL,
    [
      positioned(3, 'samr/653100', 'lead.referred', 'lead/L-1', { referralId: 'R-1', toDepartment: 'police', toRegion: '650100', dueAt: '2021-10-12T16:00:00.000Z' }, at),
      positioned(4, 'police/650100', 'referral.answered', 'referral/R-1', { referralId: 'R-1', decision: 'rejected', reason: 'not ours' }, at),
    ],
  ],
  [
    'cases',
    CASES_MODEL,
    [
      positioned(5, 'samr/653100', 'case.opened', 'case/C-1', { caseNo: 'C-1', kind: 'administrative', otherCategories: ['food', 'say "x"'], leadIds: ['L-1'] }, at),
      positioned(6, 'samr/653100', 'case.transferred', 'case/C-1', { toDepartment: 'police', approvedAt: '2021-10-20T02:00:00.000Z' }, { ...at, version: 2 }),
      positioned(7, 'samr/653100', 'case.decided', 'case/C-1', { decisionNo: 'D-1', fine: 12345.67, confiscation: 0 }, { ...at, version: 3 }),
    ],
  ],
];

describe('state tables derived from their declarations', () => {
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

  it.each(lifecycles)('given a new %s row by COPY and then its later state replacing it, then each reads back as folded', async (_name, model, events) => {
    const [first, ...rest] = events as [PositionedEvent, ...PositionedEvent[]];
    const created = model.evolve(undefined, first);
    const key = model.rows.stateKey(created);
    expect(model.keyOf(first)).toBe(key);
    await model.rows.write(sql, model.rows.encodeWrite([created], []));
    expect(await model.rows.findMany(sql, [key])).toEqual(new Map([[key, created]]));

    const later = rest.reduce((state, e) => model.evolve(state, e), created);
    await model.rows.write(sql, model.rows.encodeWrite([], [later]));
    expect(await model.rows.findMany(sql, [key, `${key}-absent`])).toEqual(new Map([[key, later]]));
  });
});
