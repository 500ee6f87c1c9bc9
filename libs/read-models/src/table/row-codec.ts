import { bool, copyLines, json, num, text, textArray } from './copy-text.js';
import { camel, type Columns, type SqlType, type Table } from './define-table.js';
import { iso, isoRequired } from './row-values.js';

/**
 * How a table's rows travel, derived from its declaration: column `case_id` holds the object field
 * `caseId`. The COPY line is hot (every row of every catch-up batch), so it is compiled once per table into
 * the same template string a hand-written encoder would be (no per-field loop, no dynamic property access);
 * the names are checked plain identifiers.
 */
export interface RowCodec<S> {
  /** COPY text (one line per item, see copy-text.ts). */
  copyText(items: readonly S[]): Buffer;
  /** One item's COPY line, without its newline (for a CopyWriter that takes several lists). */
  line(item: S): string;
  /** A row as pg returns it → the object (timestamps to ISO strings, bigint/numeric to numbers). */
  fromRow(row: Record<string, unknown>): S;
}

type Encoder = 'text' | 'num' | 'bool' | 'textArray' | 'json';

const ENCODER: Readonly<Record<SqlType, Encoder>> = {
  text: 'text',
  uuid: 'text',
  timestamptz: 'text',
  date: 'text',
  integer: 'num',
  bigint: 'num',
  'numeric(14,2)': 'num',
  'double precision': 'num',
  boolean: 'bool',
  'text[]': 'textArray',
  jsonb: 'json',
};

/** pg value → object value, per column type (undefined: as is). */
function decoderOf(type: SqlType, isNullable: boolean): ((value: never) => unknown) | undefined {
  switch (type) {
    case 'timestamptz':
      return isNullable ? iso : isoRequired;
    case 'bigint':
    case 'numeric(14,2)':
      return (value: string | number | null) => (value === null ? null : Number(value));
    default:
      return undefined;
  }
}

/**
 * The codec of `table` for objects of type S, which has a field for every column (the model builders
 * check that at compile time, see CoversColumns); it may have more.
 */
export function rowCodec<S, C extends Columns = Columns>(table: Table<C>): RowCodec<S> {
  const fields = table.columnNames.map((column) => ({ column, field: camel(column), spec: table.columns[column] as C[string] }));
  const line = fields.map(({ field, spec }) => `\${${ENCODER[spec.type]}(s.${field})}`).join('\\t');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from checked identifiers, see above
  const compile = new Function('text', 'num', 'bool', 'textArray', 'json', `return (s) => \`${line}\`;`) as (...encoders: unknown[]) => (item: S) => string;
  const encodeLine = compile(text, num, bool, textArray, json);
  const decoders = fields.map(({ column, field, spec }) => ({ column, field, decode: decoderOf(spec.type, spec.nullable) as ((value: unknown) => unknown) | undefined }));
  return {
    copyText: (items) => copyLines(items, encodeLine),
    line: encodeLine,
    fromRow: (row) => {
      const item: Record<string, unknown> = {};
      for (const { column, field, decode } of decoders) item[field] = decode ? decode(row[column]) : row[column];
      return item as S;
    },
  };
}
