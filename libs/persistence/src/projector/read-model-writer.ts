import type pg from 'pg';
import { copyInto, sqlOf, SqlScript, STATE_MODELS, type AppendModel, type RawMessage, type Sql, type StateModel, type StateRowsWrite } from '@hub/read-models';
import { BatchDecoder, BatchFolder, touchedKeys, type BatchWrites, type CurrentStates, type DecodedBatch, type TouchedKeys } from '../projections/plan-batch.js';
import { CheckpointRepository, isNotSettled } from '../repositories/checkpoint.repository.js';
import { ProjectionErrorRepository } from '../repositories/projection-error.repository.js';
import { applyBatchWithWrites, READ_MODEL_LOCK, type ApplyOptions, type BatchOutcome } from './apply-batch.js';
import { appendModels, stateModels } from './models.js';
import { StateCache } from './state-cache.js';
import { WrittenKeys } from './written-keys.js';

export interface WriterOptions extends ApplyOptions {
  /** Take READ_MODEL_LOCK in every batch transaction (the live projector; not a rebuild's private schema). */
  lock: boolean;
  /**
   * Rows per stateful table kept in memory; must hold at least four batches (2,000 messages each by default; the projection loop grows it with a larger batch).
   * Default 10,000: at 100,000 the live projector held ~100 MiB of lead and annex rows (and each annex record's
   * event) after ~80k events of the bench (issue 16: the launched hub ≤ 2 GiB RSS). Past the capacity a batch
   * reads the keys it does not hold from PostgreSQL, as after every restart on non-empty tables.
   */
  cacheCapacity?: number;
  /**
   * A second connection to load rows the cache does not hold (opened on first need). Required to pipeline
   * (prepare while a commit is in flight); without it misses are read on the writer's own connection.
   */
  connectReader?: () => Promise<pg.Client>;
  /** Up to this much COPY text (bytes) a batch may go in one round trip (default ONE_TRIP_MAX_COPY_BYTES; 0: never). */
  oneTripMaxBytes?: number;
}

/** A batch decoded, folded and encoded in memory, ready for one transaction. */
export interface PreparedBatch {
  readonly messages: readonly RawMessage[];
  /** The checkpoint this batch was folded on top of. */
  readonly base: number;
  /** The writer's generation when prepared; a stale one is applied the careful way. */
  readonly generation: number;
  readonly decoded: DecodedBatch;
  readonly rows: EncodedRows;
}

/** Per read model, in write order, what the commit sends: COPY text (and, for afterInsert, the rows), or the keys of the rows replaced and COPY text. */
interface EncodedRows {
  appended: { model: AppendModel; rows: readonly unknown[]; copy: Buffer }[];
  states: { model: StateModel; write: StateRowsWrite }[];
}

/** See WriterOptions.cacheCapacity. */
export const DEFAULT_CACHE_ROWS = 10_000;

/**
 * Up to this much COPY text a batch is sent in one round trip (SqlScript: its rows as INSERT … VALUES), above it
 * the COPY way. A caught-up batch under single-event requests is a dozen events (~20 KiB); one of a catch-up,
 * 2,000 events (~3 MiB), is parsed faster by COPY, whose round trips do not matter at that size.
 */
export const ONE_TRIP_MAX_COPY_BYTES = 256 * 1024;

const UNIQUE_VIOLATION = '23505';
const isDuplicateId = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION && (error as { constraint?: string }).constraint === 'event_archive_id_key';

/**
 * Writes batches of stream messages to the read models fast, with the exactly-once effect of applyBatch.
 *
 * Each batch goes in two steps so the projector can overlap them: `prepare` does all the CPU work in
 * memory (decode, fold over cached current states, encode COPY text) while the previous batch is still
 * being written; `commit` is one transaction of one COPY per table (and one DELETE per state table of the
 * rows the batch replaces). The cache is speculative:
 * `prepare` assumes every earlier batch commits. `commit` therefore checks, under the checkpoint's row
 * lock, that the checkpoint and the schema are exactly what the batch was prepared on, and the archive's
 * unique index catches an id stored before; on any disagreement (a retried event, a blue/green swap,
 * another writer) it rolls back, drops the cache and applies the batch the careful way (applyBatch:
 * states and known ids read from the database). Batches prepared before that are stale (generation) and
 * go the careful way too.
 *
 * When the writer started on empty tables it also knows which keys it has never written (WrittenKeys): those
 * have no row, so catching up from zero looks up only keys it wrote and evicted. Other misses are read from
 * a second connection, which sees exactly the committed state those keys have (keys of batches still in
 * flight are always cached: eviction happens only after a commit and keeps the newest entries).
 */
export class ReadModelWriter {
  private readonly sql: Sql;
  /** One cache per state model, in STATE_MODELS order. */
  private readonly caches: { model: StateModel; cache: StateCache<unknown> }[];
  /** Keys written since the tables were empty (knows nothing unless the writer started on empty tables). */
  private readonly written = new WrittenKeys();
  private schema = '';
  private expected: number | undefined;
  private generation = 0;
  private careful: Promise<unknown> | undefined;
  private reader: Promise<pg.Client> | undefined;
  /**
   * The last commit saw catch-up mode defer nothing (no rollup, no indexes): the next batch may go in one round
   * trip, which asserts that instead of reading it. False until a commit has looked (after open, a careful commit).
   */
  private settled = false;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly options: WriterOptions,
  ) {
    this.sql = sqlOf(client);
    const capacity = options.cacheCapacity ?? DEFAULT_CACHE_ROWS;
    this.caches = (STATE_MODELS as readonly StateModel[]).map((model) => ({ model, cache: new StateCache<unknown>(capacity) }));
  }

  /** Learns where the read models stand; returns the checkpoint. Call once, before the first prepare. */
  async open(): Promise<number> {
    const position = await new CheckpointRepository(this.sql).position(this.options.checkpoint);
    this.invalidate();
    this.expected = position.lastSeq;
    this.schema = position.schema;
    if (position.empty) this.written.start();
    return position.lastSeq;
  }

  /** Ends the reader connection, if one was opened (the writer's own connection belongs to the caller). */
  async close(): Promise<void> {
    const reader = await this.reader?.catch(() => undefined);
    this.reader = undefined;
    await reader?.end().catch(() => undefined);
  }

  /** Decodes, folds and encodes `messages` (contiguous, after the previous batch) without writing anything. */
  async prepare(messages: readonly RawMessage[]): Promise<PreparedBatch> {
    await this.careful; // rows a careful commit is writing are not known until it is done
    const base = this.expected;
    if (base === undefined) throw new Error('ReadModelWriter.open() must come first');
    const generation = this.generation;
    const decoder = new BatchDecoder(base);
    for (let i = 0; i < messages.length; i += SLICE) {
      decoder.add(messages.slice(i, i + SLICE));
      await nextTick();
    }
    const decoded = decoder.batch;
    this.expected = decoded.lastSeq;
    const current = await this.currentStates(touchedKeys(decoded.events));
    const folder = new BatchFolder(current, this.options.contributionsOf);
    for (let i = 0; i < decoded.events.length; i += SLICE) {
      folder.add(decoded.events.slice(i, i + SLICE));
      await nextTick();
    }
    const writes = folder.writes();
    if (generation === this.generation) this.remember(writes);
    return { messages, base, generation, decoded, rows: await encode(writes) };
  }

  /** Writes a prepared batch in one transaction; see the class comment for when it falls back to applyBatch. */
  async commit(prepared: PreparedBatch): Promise<BatchOutcome> {
    try {
      if (prepared.generation === this.generation) {
        const outcome = (this.fitsOneTrip(prepared) ? await this.commitInOneTrip(prepared) : undefined) ?? (await this.commitPrepared(prepared));
        if (outcome !== undefined) {
          this.trim();
          return outcome;
        }
      }
      const careful = this.commitCarefully(prepared.messages);
      this.careful = careful.catch(() => undefined);
      return await careful;
    } catch (error) {
      this.invalidate();
      throw error;
    }
  }

  /** prepare + commit, for callers that do not pipeline. */
  async apply(messages: readonly RawMessage[]): Promise<BatchOutcome> {
    return this.commit(await this.prepare(messages));
  }

  private invalidate(): void {
    this.generation += 1;
    for (const { cache } of this.caches) cache.clear();
    this.written.forget();
    this.settled = false;
  }

  private trim(): void {
    for (const { cache } of this.caches) cache.trim();
  }

  private remember(writes: BatchWrites): void {
    const written = stateModels(writes);
    this.caches.forEach(({ model, cache }, i) => {
      const rows = written[i]?.rows;
      if (rows === undefined) return;
      for (const s of rows.insert) {
        const key = model.rows.stateKey(s);
        cache.set(key, s);
        this.written.add(i, key);
      }
      for (const s of rows.update) cache.set(model.rows.stateKey(s), s);
    });
  }

  private async currentStates(keys: TouchedKeys): Promise<CurrentStates> {
    const wanted = keys as Record<string, ReadonlyMap<string, unknown>>;
    const split = this.caches.map(({ model, cache }, i) => {
      const found = new Map<string, unknown>();
      const missing: string[] = [];
      for (const key of wanted[model.name]?.keys() ?? []) {
        const state = cache.get(key);
        if (state !== undefined) found.set(key, state);
        else if (!this.written.absent(i, key)) missing.push(key);
      }
      return { model, found, missing };
    });
    if (split.some((s) => s.missing.length > 0)) {
      const reader = sqlOf(await this.readerClient());
      for (const { model, found, missing } of split) for (const [key, state] of await model.rows.findMany(reader, missing)) found.set(key, state);
    }
    return Object.fromEntries(split.map(({ model, found }) => [model.name, found])) as unknown as CurrentStates;
  }

  private readerClient(): Promise<pg.ClientBase> {
    const connect = this.options.connectReader;
    if (!connect) return Promise.resolve(this.client);
    this.reader ??= connect();
    return this.reader;
  }

  /** Whether the batch may go in one round trip: small, nothing deferred at the last commit, no test seam between its writes. */
  private fitsOneTrip(prepared: PreparedBatch): boolean {
    if (!this.settled || this.options.onPartialWrite !== undefined) return false;
    let bytes = 0;
    for (const { copy } of prepared.rows.appended) bytes += copy.length;
    for (const { write } of prepared.rows.states) bytes += write.copy.length;
    return bytes <= (this.options.oneTripMaxBytes ?? ONE_TRIP_MAX_COPY_BYTES);
  }

  /**
   * The fast path in one round trip: the transaction, its lock, the checkpoint's check, every write and the COMMIT as
   * one simple query. Undefined (nothing written) when the check fails or an id is already stored: the statement-by-
   * statement path then looks at what differs.
   */
  private async commitInOneTrip(prepared: PreparedBatch): Promise<BatchOutcome | undefined> {
    const { options } = this;
    const { decoded, rows } = prepared;
    const batch = { from: prepared.base, lastSeq: decoded.lastSeq };
    // Prepared: the same statements go batch after batch, and planning the rollup alone cost ~1 ms per batch.
    const script = new SqlScript({ prepare: true }).add('BEGIN');
    if (options.lock) script.add('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
    const checkpoints = new CheckpointRepository(script.sql);
    await checkpoints.assertSettledAt(options.checkpoint, prepared.base, this.schema);
    for (const { model, rows: appended, copy } of rows.appended) {
      await copyInto(script.sql, model.table, copy);
      await model.afterInsert?.(script.sql, batch, appended);
    }
    for (const { model, write } of rows.states) await model.rows.write(script.sql, write);
    await new ProjectionErrorRepository(script.sql).record(decoded.corrupt, decoded.duplicates);
    if (decoded.lastSeq !== prepared.base) await checkpoints.advance(options.checkpoint, decoded.lastSeq);
    try {
      await script.add('COMMIT').run(this.client);
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      if (isNotSettled(error) || isDuplicateId(error)) return undefined;
      throw error;
    }
    return outcomeOf(prepared, true);
  }

  /** The fast path statement by statement; undefined when the database disagrees with the preparation (nothing written then). */
  private async commitPrepared(prepared: PreparedBatch): Promise<BatchOutcome | undefined> {
    const { sql, options } = this;
    const { decoded, rows } = prepared;
    await this.client.query('BEGIN');
    try {
      if (options.lock) await sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
      const checkpoints = new CheckpointRepository(sql);
      const at = await checkpoints.lockForUpdateWithSchema(options.checkpoint);
      if (at.lastSeq !== prepared.base || at.schema !== this.schema) {
        await this.client.query('ROLLBACK');
        return undefined;
      }
      this.settled = !at.rollupDeferred && !at.indexesDeferred;
      const batch = { from: prepared.base, lastSeq: decoded.lastSeq };
      for (const { model, rows: appended, copy } of rows.appended) {
        try {
          await copyInto(sql, model.table, copy);
        } catch (error) {
          if (!isDuplicateId(error)) throw error;
          await this.client.query('ROLLBACK');
          return undefined;
        }
        if (!at.rollupDeferred) await model.afterInsert?.(sql, batch, appended);
      }
      await options.onPartialWrite?.(batch);
      for (const { model, write } of rows.states) await model.rows.write(sql, write);
      await new ProjectionErrorRepository(sql).record(decoded.corrupt, decoded.duplicates);
      if (decoded.lastSeq !== prepared.base) await checkpoints.advance(options.checkpoint, decoded.lastSeq);
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return outcomeOf(prepared, this.settled);
  }

  /** The careful path: applyBatch reads everything it needs from the database; the cache restarts from its result. */
  private async commitCarefully(messages: readonly RawMessage[]): Promise<BatchOutcome> {
    this.invalidate();
    const { options } = this;
    await this.client.query('BEGIN');
    try {
      if (options.lock) await this.sql.query('SELECT pg_advisory_xact_lock($1)', [READ_MODEL_LOCK]);
      const { outcome, writes } = await applyBatchWithWrites(this.sql, messages, options);
      const [schema] = await this.sql.query<{ oid: string }>('SELECT oid::text AS oid FROM pg_namespace WHERE nspname = current_schema()');
      await this.client.query('COMMIT');
      this.invalidate();
      this.schema = schema?.oid ?? '';
      this.expected = outcome.lastSeq;
      if (writes) this.remember(writes);
      return outcome;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

function outcomeOf(prepared: PreparedBatch, settled: boolean): BatchOutcome {
  const { decoded } = prepared;
  return {
    from: prepared.base,
    lastSeq: decoded.lastSeq,
    applied: decoded.events.length,
    skipped: decoded.skipped,
    corrupt: decoded.corrupt.length,
    duplicates: decoded.duplicates.length,
    settled,
  };
}

/** Messages handled between two yields to the event loop in prepare (a few milliseconds of work). */
const SLICE = 250;

/**
 * Lets the event loop run: the commit in flight needs it to send its next statement as soon as PostgreSQL
 * answers the previous one, or the database would sit idle while this process prepares.
 */
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function encode(writes: BatchWrites): Promise<EncodedRows> {
  const appended: EncodedRows['appended'] = [];
  for (const { model, rows } of appendModels(writes)) {
    const parts: Buffer[] = [];
    for (let i = 0; i < rows.length; i += SLICE) {
      parts.push(model.copyText(rows.slice(i, i + SLICE)));
      await nextTick();
    }
    appended.push({ model, rows, copy: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts) });
  }
  const states: EncodedRows['states'] = [];
  for (const { model, rows } of stateModels(writes)) {
    states.push({ model, write: model.rows.encodeWrite(rows.insert, rows.update) });
    await nextTick();
  }
  return { appended, states };
}
