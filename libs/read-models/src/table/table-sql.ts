import { CopyWriter } from './copy-text.js';
import { camel, type Columns, type Table } from './define-table.js';
import type { RowCodec } from './row-codec.js';
import type { CopyRows, Sql } from './sql.js';

/** Separates the two parts of a row key (`<unit>\u0000<id>`, see stateKey). */
export const KEY_SEPARATOR = '\u0000';

/**
 * What one batch writes to a state table: the keys of the rows it replaces (their two key columns, as the
 * DELETE's arrays; null when it replaces none) and the COPY text of every row it writes, new or replacing.
 */
export interface StateRowsWrite {
  readonly replaced: readonly [string[], string[]] | null;
  readonly copy: Buffer;
}

/**
 * The statements of a table whose rows are states keyed by two text columns (leads, referrals, cases):
 * batch lookup by key, and the batch's rows written as one DELETE of the rows they replace and one COPY.
 */
export class StateTableSql<S, C extends Columns = Columns> {
  private readonly select: string;
  private readonly remove: string;
  private readonly keyFields: readonly [string, string];

  constructor(
    readonly table: Table<C>,
    readonly codec: RowCodec<S>,
  ) {
    const [a, b] = table.keyColumns;
    if (a === undefined || b === undefined || table.keyColumns.length !== 2) throw new TypeError(`${table.name}: a state table is keyed by two columns`);
    this.keyFields = [camel(a), camel(b)];
    this.select = `SELECT t.* FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ${table.list} FROM ${table.name} WHERE ${a} = k.a AND ${b} = k.b) t`;
    // Replacing a row is deleting it and COPYing its new state with the batch's new rows: one COPY per table and
    // batch. The rewrite it replaces (INSERT … SELECT FROM jsonb_to_recordset … ON CONFLICT DO UPDATE: the JSON
    // document parsed, each field converted, the conflict path per row) was the third-largest statement of a
    // catch-up, for the cases rewritten through their lifecycle: 6.4 µs of PostgreSQL CPU per event of a
    // 200k-event catch-up, against 2.7 for the DELETE and the rows' share of the COPY. The row's ctid comes from
    // a primary-key probe per key (a join could choose to scan the whole table), and the delete finds each row by it.
    this.remove = `DELETE FROM ${table.name} WHERE ctid = ANY (ARRAY(
       SELECT t.ctid FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ctid FROM ${table.name} WHERE ${a} = k.a AND ${b} = k.b) t))`;
  }

  /** The key of a state: its two key columns' values joined by KEY_SEPARATOR. */
  stateKey(state: S): string {
    const s = state as Record<string, unknown>;
    return `${String(s[this.keyFields[0]])}${KEY_SEPARATOR}${String(s[this.keyFields[1]])}`;
  }

  /** The current states of the given keys (stateKey form), in one query. */
  async findMany(sql: Sql, keys: Iterable<string>): Promise<Map<string, S>> {
    const firsts: string[] = [];
    const seconds: string[] = [];
    for (const key of keys) {
      const at = key.indexOf(KEY_SEPARATOR);
      firsts.push(key.slice(0, at));
      seconds.push(key.slice(at + 1));
    }
    const found = new Map<string, S>();
    if (firsts.length === 0) return found;
    for (const row of await sql.query(this.select, [firsts, seconds])) {
      const state = this.codec.fromRow(row);
      found.set(this.stateKey(state), state);
    }
    return found;
  }

  /** What writing `inserted` (no row yet) and `updated` (replacing their rows) takes (pure: computed while the previous batch is written). */
  encodeWrite(inserted: readonly S[], updated: readonly S[]): StateRowsWrite {
    const copy = new CopyWriter(inserted.length + updated.length).lines(inserted, this.codec.line).lines(updated, this.codec.line).bytes;
    if (updated.length === 0) return { replaced: null, copy };
    const firsts: string[] = [];
    const seconds: string[] = [];
    for (const state of updated) {
      const s = state as Record<string, unknown>;
      firsts.push(String(s[this.keyFields[0]]));
      seconds.push(String(s[this.keyFields[1]]));
    }
    return { replaced: [firsts, seconds], copy };
  }

  /** Deletes the rows the write replaces, then COPYs every row it writes. */
  async write(sql: Sql, rows: StateRowsWrite): Promise<void> {
    if (rows.replaced !== null) await sql.query(this.remove, rows.replaced);
    await copyInto(sql, this.table, rows.copy);
  }
}

/** COPY of an append-only table's rows. */
export async function copyInto(sql: Sql, table: Table, rows: CopyRows): Promise<void> {
  await sql.copyFrom(`${table.name} (${table.list})`, rows);
}
