import { camel, type Columns, type SqlType, type Table } from './define-table.js';
import type { RowCodec } from './row-codec.js';
import type { Sql } from './sql.js';

/** jsonb_to_recordset's column types (the record type of `r(...)`). */
const RECORD_TYPE: Readonly<Record<SqlType, string>> = {
  text: 'text',
  uuid: 'uuid',
  integer: 'integer',
  bigint: 'bigint',
  'numeric(14,2)': 'numeric',
  'double precision': 'double precision',
  boolean: 'boolean',
  timestamptz: 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  'text[]': 'text[]',
};

/** `a text, b timestamptz, …`: the record type of the table's rows for jsonb_to_recordset. */
export function recordType(table: Table): string {
  return table.columnNames.map((c) => `${c} ${RECORD_TYPE[(table.columns[c] as { type: SqlType }).type]}`).join(', ');
}

/** `a = EXCLUDED.a, b = EXCLUDED.b` for INSERT … ON CONFLICT DO UPDATE. */
export function assignments(columns: readonly string[]): string {
  return columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
}

/** Separates the two parts of a row key (`<unit>\u0000<id>`, see stateKey). */
export const KEY_SEPARATOR = '\u0000';

/**
 * The statements of a table whose rows are states keyed by two text columns (leads, referrals, cases):
 * batch lookup by key, COPY of new rows, and rewrite of existing rows.
 */
export class StateTableSql<S, C extends Columns = Columns> {
  private readonly select: string;
  private readonly upsert: string;
  private readonly keyFields: readonly [string, string];

  constructor(
    readonly table: Table<C>,
    readonly codec: RowCodec<S>,
  ) {
    const [a, b] = table.keyColumns;
    if (a === undefined || b === undefined || table.keyColumns.length !== 2) throw new TypeError(`${table.name}: a state table is keyed by two columns`);
    this.keyFields = [camel(a), camel(b)];
    this.select = `SELECT t.* FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ${table.list} FROM ${table.name} WHERE ${a} = k.a AND ${b} = k.b) t`;
    // ON CONFLICT probes the primary key per row: an UPDATE … FROM would hash-join a full scan of the table.
    this.upsert = `INSERT INTO ${table.name} (${table.list}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${recordType(table)})
       ON CONFLICT (${a}, ${b}) DO UPDATE SET ${assignments(table.columnNames.filter((c) => !table.columns[c]?.key))}`;
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

  /** COPY text of new rows (pure: computed while the previous batch is still being written). */
  insertRows(states: readonly S[]): string {
    return this.codec.copyText(states);
  }

  /** New rows, by COPY (the catch-up path: most events of an aggregate's first batch create it). */
  async insert(sql: Sql, rows: string): Promise<void> {
    await copyInto(sql, this.table, rows);
  }

  /** The JSON document `update` takes (pure). */
  updateRows(states: readonly S[]): string | null {
    return states.length === 0 ? null : JSON.stringify(states.map(this.codec.record));
  }

  /** Existing rows, rewritten with their folded state in one statement (one primary-key probe per row). */
  async update(sql: Sql, json: string | null): Promise<void> {
    if (json !== null) await sql.query(this.upsert, [json]);
  }
}

/** COPY of an append-only table's rows. */
export async function copyInto(sql: Sql, table: Table, rows: string): Promise<void> {
  await sql.copyFrom(`${table.name} (${table.list})`, rows);
}
