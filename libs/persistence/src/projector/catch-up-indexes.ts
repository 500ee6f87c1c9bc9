import type pg from 'pg';
import { allCampaigns, ANNEX_ROLLUP_TABLES, AnnexRollupRepository, sqlOf, type Sql } from '@hub/read-models';
import { CheckpointRepository } from '../repositories/checkpoint.repository.js';
import { SchemaAdmin } from '../schema/schema-admin.js';
import { READ_MODEL_LOCK } from './apply-batch.js';
import { inTransaction } from './transaction.js';

/*
 * Catch-up mode. Every plain secondary index costs each COPYed row an index insertion; for a large backlog
 * it is far cheaper to drop them and build each once at the end. The statements to recreate them are
 * stored in the checkpoint row in the same transaction as the drop, so a projector that dies half-way
 * still knows what to rebuild (at its next start, or when it next catches up). Primary keys and unique
 * indexes stay: they keep the data right and serve the batch's lookups. Readers meanwhile get slower
 * queries over stale-anyway data. Runs on the caller's connection (search_path = the live schema), under
 * the read-model lock, so a blue/green swap never interleaves.
 *
 * The annex rollup is deferred the same way: each batch's upsert into the rollup tables costs more
 * than its COPYs, while one GROUP BY over all the contributions written meanwhile is a single pass. The
 * checkpoint row remembers since when (rollup_deferred_after, read by every batch under the row lock, so a
 * second projector instance sees it too); the annex without "as of" shows the figures up to there until
 * the catch-up ends.
 */

/** Drops the plain secondary indexes of the current schema and remembers them; returns how many. */
export async function deferSecondaryIndexes(client: pg.ClientBase, checkpoint: string): Promise<number> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(sql);
    await checkpoints.lockForUpdate(checkpoint);
    const admin = new SchemaAdmin(sql);
    const dropped = await admin.dropSecondaryIndexes(await admin.current());
    await checkpoints.deferRollup(checkpoint);
    if (dropped.length > 0) await checkpoints.setDeferredIndexes(checkpoint, [...(await checkpoints.deferredIndexes(checkpoint)), ...dropped]);
    return dropped.length;
  });
}

/**
 * The tables the restore's own transaction writes (the rollup's, the checkpoint row): their indexes and statistics stay
 * in that transaction. The helper touching one would wait for its commit, which waits for the helper.
 */
const WRITTEN_BY_RESTORE: ReadonlySet<string> = new Set([...ANNEX_ROLLUP_TABLES.map((t) => t.name), 'projector_checkpoint']);

/**
 * A second connection to the same schema for the work of the restore that needs neither the read-model lock nor the
 * checkpoint's transaction; the restore ends it.
 */
export type RestoreHelper = () => Promise<pg.ClientBase & { end(): Promise<void> }>;

/**
 * Recreates what deferSecondaryIndexes dropped (if anything); returns how many.
 *
 * With `helper`, the restore runs on two connections at once (issue 16 §4): it used to be one backend on one core for
 * ~a quarter of a catch-up's time (200k events: rollup 3.4 s, indexes 3.3 s, ANALYZE 2.5 s) while the other core sat
 * idle. The caller's transaction keeps everything that must be atomic with ending the deferral — the lock, the
 * rollup, the rollup tables' own indexes and statistics, the checkpoint row — while the helper builds the other
 * tables' indexes and analyzes them, each statement committed alone. That is safe: those tables are not written by
 * the caller's transaction (no lock between the two: CREATE INDEX takes SHARE, the rollup only reads the
 * contributions), and a definition built by the helper but still listed after a crash is built again IF NOT EXISTS.
 * The helper does not take READ_MODEL_LOCK (the caller holds it for both); a blue/green swap meanwhile waits for the
 * helper's statement in flight on its table locks, and a definition names its schema-qualified table.
 */
export async function restoreDeferredIndexes(client: pg.ClientBase, checkpoint: string, helper?: RestoreHelper): Promise<number> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(sql);
    const lastSeq = await checkpoints.lockForUpdate(checkpoint);
    // IF NOT EXISTS: a definition may be recorded twice, or the index already back by other means (the helper's).
    const definitions = (await checkpoints.deferredIndexes(checkpoint)).map((d) => d.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    const admin = new SchemaAdmin(sql);
    const schema = await admin.current();
    // The helper takes a share only when there are indexes to build (no catch-up ended: nothing to split).
    const split = definitions.length > 0 ? helper : undefined;
    const byHelper = (table: string): boolean => split !== undefined && !WRITTEN_BY_RESTORE.has(table);
    const aside = split === undefined ? undefined : restoreAside(split, schema, definitions.filter((d) => byHelper(indexedTable(d))));
    aside?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    try {
      await rollUpDeferred(sql, checkpoints, checkpoint, lastSeq);
      if (definitions.length === 0) return 0;
      await admin.createIndexes(definitions.filter((d) => !byHelper(indexedTable(d))));
      // Tables that were empty when the catch-up began still have empty-table statistics: the annex rollup
      // was read 4× slower (55 → 13 ms for scope all at 200k events) until autovacuum got round to it.
      await admin.analyze(schema, (table) => !byHelper(table));
    } finally {
      // Whatever the caller's transaction did, the helper's statements end before it does (and its failure fails it).
      await aside;
    }
    await checkpoints.setDeferredIndexes(checkpoint, []);
    return definitions.length;
  });
}

/** The table an index definition (pg_get_indexdef: `CREATE INDEX name ON schema.table USING …`) is on. */
export function indexedTable(definition: string): string {
  const match = /\sON\s+(?:ONLY\s+)?(?:(?:"[^"]+"|[^".\s]+)\.)?(?:"([^"]+)"|([^".\s]+))\s+USING\s/.exec(definition);
  const table = match?.[1] ?? match?.[2];
  if (table === undefined) throw new Error(`no table in index definition: ${definition}`);
  return table;
}

/** The helper's share: `definitions` built, then every table the restore's transaction does not write analyzed; the connection ended. */
async function restoreAside(helper: RestoreHelper, schema: string, definitions: readonly string[]): Promise<void> {
  const client = await helper();
  try {
    const admin = new SchemaAdmin(sqlOf(client));
    await admin.createIndexes(definitions);
    await admin.analyze(schema, (table) => !WRITTEN_BY_RESTORE.has(table));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Rolls up the contributions written while the rollup was deferred (before the indexes come back: the
 * rollup tables' region indexes are among them). Every campaign with a definition file is given its zone;
 * contributions of a campaign without one cannot be reported anyway (as in the rollup's own migration).
 */
async function rollUpDeferred(sql: Sql, checkpoints: CheckpointRepository, checkpoint: string, lastSeq: number): Promise<void> {
  const after = await checkpoints.rollupDeferredAfter(checkpoint);
  if (after === null) return;
  const zones = new Map(allCampaigns().map((d) => [d.id, d.timezone]));
  await new AnnexRollupRepository(sql).rollUp(after, lastSeq, zones);
  await checkpoints.endRollupDeferral(checkpoint);
}
