import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/**
 * What repositories need from a connection: parameterised queries and COPY FROM STDIN. Implemented over
 * a raw pg client (the projector's transaction) and over a TypeORM DataSource (readers such as the gateway).
 */
export interface Sql {
  query<R extends object = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Streams `rows` (COPY text format, see copy-text.ts) into `COPY <target> FROM STDIN`. */
  copyFrom(target: string, rows: CopyRows): Promise<void>;
}

/** COPY text: as a string, or as the UTF-8 bytes a CopyWriter made (copy-text.ts). */
export type CopyRows = string | Buffer;

async function copyInto(client: pg.ClientBase, target: string, rows: CopyRows): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyStreams.from(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from([typeof rows === 'string' ? Buffer.from(rows, 'utf8') : rows]), stream);
}

/** Sql over one pg client (e.g. inside a transaction). */
export function sqlOf(client: pg.ClientBase): Sql {
  return {
    query: async <R extends object>(text: string, values?: readonly unknown[]) => (await client.query<R & pg.QueryResultRow>(text, values as unknown[])).rows,
    copyFrom: (target, rows) => copyInto(client, target, rows),
  };
}

/**
 * sqlOf, with every statement that has parameters run as a named prepared statement of the connection (parsed and
 * planned once per connection, PostgreSQL's plan cache deciding between custom and generic plans after that): for
 * a caller that sends the same statements batch after batch on its own connection. At most `limit` texts per
 * connection are named (a caller whose texts vary runs the rest unnamed, as sqlOf does).
 */
export function preparedSqlOf(client: pg.ClientBase, limit = 32): Sql {
  return {
    query: async <R extends object>(text: string, values?: readonly unknown[]) => {
      const name = values === undefined || values.length === 0 ? undefined : statementName(client, text, limit);
      const config = name === undefined ? { text, values: values as unknown[] } : { name, text, values: values as unknown[] };
      return (await client.query<R & pg.QueryResultRow>(config)).rows;
    },
    copyFrom: (target, rows) => copyInto(client, target, rows),
  };
}

/** Statement names per connection (the protocol's names share PREPARE's namespace: SqlScript's are `hub_script_<n>`). */
const NAMED = new WeakMap<pg.ClientBase, Map<string, string>>();

function statementName(client: pg.ClientBase, text: string, limit: number): string | undefined {
  let names = NAMED.get(client);
  if (names === undefined) NAMED.set(client, (names = new Map<string, string>()));
  let name = names.get(text);
  if (name === undefined && names.size < limit) names.set(text, (name = `hub_named_${names.size + 1}`));
  return name;
}

/** Sql over a DataSource's pool: each call borrows a connection (no transaction spans calls). */
export function sqlOfDataSource(dataSource: DataSource): Sql {
  return {
    query: <R extends object>(text: string, values?: readonly unknown[]) => dataSource.query<R[]>(text, values as unknown[]),
    copyFrom: async (target, rows) => {
      const runner = dataSource.createQueryRunner();
      try {
        await copyInto((await runner.connect()) as pg.ClientBase, target, rows);
      } finally {
        await runner.release();
      }
    },
  };
}
