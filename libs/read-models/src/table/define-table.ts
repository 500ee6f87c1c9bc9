/**
 * A read-model table declared once: its columns (name, SQL type, nullability, key, default) and indexes.
 * Everything else about the table — the row type, the column list, the COPY encoder, the jsonb record
 * type, the upsert, the TypeORM entity schema the drift check compares with the migrations — is derived
 * from the declaration (row-codec.ts, table-sql.ts, entity-schema.ts), so adding a column is one line here.
 */

/** The SQL types the read models use, spelled as in the migrations (`text[]` is a text array). */
export type SqlType = 'text' | 'uuid' | 'integer' | 'bigint' | 'numeric(14,2)' | 'double precision' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';

export interface ColumnSpec<T extends SqlType = SqlType, N extends boolean = boolean> {
  readonly type: T;
  readonly nullable: N;
  /** Part of the primary key (in declaration order). */
  readonly key: boolean;
  /** SQL default expression, exactly as the migration wrote it (e.g. `'{}'`, `false`). */
  readonly default?: string;
}

/** A primary-key column. */
export const key = <T extends SqlType>(type: T): ColumnSpec<T, false> => ({ type, nullable: false, key: true });

/** A NOT NULL column, optionally with a default. */
export const required = <T extends SqlType>(type: T, options: { default?: string } = {}): ColumnSpec<T, false> => ({ type, nullable: false, key: false, ...options });

/** A nullable column. */
export const nullable = <T extends SqlType>(type: T): ColumnSpec<T, true> => ({ type, nullable: true, key: false });

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export type Columns = Readonly<Record<string, ColumnSpec>>;

export interface Table<C extends Columns = Columns> {
  readonly name: string;
  readonly columns: C;
  /** Column names in declaration order (the order of COPY fields and of SELECT lists). */
  readonly columnNames: readonly string[];
  readonly keyColumns: readonly string[];
  /** `a, b, c`: the column list. */
  readonly list: string;
  readonly indexes: readonly IndexSpec[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function defineTable<const C extends Columns>(spec: { name: string; columns: C; indexes?: readonly IndexSpec[] }): Table<C> {
  const columnNames = Object.keys(spec.columns);
  // Names are interpolated into SQL and into generated encoders: plain identifiers only.
  for (const name of [spec.name, ...columnNames]) if (!IDENTIFIER.test(name)) throw new TypeError(`not a plain identifier: "${name}"`);
  return {
    name: spec.name,
    columns: spec.columns,
    columnNames,
    keyColumns: columnNames.filter((c) => spec.columns[c]?.key),
    list: columnNames.join(', '),
    indexes: spec.indexes ?? [],
  };
}

/** `case_id` → `caseId`: the state field a column holds. */
export type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

export const camel = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The row as pg returns it for a column type (bigint and numeric come back as strings, timestamps as Dates). */
type PgValue<T extends SqlType> = T extends 'text' | 'uuid' | 'bigint' | 'numeric(14,2)'
  ? string
  : T extends 'integer' | 'double precision'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'timestamptz' | 'date'
        ? Date
        : T extends 'text[]'
          ? string[]
          : unknown;

export type RowOf<C extends Columns> = { -readonly [K in keyof C]: PgValue<C[K]['type']> | (C[K]['nullable'] extends true ? null : never) };

type FieldNames<C extends Columns> = Camel<keyof C & string>;

/** Checks at compile time that S has a field for every column of C (a column added without its field does not build). */
export type CoversColumns<S, C extends Columns> = [Exclude<FieldNames<C>, keyof S>] extends [never] ? unknown : { columnsWithoutField: Exclude<FieldNames<C>, keyof S> };

/** As CoversColumns, and S has no field without a column (the state of a state model is exactly its row). */
export type MatchesColumns<S, C extends Columns> = [Exclude<keyof S, FieldNames<C>>] extends [never] ? CoversColumns<S, C> : { fieldsWithoutColumn: Exclude<keyof S, FieldNames<C>> };
