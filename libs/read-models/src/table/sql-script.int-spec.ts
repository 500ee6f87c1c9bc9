// A batch sent in one round trip (SqlScript) stores exactly what COPY stores: the same rows, written both ways into
// the same table, read back equal — text with tabs, newlines, quotes and backslashes, arrays, JSON, NULLs, numbers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { openReadModels, readModelClientConfig } from '@hub/persistence';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { ARCHIVE_MODEL, CASES_MODEL } from '../read-models.js';
import { positioned } from '../testing/positioned.js';
import type { PositionedEvent } from './positioned-event.js';
import { SqlScript } from './sql-script.js';
import { sqlOf } from './sql.js';
import { copyInto } from './table-sql.js';

const awkward = 'tab\there, line\nbreak, cr\r, back\\slash \\N \\t, quote \' and "double", 中文 $1';
const at = { time: '2021-10-08T01:30:00.000Z' };

function caseEvent(seq: number, caseNo: string): PositionedEvent {
  return positioned(seq, 'samr/653100', 'case.opened', `case/${caseNo}`, { caseNo, kind: 'administrative', summary: awkward, otherCategories: ['food', awkward], leadIds: [awkward] }, at);
}

describe('SqlScript against PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    await (await openReadModels(db.url)).destroy();
    client = new pg.Client(readModelClientConfig(db.url));
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('given archive rows as INSERT … VALUES and as COPY, then both read back the same', async () => {
    const events = [1, 2].map((seq) => caseEvent(seq, `C-${seq}`));
    const copied = events.map((e) => ({ ...e, seq: e.seq + 100, event: { ...e.event, id: `00000000-0000-4000-8000-00000000010${e.seq}` } }));
    const script = new SqlScript();
    await copyInto(script.sql, ARCHIVE_MODEL.table, ARCHIVE_MODEL.copyText(events));
    await client.query(script.text());
    await copyInto(sqlOf(client), ARCHIVE_MODEL.table, ARCHIVE_MODEL.copyText(copied));
    const { rows } = await client.query<Record<string, unknown>>('SELECT * FROM event_archive ORDER BY seq');
    expect(rows).toHaveLength(4);
    const withoutIdentity = (row: Record<string, unknown>) => ({ ...row, seq: undefined, id: undefined });
    expect(withoutIdentity(rows[0] ?? {})).toEqual(withoutIdentity(rows[2] ?? {}));
    expect(rows[0]?.['data']).toMatchObject({ summary: awkward });
  });

  it('given state rows replaced through the script, then the lookup reads them as evolve made them', async () => {
    const state = CASES_MODEL.evolve(undefined, caseEvent(3, 'C-3'));
    const script = new SqlScript().add('BEGIN');
    await CASES_MODEL.rows.write(script.sql, CASES_MODEL.rows.encodeWrite([state], []));
    await client.query(script.add('COMMIT').text());
    const replaced = { ...state, otherCategories: [awkward, "again"] };
    const again = new SqlScript();
    await CASES_MODEL.rows.write(again.sql, CASES_MODEL.rows.encodeWrite([], [replaced]));
    await client.query(again.text());
    const found = await CASES_MODEL.rows.findMany(sqlOf(client), [CASES_MODEL.rows.stateKey(state)]);
    expect([...found.values()]).toEqual([replaced]);
  });
});
