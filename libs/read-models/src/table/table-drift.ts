import type { ColumnSpec, SqlType, Table } from './define-table.js';
import type { Sql } from './sql.js';

/*
 * A declared table against the table the migrations made (information_schema / pg_index of the connection's
 * current schema): the columns with their types, nullability and defaults, the primary key, the indexes.
 * Each difference is one line naming the table and the column or index; no lines means no drift.
 */

interface DbColumn {
  column_name: string;
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/** information_schema's description of a column, spelled as a declared SqlType. */
function sqlTypeOf(c: DbColumn): string {
  if (c.data_type === 'ARRAY') return `${c.udt_name.replace(/^_/, '')}[]`;
  if (c.data_type === 'timestamp with time zone') return 'timestamptz';
  if (c.data_type === 'numeric') return `numeric(${c.numeric_precision},${c.numeric_scale})`;
  return c.data_type;
}

/** `'{}'::text[]` → `'{}'`: the default without PostgreSQL's cast to the column's type. */
const withoutCast = (expression: string): string => expression.replace(/::[a-z ]+(\[\])?$/, '');

function columnDrift(table: string, name: string, spec: ColumnSpec, db: DbColumn): string[] {
  const drift: string[] = [];
  const type = sqlTypeOf(db);
  if (type !== (spec.type satisfies SqlType)) drift.push(`${table}.${name}: declared ${spec.type}, database has ${type}`);
  if ((db.is_nullable === 'YES') !== spec.nullable) drift.push(`${table}.${name}: declared ${spec.nullable ? 'nullable' : 'NOT NULL'}, database has ${db.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'}`);
  const dbDefault = db.column_default === null ? undefined : withoutCast(db.column_default);
  if (dbDefault !== spec.default) drift.push(`${table}.${name}: declared default ${spec.default ?? 'none'}, database has ${dbDefault ?? 'none'}`);
  return drift;
}

export async function tableDrift(sql: Sql, table: Table): Promise<string[]> {
  const columns = await sql.query<DbColumn>(
    `SELECT column_name, data_type, udt_name, numeric_precision, numeric_scale, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table.name],
  );
  if (columns.length === 0) return [`${table.name}: declared, not in the database`];
  const drift: string[] = [];
  const byName = new Map(columns.map((c) => [c.column_name, c]));
  for (const name of table.columnNames) {
    const db = byName.get(name);
    if (db === undefined) drift.push(`${table.name}.${name}: declared, not in the database`);
    else drift.push(...columnDrift(table.name, name, table.columns[name] as ColumnSpec, db));
  }
  for (const c of columns) if (!(c.column_name in table.columns)) drift.push(`${table.name}.${c.column_name}: in the database, not declared`);

  const indexes = await sql.query<{ name: string; columns: string[]; primary: boolean; unique: boolean }>(
    `SELECT c.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
            array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
      WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace`,
    [table.name],
  );
  const describe = (i: { name: string; columns: readonly string[]; unique?: boolean }): string => `${i.name} (${i.columns.join(', ')})${i.unique ? ' unique' : ''}`;
  const expected = [describe({ name: `${table.name}_pkey`, columns: table.keyColumns, unique: true }), ...table.indexes.map(describe)].sort();
  const actual = indexes.map(describe).sort();
  for (const i of expected) if (!actual.includes(i)) drift.push(`${table.name}: index ${i} declared, not in the database`);
  for (const i of actual) if (!expected.includes(i)) drift.push(`${table.name}: index ${i} in the database, not declared`);
  return drift;
}
