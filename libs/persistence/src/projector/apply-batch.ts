import { copyInto, EventArchiveRepository, type FoldContext, type RawMessage, type Sql } from '@hub/read-models';
import { decodeBatch, dropKnownIds, foldBatch, touchedKeys, type BatchWrites } from '../projections/plan-batch.js';
import { CheckpointRepository } from '../repositories/checkpoint.repository.js';
import { ProjectionErrorRepository } from '../repositories/projection-error.repository.js';
import { appendModels, currentStates, stateModels } from './models.js';

/**
 * Advisory lock every projector batch takes (transaction-scoped) before touching the read models, and a
 * rebuild takes to apply its last events and swap schemas: while the swap holds it no batch can be
 * half-way through the tables being swapped.
 */
export const READ_MODEL_LOCK = 0x68756270; // "hubp"

export interface ApplyOptions {
  /** Checkpoint row name (the durable consumer's name). */
  checkpoint: string;
  /** What each event adds to the annex, for every campaign the hub reports on. */
  contributionsOf: FoldContext['contributionsOf'];
  /**
   * Called half-way through the writes (append-only tables written, stateful rows and checkpoint not yet):
   * a seam for fault-injection tests that kill the connection mid-batch. Not for production logic.
   */
  onPartialWrite?: (batch: { from: number; lastSeq: number }) => Promise<void>;
}

export interface BatchOutcome {
  /** The checkpoint found at the start of the batch. */
  from: number;
  /** The checkpoint at the end (the highest sequence handled). */
  lastSeq: number;
  applied: number;
  /** At or below the checkpoint: applied by an earlier delivery. */
  skipped: number;
  corrupt: number;
  duplicates: number;
  /**
   * The batch's transaction saw catch-up mode defer nothing (no rollup, no secondary indexes): nothing to restore
   * after it. Absent when the batch did not look (the careful path).
   */
  settled?: boolean;
}

/**
 * Applies a batch of stream messages (contiguous, in stream order) to the read models, inside the
 * caller's transaction on `sql`, and moves the checkpoint in that same transaction. Exactly-once effect:
 * - messages at or below the checkpoint are skipped (a redelivery after a crash between commit and ack);
 * - an id already in the archive (or earlier in the batch) is skipped and recorded as a duplicate;
 * - a corrupt message is recorded in projection_errors and passed, so it can never block the log.
 * Stateful rows are read once per table, folded in memory and written once; everything appended goes by COPY.
 */
export async function applyBatch(sql: Sql, messages: readonly RawMessage[], options: ApplyOptions): Promise<BatchOutcome> {
  return (await applyBatchWithWrites(sql, messages, options)).outcome;
}

/** applyBatch, also returning what it wrote (the states let a cache start warm). */
export async function applyBatchWithWrites(sql: Sql, messages: readonly RawMessage[], options: ApplyOptions): Promise<{ outcome: BatchOutcome; writes: BatchWrites | undefined }> {
  const checkpoints = new CheckpointRepository(sql);
  const from = await checkpoints.lockForUpdate(options.checkpoint);
  const decoded = decodeBatch(messages, from);
  const outcome: BatchOutcome = { from, lastSeq: decoded.lastSeq, applied: 0, skipped: decoded.skipped, corrupt: 0, duplicates: 0 };
  if (decoded.lastSeq === from) return { outcome, writes: undefined };

  const archive = new EventArchiveRepository(sql);
  const batch = dropKnownIds(decoded, await archive.knownIds(decoded.events.map((e) => e.event.id)));
  const keys = touchedKeys(batch.events);
  const writes = foldBatch(batch.events, await currentStates(sql, keys), options.contributionsOf);

  // Catch-up mode defers the rollup (afterInsert) to one statement at its end (catch-up-indexes.ts).
  const rollUp = (await checkpoints.rollupDeferredAfter(options.checkpoint)) === null;
  for (const { model, rows } of appendModels(writes)) {
    await copyInto(sql, model.table, model.copyText(rows));
    if (rollUp) await model.afterInsert?.(sql, { from, lastSeq: batch.lastSeq }, rows);
  }
  await options.onPartialWrite?.({ from, lastSeq: batch.lastSeq });
  // Existing rows are deleted and every row the batch writes goes in by one COPY per table.
  for (const { model, rows } of stateModels(writes)) await model.rows.write(sql, model.rows.encodeWrite(rows.insert, rows.update));
  await new ProjectionErrorRepository(sql).record(batch.corrupt, batch.duplicates);
  await checkpoints.advance(options.checkpoint, batch.lastSeq);

  return { outcome: { ...outcome, applied: batch.events.length, corrupt: batch.corrupt.length, duplicates: batch.duplicates.length }, writes };
}
