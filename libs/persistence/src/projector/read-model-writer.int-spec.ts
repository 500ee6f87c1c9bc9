// The live writer's round trips: once a commit has seen catch-up mode defer nothing, a small batch is one simple query
// (BEGIN … COMMIT); when the checkpoint moved under it or catch-up mode began, that query changes nothing and the batch
// goes the statement-by-statement way, which looks at what differs. Each event is stored once whichever way.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { NET_SWORD_2021 } from '@hub/domain';
import { APPEND_MODELS, campaignContributions, KEY_SEPARATOR, STATE_MODELS, type RawMessage } from '@hub/read-models';
import { createTestDatabase, type TestDatabase } from '@hub/runtime';
import { openReadModels, readModelClientConfig } from '../data-source.js';
import { decodeBatch, touchedKeys } from '../projections/plan-batch.js';
import { chunks, rawMessages } from '../testing/raw-messages.js';
import { mixedScenario } from '../testing/scenario.js';
import { deferSecondaryIndexes } from './catch-up-indexes.js';
import { ReadModelWriter } from './read-model-writer.js';
import { commitBatch } from './transaction.js';

const contributionsOf = campaignContributions([NET_SWORD_2021]);
const batches = chunks(rawMessages(mixedScenario(60, { seed: 5, sign: false })), 15);
const batch = (i: number): RawMessage[] => batches[i] ?? [];

describe('ReadModelWriter round trips', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let other: pg.Client;
  let writer: ReadModelWriter;
  let sent: string[];

  beforeEach(async () => {
    db = await createTestDatabase();
    await (await openReadModels(db.url)).destroy();
    client = new pg.Client(readModelClientConfig(db.url));
    other = new pg.Client(readModelClientConfig(db.url));
    await Promise.all([client.connect(), other.connect()]);
    sent = [];
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string') sent.push(args[0]);
      return query(...args);
    };
    writer = new ReadModelWriter(client, { checkpoint: 'projector', contributionsOf, lock: true });
    await writer.open();
  });

  afterEach(async () => {
    await writer?.close();
    await Promise.all([client?.end(), other?.end()]);
    await db?.drop();
  });

  const archived = async (): Promise<{ seq: string; n: string }[]> =>
    (await other.query<{ seq: string; n: string }>('SELECT max(seq)::text AS seq, count(*)::text AS n FROM event_archive')).rows;

  it('given a first batch that saw nothing deferred, then the next is one query and says nothing is left to restore', async () => {
    const first = await writer.apply(batch(0));
    expect(first.settled).toBe(true);
    sent = [];
    const second = await writer.apply(batch(1));
    // A statement the connection has not run yet is prepared first (a round trip), once: later batches EXECUTE it.
    expect(sent.filter((text) => !text.startsWith('PREPARE '))).toHaveLength(1);
    expect(sent.at(-1)).toMatch(/^BEGIN;\n[\s\S]*EXECUTE hub_script_[\s\S]*;\nCOMMIT$/);
    expect(second).toMatchObject({ from: 15, lastSeq: 30, applied: 15, settled: true });
    const preparedBefore = sent.filter((text) => text.startsWith('PREPARE '));
    sent = [];
    expect(await writer.apply(batch(2))).toMatchObject({ from: 30, lastSeq: 45, applied: 15, settled: true });
    expect(sent.filter((text) => !text.startsWith('PREPARE '))).toHaveLength(1);
    const prepared = [...preparedBefore, ...sent.filter((text) => text.startsWith('PREPARE '))].map((text) => text.replace(/^PREPARE \w+ AS /, ''));
    expect(new Set(prepared).size).toBe(prepared.length);
    expect(await archived()).toEqual([{ seq: '45', n: '45' }]);
  });

  it('given another writer moved the checkpoint, then the one query changes nothing and the batch is skipped as applied', async () => {
    await writer.apply(batch(0));
    await commitBatch(other, batch(1), { checkpoint: 'projector', contributionsOf });
    sent = [];
    const outcome = await writer.apply(batch(1));
    expect(sent.filter((text) => !text.startsWith('PREPARE ')).slice(0, 2).map((text) => text.slice(0, 6))).toEqual(['BEGIN;', 'ROLLBA']);
    expect(outcome).toMatchObject({ applied: 0, skipped: 15 });
    expect(await archived()).toEqual([{ seq: '30', n: '30' }]);
    expect(await writer.apply(batch(2))).toMatchObject({ from: 30, lastSeq: 45, applied: 15 });
    expect(await archived()).toEqual([{ seq: '45', n: '45' }]);
  });

  it('given catch-up mode began after the last commit, then the batch is written without the rollup and says so', async () => {
    await writer.apply(batch(0));
    await deferSecondaryIndexes(other, 'projector');
    sent = [];
    const outcome = await writer.apply(batch(1));
    expect(sent.filter((text) => !text.startsWith('PREPARE ')).slice(0, 2).map((text) => text.slice(0, 6))).toEqual(['BEGIN;', 'ROLLBA']);
    expect(outcome).toMatchObject({ from: 15, lastSeq: 30, applied: 15, settled: false });
    const [row] = (await other.query<{ after: string }>("SELECT rollup_deferred_after::text AS after FROM projector_checkpoint WHERE name = 'projector'")).rows;
    expect(row?.after).toBe('15');
    expect(await archived()).toEqual([{ seq: '30', n: '30' }]);
  });
});

// A catch-up from empty tables past the row cache's capacity: rows it evicted are read back when touched again,
// keys it never wrote are known to have no row (WrittenKeys) and are not looked up; the tables end as the careful
// path (every state read from the database) leaves them.
describe('ReadModelWriter with a cache that evicts, from empty tables', () => {
  const BATCH = 25;
  const evictingBatches = chunks(rawMessages(mixedScenario(1_200, { seed: 7, sign: false, corrections: 0.1 })), BATCH);
  let fast: TestDatabase;
  let careful: TestDatabase;

  beforeEach(async () => {
    [fast, careful] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([fast, careful].map(async (db) => (await openReadModels(db.url)).destroy()));
  });

  afterEach(async () => {
    await Promise.all([fast?.drop(), careful?.drop()]);
  });

  const rowsOf = async (client: pg.Client): Promise<Record<string, unknown[]>> => {
    const out: Record<string, unknown[]> = {};
    for (const model of [...STATE_MODELS, ...APPEND_MODELS] as { table: { name: string; list: string } }[]) {
      out[model.table.name] = (await client.query(`SELECT ${model.table.list} FROM ${model.table.name} ORDER BY ${model.table.list}`)).rows;
    }
    return out;
  };

  it('given keys evicted and touched again, then only keys written before are looked up, and the tables equal the careful path', async () => {
    const client = new pg.Client(readModelClientConfig(fast.url));
    const reference = new pg.Client(readModelClientConfig(careful.url));
    await Promise.all([client.connect(), reference.connect()]);
    try {
      const lookedUp: { batch: number; key: string }[] = [];
      let current = 0;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('SELECT t.* FROM unnest(')) {
          const [units, ids] = args[1] as [string[], string[]];
          units.forEach((unit, i) => lookedUp.push({ batch: current, key: `${unit}${KEY_SEPARATOR}${ids[i] ?? ''}` }));
        }
        return query(...args);
      };
      const writer = new ReadModelWriter(client, { checkpoint: 'projector', contributionsOf, lock: true, cacheCapacity: 4 * BATCH });
      await writer.open();
      const touchedBefore: Set<string>[] = [];
      const touched = new Set<string>();
      let base = 0;
      for (const [i, messages] of evictingBatches.entries()) {
        touchedBefore.push(new Set(touched));
        const decoded = decodeBatch(messages, base);
        base = decoded.lastSeq;
        for (const keys of Object.values(touchedKeys(decoded.events))) for (const key of keys.keys()) touched.add(key);
        current = i;
        await writer.apply(messages);
        await commitBatch(reference, messages, { checkpoint: 'projector', contributionsOf });
      }
      await writer.close();

      expect(lookedUp.length).toBeGreaterThan(0);
      expect(lookedUp.filter(({ batch, key }) => !touchedBefore[batch]?.has(key))).toEqual([]);
      expect(await rowsOf(client)).toEqual(await rowsOf(reference));
    } finally {
      await Promise.all([client.end(), reference.end()]);
    }
  });
});
