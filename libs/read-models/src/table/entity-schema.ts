import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import type { ColumnSpec, Table } from './define-table.js';

/** TypeORM's spelling of a declared column (properties are named like the columns). */
function columnOptions(spec: ColumnSpec): EntitySchemaColumnOptions {
  const type = spec.type === 'text[]' ? 'text' : spec.type === 'numeric(14,2)' ? 'numeric' : spec.type;
  return {
    type,
    ...(spec.type === 'text[]' ? { array: true } : {}),
    ...(spec.type === 'numeric(14,2)' ? { precision: 14, scale: 2 } : {}),
    nullable: spec.nullable,
    ...(spec.key ? { primary: true } : {}),
    ...(spec.default === undefined ? {} : { default: () => spec.default }),
  };
}

/**
 * The TypeORM entity schema of a declared table. TypeORM is only the migration runner and the pool: the
 * entity schemas exist so its schema builder can tell when the migrations and the declarations disagree
 * (schemaDrift, `npm run migration:check`).
 */
export function entitySchemaOf(table: Table): EntitySchema {
  return new EntitySchema({
    name: table.name,
    tableName: table.name,
    columns: Object.fromEntries(
      table.columnNames.map((name) => {
        const options = columnOptions(table.columns[name] as ColumnSpec);
        return [name, table.columns[name]?.key ? { ...options, primaryKeyConstraintName: `${table.name}_pkey` } : options];
      }),
    ),
    indices: table.indexes.map((index) => ({ name: index.name, columns: [...index.columns], ...(index.unique ? { unique: true } : {}) })),
  });
}
