import type pg from 'pg';
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
 */

/** Drops the plain secondary indexes of the current schema and remembers them; returns how many. */
export async function deferSecondaryIndexes(client: pg.ClientBase, checkpoint: string): Promise<number> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(sql);
    await checkpoints.lockForUpdate(checkpoint);
    const admin = new SchemaAdmin(sql);
    const dropped = await admin.dropSecondaryIndexes(await admin.current());
    if (dropped.length > 0) await checkpoints.setDeferredIndexes(checkpoint, [...(await checkpoints.deferredIndexes(checkpoint)), ...dropped]);
    return dropped.length;
  });
}

/** Recreates what deferSecondaryIndexes dropped (if anything); returns how many. */
export async function restoreDeferredIndexes(client: pg.ClientBase, checkpoint: string): Promise<number> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(sql);
    await checkpoints.lockForUpdate(checkpoint);
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
