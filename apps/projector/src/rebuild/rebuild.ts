import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import {
  applyBatch,
  assertSchemaName,
  inTransaction,
  migrateReadModels,
  createReadModelDataSource,
  READ_MODEL_LOCK,
  readModelClientConfig,
  SchemaAdmin,
  sqlOf,
  type ApplyOptions,
} from '@hub/persistence';
import { orderedBatches } from './ordered-batches.js';

/*
 * Blue/green rebuild of the read models — how it works
 * -----------------------------------------------------
 * 1. A fresh schema `<live>_next` is created and migrated, and its plain secondary indexes are dropped
 *    (they are rebuilt once, after the bulk load, which is much cheaper than maintaining them per row).
 * 2. The whole stream is read from sequence 1 with an ordered consumer (ephemeral, no acks: it never
 *    disturbs the live projector's durable consumer) and applied in large batches with the very same
 *    applyBatch as the live projector, checkpoint row named like the live consumer, one transaction per
 *    batch. Meanwhile the live projector keeps serving `<live>` untouched.
 * 3. The indexes are created, and a second pass applies what arrived during the bulk load.
 * 4. The swap: one transaction takes the advisory lock READ_MODEL_LOCK, which every live batch takes
 *    first thing in its own transaction — so no live batch is half-way, and the next one waits. Inside
 *    it, the last few events (up to the stream's end as of now) are applied to `<live>_next`, then
 *    every `<live>` table is locked ACCESS EXCLUSIVE (readers under way finish first; see SchemaAdmin.swap),
 *    `<live>` is renamed `<live>_old` and `<live>_next` renamed `<live>`, and it commits. A reader's
 *    statement thus sees either all old or all new tables, never a half-built model or a mix of both;
 *    connections address tables through search_path=<live>, by name, so the next statement of every
 *    reader and of the waiting live batch resolves to the new schema.
 * 5. The live projector's waiting batch then reads the new schema's checkpoint (the rebuild's position),
 *    skips what the rebuild already applied and continues; a restart would reconcile its durable
 *    consumer to that checkpoint. The old schema is dropped afterwards.
 * A crashed rebuild leaves only `<live>_next` behind, which the next run drops; the live models are never
 * touched before the swap.
 */

export interface RebuildProgress {
  /** Highest sequence applied to the new schema. */
  applied: number;
  /** The stream's last sequence as last seen. */
  total: number;
  phase: 'bulk' | 'indexes' | 'catch-up' | 'swap' | 'done';
}

export interface RebuildOptions {
  nc: NatsConnection;
  databaseUrl: string;
  stream: string;
  /** The live read-model schema; default `projection`. */
  schema?: string;
  /** Checkpoint row name, i.e. the live projector's durable consumer; default `projector`. */
  checkpoint?: string;
  batchSize?: number;
  contributionsOf: ApplyOptions['contributionsOf'];
  onProgress?: (progress: RebuildProgress) => void;
  /**
   * Called inside the swap transaction, after the read-model lock is taken and before the last events are
   * applied (a seam for tests that publish while the swap holds the lock).
   */
  onLocked?: () => Promise<void>;
}

export interface RebuildResult {
  schema: string;
  lastSeq: number;
  events: number;
}

async function streamLastSeq(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  return (await jsm.streams.info(stream)).state.last_seq;
}

/** Rebuilds every read model from sequence 1 into a fresh schema and swaps it in (see the comment above). */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const live = assertSchemaName(options.schema ?? 'projection');
  const next = assertSchemaName(`${live}_next`);
  const retired = assertSchemaName(`${live}_old`);
  const batchSize = options.batchSize ?? 5_000;
  const apply: ApplyOptions = { checkpoint: options.checkpoint ?? 'projector', contributionsOf: options.contributionsOf };
  const js = jetstream(options.nc);

  const admin = new pg.Client(readModelClientConfig(options.databaseUrl, 'public', 'hub-rebuild-admin'));
  const writer = new pg.Client(readModelClientConfig(options.databaseUrl, next, 'hub-rebuild'));
  await admin.connect();
  try {
    const schemas = new SchemaAdmin(sqlOf(admin));
    await schemas.drop(next);
    const dataSource = createReadModelDataSource(options.databaseUrl, { schema: next, poolSize: 1, applicationName: 'hub-rebuild-migrate' });
    await dataSource.initialize();
    try {
      await migrateReadModels(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const indexes = await schemas.dropSecondaryIndexes(next);

    await writer.connect();
    // The stream is the source of truth for a rebuild and a crashed rebuild starts over, so its commits
    // need not wait for the WAL flush.
    await writer.query('SET synchronous_commit = off');
    let applied = 0;
    let events = 0;
    let total = await streamLastSeq(options.nc, options.stream);
    const report = (phase: RebuildProgress['phase']): void => options.onProgress?.({ applied, total: Math.max(total, applied), phase });
    const catchUp = async (phase: 'bulk' | 'catch-up'): Promise<void> => {
      for await (const batch of orderedBatches(js, { stream: options.stream, fromSeq: applied + 1, batchSize })) {
        const outcome = await inTransaction(writer, (sql) => applyBatch(sql, batch, apply));
        applied = outcome.lastSeq;
        events += outcome.applied;
        total = Math.max(total, applied);
        report(phase);
      }
    };

    report('bulk');
    await catchUp('bulk');
    report('indexes');
    await schemas.createIndexes(indexes);
    await schemas.analyze(next);
    total = await streamLastSeq(options.nc, options.stream);
    report('catch-up');
    await catchUp('catch-up');

    report('swap');
    await inTransaction(writer, async (sql) => {
      await sql.query('SET LOCAL synchronous_commit = on'); // the swap itself must be durable
      await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
      await options.onLocked?.();
      const end = await streamLastSeq(options.nc, options.stream);
      for await (const batch of orderedBatches(js, { stream: options.stream, fromSeq: applied + 1, batchSize, untilSeq: end })) {
        const outcome = await applyBatch(sql, batch, apply);
        applied = outcome.lastSeq;
        events += outcome.applied;
      }
      total = Math.max(total, applied);
      await new SchemaAdmin(sql).swap(live, next, retired);
    });
    await schemas.drop(retired);
    report('done');
    return { schema: live, lastSeq: applied, events };
  } finally {
    await writer.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

