import type pg from 'pg';
import { APPEND_MODELS, sqlOf, STATE_MODELS, type AppendModel, type FoldContext, type RawMessage, type StateModel, type StateRowsWrite } from '@hub/read-models';
import type { CorruptMessage } from '../projections/decode.js';
import { BatchDecoder, BatchFolder, touchedKeys, type BatchWrites, type CurrentStates, type DuplicateMessage, type TouchedKeys } from '../projections/plan-batch.js';
import { appendModels, stateModels } from './models.js';
import { StateCache } from './state-cache.js';
import { WrittenKeys } from './written-keys.js';

/** What a batch's commit needs of its decoding: where it ends, what it counts, what it records as errors. */
export interface DecodedSummary {
  readonly lastSeq: number;
  readonly applied: number;
  readonly skipped: number;
  readonly corrupt: readonly CorruptMessage[];
  readonly duplicates: readonly DuplicateMessage[];
}

/**
 * Per read model (by its index in APPEND_MODELS / STATE_MODELS, in write order) what the commit sends: COPY text,
 * and for an append model with afterInsert its rows; for a state model the keys of the rows replaced and COPY text.
 */
export interface EncodedRows {
  appended: { model: number; rows: readonly unknown[] | undefined; copy: string }[];
  states: { model: number; write: StateRowsWrite }[];
}

/** A batch decoded, folded and encoded in memory (plain data: it may come from another thread). */
export interface PreparedParts {
  /** The checkpoint this batch was folded on top of. */
  readonly base: number;
  readonly decoded: DecodedSummary;
  readonly rows: EncodedRows;
}

/**
 * The writer's in-memory half (ReadModelWriter): decodes, folds over cached current states and encodes COPY text.
 * Runs in the writer's thread or on a worker thread (prepare-thread.ts); either way the writer tells it what it
 * learns at commit time (invalidate, trim, expect, remember), in the order it learns it.
 */
export interface Preparer {
  /** The read models stand at `lastSeq`; `empty`: every state table was empty (WrittenKeys may start). */
  open(lastSeq: number, empty: boolean): void;
  /** Forget every cached state (the database may differ from what was prepared). */
  invalidate(): void;
  /** A commit is done: evict what the caches hold beyond their capacity. */
  trim(): void;
  /** The next batch follows `lastSeq` (after a careful commit). */
  expect(lastSeq: number): void;
  /** States a careful commit wrote (a warm start for the next batches). */
  remember(writes: BatchWrites): void;
  /** Decodes, folds and encodes `messages` (contiguous, after the previous batch) without writing anything. */
  prepare(messages: readonly RawMessage[]): Promise<PreparedParts>;
  close(): Promise<void>;
}

export interface PreparerOptions {
  contributionsOf: FoldContext['contributionsOf'];
  /** Rows per stateful table kept in memory (see WriterOptions.cacheCapacity). */
  cacheCapacity: number;
  /** The connection that reads rows the cache does not hold (opened on first need). */
  reader: () => Promise<pg.ClientBase>;
}

/** Messages handled between two yields to the event loop in prepare (a few milliseconds of work). */
const SLICE = 250;

/**
 * Lets the event loop run: on the writer's thread the commit in flight needs it to send its next statement as soon as
 * PostgreSQL answers the previous one, or the database would sit idle while this process prepares.
 */
const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Preparation in the calling thread. */
export class BatchPreparer implements Preparer {
  /** One cache per state model, in STATE_MODELS order. */
  private readonly caches: { model: StateModel; cache: StateCache<unknown> }[];
  /** Keys written since the tables were empty (knows nothing unless they were empty at open). */
  private readonly written = new WrittenKeys();
  private expected: number | undefined;
  /** Bumped by invalidate: a batch prepared across one must not fill the fresh caches. */
  private generation = 0;

  constructor(private readonly options: PreparerOptions) {
    this.caches = (STATE_MODELS as readonly StateModel[]).map((model) => ({ model, cache: new StateCache<unknown>(options.cacheCapacity) }));
  }

  open(lastSeq: number, empty: boolean): void {
    this.invalidate();
    this.expected = lastSeq;
    if (empty) this.written.start();
  }

  invalidate(): void {
    this.generation += 1;
    for (const { cache } of this.caches) cache.clear();
    this.written.forget();
  }

  trim(): void {
    for (const { cache } of this.caches) cache.trim();
  }

  expect(lastSeq: number): void {
    this.expected = lastSeq;
  }

  remember(writes: BatchWrites): void {
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

  async prepare(messages: readonly RawMessage[]): Promise<PreparedParts> {
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
    const { lastSeq, events, skipped, corrupt, duplicates } = decoded;
    return { base, decoded: { lastSeq, applied: events.length, skipped, corrupt, duplicates }, rows: await encode(writes) };
  }

  async close(): Promise<void> {
    // The reader connection belongs to whoever gave it (see PreparerOptions.reader).
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
      const reader = sqlOf(await this.options.reader());
      for (const { model, found, missing } of split) for (const [key, state] of await model.rows.findMany(reader, missing)) found.set(key, state);
    }
    return Object.fromEntries(split.map(({ model, found }) => [model.name, found])) as unknown as CurrentStates;
  }
}

async function encode(writes: BatchWrites): Promise<EncodedRows> {
  const appended: EncodedRows['appended'] = [];
  for (const [index, { model, rows }] of appendModels(writes).entries()) {
    const parts: string[] = [];
    for (let i = 0; i < rows.length; i += SLICE) {
      parts.push(model.copyText(rows.slice(i, i + SLICE)));
      await nextTick();
    }
    appended.push({ model: index, rows: model.afterInsert ? rows : undefined, copy: parts.join('') });
  }
  const states: EncodedRows['states'] = [];
  for (const [index, { model, rows }] of stateModels(writes).entries()) {
    states.push({ model: index, write: model.rows.encodeWrite(rows.insert, rows.update) });
    await nextTick();
  }
  return { appended, states };
}

/** The append model at `index` (EncodedRows). */
export const appendModelAt = (index: number): AppendModel => (APPEND_MODELS as readonly AppendModel[])[index] as AppendModel;
/** The state model at `index` (EncodedRows). */
export const stateModelAt = (index: number): StateModel => (STATE_MODELS as readonly StateModel[])[index] as StateModel;
