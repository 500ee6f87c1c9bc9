import type { AnnexRecord } from '@hub/domain';
import type { ContributionsOf } from '../annex/annex.evolve.js';
import type { Columns, CoversColumns, MatchesColumns, Table } from './define-table.js';
import type { PositionedEvent } from './positioned-event.js';
import { rowCodec } from './row-codec.js';
import type { Sql } from './sql.js';
import { StateTableSql } from './table-sql.js';

/** What folding a batch needs beyond the events (passed by the projector, the rebuild and the specs). */
export interface FoldContext {
  /** What each event adds to the annex, for every campaign the hub reports on. */
  contributionsOf: ContributionsOf;
  /**
   * The state of the annex record `e` creates, corrects or voids, before `e` (annex_records as folded so far
   * in the batch): what a correction's delta rows subtract. Given by the batch folder.
   */
  annexRecordBefore(e: PositionedEvent): AnnexRecord | undefined;
}

/**
 * A read model whose rows are appended, never changed: each event adds zero or more rows (the archive,
 * tallies, annex contributions). Written by COPY.
 */
export interface AppendModel<R = unknown, N extends string = string> {
  readonly kind: 'append';
  readonly name: N;
  readonly table: Table;
  /** Pushes the rows `e` adds onto `into` (pure). */
  collect(e: PositionedEvent, context: FoldContext, into: R[]): void;
  /** COPY text of rows (pure; UTF-8). */
  copyText(rows: readonly R[]): Buffer;
  /**
   * Work in the same transaction after the batch's rows are in (the annex rollup); `from` is the batch's base
   * checkpoint. Skipped while catch-up mode defers the rollup (the persistence lib's catch-up-indexes.ts).
   */
  afterInsert?(sql: Sql, batch: { from: number; lastSeq: number }, rows: readonly R[]): Promise<void>;
}

/** A read model with one current state per key (leads, referrals, cases): folded by `evolve`, written once per batch. */
export interface StateModel<S = unknown, N extends string = string> {
  readonly kind: 'state';
  readonly name: N;
  readonly table: Table;
  /** Lookup, COPY and upsert of the table's rows. */
  readonly rows: StateTableSql<S>;
  /** The row an event is about (stateKey form), or undefined when this model ignores it. */
  keyOf(e: PositionedEvent): string | undefined;
  evolve(state: S | undefined, e: PositionedEvent): S;
}

export type ReadModel = AppendModel | StateModel;

/** A state model; its state type must have exactly the table's columns as fields (camelCase). */
export function stateModel<const N extends string, S, C extends Columns>(
  model: {
    name: N;
    table: Table<C>;
    keyOf: (e: PositionedEvent) => string | undefined;
    evolve: (state: S | undefined, e: PositionedEvent) => S;
  } & MatchesColumns<S, C>,
): StateModel<S, N> {
  return { kind: 'state', name: model.name, table: model.table, rows: new StateTableSql(model.table, rowCodec<S, C>(model.table)), keyOf: model.keyOf, evolve: model.evolve };
}

interface AppendParts<R, N extends string, C extends Columns> {
  name: N;
  table: Table<C>;
  collect: (e: PositionedEvent, context: FoldContext, into: R[]) => void;
  afterInsert?: (sql: Sql, batch: { from: number; lastSeq: number }, rows: readonly R[]) => Promise<void>;
}

/** An append model whose rows' fields are the table's columns (the COPY encoder is derived). */
export function appendModel<const N extends string, R, C extends Columns>(model: AppendParts<R, N, C> & CoversColumns<R, C>): AppendModel<R, N> {
  return appendModelEncodedBy(model, rowCodec<R, C>(model.table).copyText);
}

/** An append model with a hand-written encoder, for a table whose columns are not its rows' fields (the archive). */
export function appendModelEncodedBy<const N extends string, R, C extends Columns>(model: AppendParts<R, N, C>, copyText: (rows: readonly R[]) => Buffer): AppendModel<R, N> {
  return {
    kind: 'append',
    name: model.name,
    table: model.table,
    collect: model.collect,
    copyText,
    ...(model.afterInsert ? { afterInsert: model.afterInsert } : {}),
  };
}

export type StateOf<M> = M extends StateModel<infer S> ? S : never;
export type RowsOf<M> = M extends AppendModel<infer R> ? R : never;
