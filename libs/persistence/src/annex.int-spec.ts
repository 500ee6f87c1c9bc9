// The SQL annex (one aggregate over annex_contributions) must equal the domain's in-memory recomputation
// from the same events, for every scope kind, period and "as of".
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { computeAnnexFromEvents, NET_SWORD_2021, type AnnexPeriod, type AnnexScope } from '@hub/domain';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { annexReport, campaignContributions } from '@hub/read-models';
import { openReadModels, readModelClientConfig } from './data-source.js';
import { commitBatch } from './projector/transaction.js';
import { mixedScenario } from './testing/scenario.js';
import { chunks, rawMessages } from './testing/raw-messages.js';

describe('annex from the read models', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  // With corrections and voids recorded days after their records: the delta rows move the annex, asOf before them does not.
  const events = mixedScenario(4_000, { seed: 7, lateFraction: 0.2, sign: false, corrections: 0.05 });
  // A retried event stored twice (same id, later sequence): both sides must count it once.
  const stream = [...events, events[10]!, events[500]!];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openReadModels(db.url);
    const client = new pg.Client(readModelClientConfig(db.url));
    await client.connect();
    try {
      for (const batch of chunks(rawMessages(stream), 700)) {
        await commitBatch(client, batch, { checkpoint: 'projector', contributionsOf: campaignContributions([NET_SWORD_2021]) });
      }
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const scopes: AnnexScope[] = [{ kind: 'unit', unit: 'samr/653100' }, { kind: 'unit', unit: 'police/650100' }, { kind: 'region', region: '653100' }, { kind: 'line', department: 'samr' }, { kind: 'all' }];
  const periods: AnnexPeriod[] = [
    {},
    { from: '2021-10-01', to: '2021-10-31' },
    { asOf: '2021-10-15' },
    { from: '2021-09-15', to: '2021-12-15', asOf: '2021-11-20T12:00:00+08:00' },
  ];

  it.each(scopes.flatMap((scope) => periods.map((period) => [scope, period] as const)))('given the same events, when the annex for %j %j is read, then SQL equals the in-memory fold', async (scope, period) => {
    const expected = computeAnnexFromEvents(stream.map((e) => e.event), NET_SWORD_2021, scope, period);
    const actual = await annexReport(dataSource, NET_SWORD_2021, scope, period);
    expect(actual).toEqual(expected);
  });

  it('given corrections and voids in the log, then the annex counts current state: not what the records first said', async () => {
    const isFollowUp = (type: string): boolean => type.endsWith('.corrected') || type.endsWith('.voided');
    expect(stream.filter((e) => e.event.type.endsWith('.corrected')).length).toBeGreaterThan(50);
    expect(stream.filter((e) => e.event.type.endsWith('.voided')).length).toBeGreaterThan(20);
    const uncorrected = computeAnnexFromEvents(stream.filter((e) => !isFollowUp(e.event.type)).map((e) => e.event), NET_SWORD_2021, { kind: 'all' });
    const current = await annexReport(dataSource, NET_SWORD_2021, { kind: 'all' });
    const moved = current.rows.filter((row, i) => row.value !== uncorrected.rows[i]?.value);
    expect(moved.length).toBeGreaterThan(10);
    // Before the first follow-up was recorded the hub knew only the records as first reported.
    const first = stream.filter((e) => isFollowUp(e.event.type)).map((e) => e.event.recordedAt).sort()[0] ?? '';
    const asOf = new Date(Date.parse(first) - 1).toISOString();
    expect(await annexReport(dataSource, NET_SWORD_2021, { kind: 'all' }, { asOf })).toEqual(
      computeAnnexFromEvents(stream.filter((e) => !isFollowUp(e.event.type)).map((e) => e.event), NET_SWORD_2021, { kind: 'all' }, { asOf }),
    );
  });

  it('given the mixed log, then the annex is not trivially empty', async () => {
    const report = await annexReport(dataSource, NET_SWORD_2021, { kind: 'all' });
    expect(report.rows.filter((row) => (row.value ?? 0) > 0).length).toBeGreaterThan(25);
    expect(report.rows.some((row) => row.remark !== '')).toBe(true);
  });
});
