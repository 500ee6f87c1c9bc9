import type pg from 'pg';
import type { RawMessage } from '@hub/read-models';
import { sqlOf, type Sql } from '@hub/read-models';
import { applyBatch, READ_MODEL_LOCK, type ApplyOptions, type BatchOutcome } from './apply-batch.js';

/** Runs `work` in one transaction on `client`; rolls back on any error (the caller decides about the connection). */
export async function inTransaction<T>(client: pg.ClientBase, work: (sql: Sql) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(sqlOf(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * One batch, one transaction: the read-model lock first (so a blue/green swap is never interleaved with a
 * batch, and every table name below resolves after any swap), then the batch and its checkpoint.
 */
export function commitBatch(client: pg.ClientBase, messages: readonly RawMessage[], options: ApplyOptions): Promise<BatchOutcome> {
  return inTransaction(client, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    return applyBatch(sql, messages, options);
  });
}
