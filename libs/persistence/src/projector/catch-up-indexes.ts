import type pg from 'pg';
import { allCampaigns, AnnexRollupRepository, type Sql } from '@hub/read-models';
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

/** Recreates what deferSecondaryIndexes dropped (if anything); returns how many. */
export async function restoreDeferredIndexes(client: pg.ClientBase, checkpoint: string): Promise<number> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(sql);
    const lastSeq = await checkpoints.lockForUpdate(checkpoint);
    await rollUpDeferred(sql, checkpoints, checkpoint, lastSeq);
    const definitions = await checkpoints.deferredIndexes(checkpoint);
    if (definitions.length === 0) return 0;
    // IF NOT EXISTS: a definition may be recorded twice, or the index already back by other means.
    const admin = new SchemaAdmin(sql);
    await admin.createIndexes(definitions.map((d) => d.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')));
    // Tables that were empty when the catch-up began still have empty-table statistics: the annex rollup
    // was read 4× slower (55 → 13 ms for scope all at 200k events) until autovacuum got round to it.
    await admin.analyze(await admin.current());
    await checkpoints.setDeferredIndexes(checkpoint, []);
    return definitions.length;
  });
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
