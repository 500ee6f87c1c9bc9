import type pg from 'pg';
import { arrayLiteral } from './copy-text.js';
import type { CopyRows, Sql } from './sql.js';

/**
 * Statements gathered into one text, sent as a single simple query: a whole projector batch (BEGIN … COMMIT) in
 * one round trip instead of one per statement (and two per COPY). Under single-event requests a batch holds a
 * dozen events, and each statement cost the writer and PostgreSQL about as much as its rows. PostgreSQL runs the
 * statements in order and stops at the first error; whatever the caller began stays open (aborted) until it
 * sends ROLLBACK.
 *
 * Parameters are written into the text as literals (see `literal`), and COPY text becomes INSERT … VALUES
 * (`copyTextValues`): for small batches only, where a COPY's extra round trip costs more than parsing the
 * values. `sql` records what repositories would send: a query's result is always empty, so only statements
 * whose result the caller does not read may go through it.
 */
export class SqlScript {
  private readonly statements: string[] = [];
  /**
   * Statements to run prepared (options.prepare): where in `statements` each goes, its text and its parameters as
   * literals (written once: an EXECUTE sends them as they are; the text with them written in is only built for a
   * statement the connection has no room to prepare — a coordination batch's JSON parameters were quoted twice).
   */
  private readonly toPrepare: { at: number; text: string; literals: readonly string[] }[] = [];

  /**
   * `prepare`: run every statement with parameters as a prepared statement of the connection (PREPAREd the first
   * time, in a round trip of its own; EXECUTEd with its parameters as literals after that), so PostgreSQL parses
   * and plans it once per connection instead of once per script. For a caller that sends the same statements
   * batch after batch (the projector's writer); at most PREPARED_PER_CONNECTION texts per connection are prepared.
   */
  constructor(private readonly options: { prepare?: boolean } = {}) {}

  /** Repositories' writes recorded into this script. */
  readonly sql: Sql = {
    query: <R extends object>(text: string, values?: readonly unknown[]): Promise<R[]> => {
      if (this.options.prepare === true && values !== undefined && values.length > 0) {
        this.toPrepare.push({ at: this.statements.length, text, literals: values.map(literal) });
        this.statements.push(''); // filled in by text() or run()
        return Promise.resolve([]);
      }
      this.add(text, values);
      return Promise.resolve([]);
    },
    copyFrom: (target: string, rows: CopyRows): Promise<void> => {
      if (rows.length > 0) this.statements.push(`INSERT INTO ${target} VALUES ${copyTextValues(rows.toString())}`);
      return Promise.resolve();
    },
  };

  /** Adds a statement, its `$n` parameters written in as literals. */
  add(text: string, values: readonly unknown[] = []): this {
    this.statements.push(values.length === 0 ? text : inlineParameters(text, values));
    return this;
  }

  get size(): number {
    return this.statements.length;
  }

  /** The statements, `;`-separated, for one simple query (those not run prepared with their parameters written in). */
  text(): string {
    for (const { at, text, literals } of this.toPrepare) if (this.statements[at] === '') this.statements[at] = inlineLiterals(text, literals);
    return this.statements.join(';\n');
  }

  /** Sends the statements as one simple query on `client`; the rows of the last one (none, and nothing sent, when there is no statement). */
  async run<R extends object = Record<string, unknown>>(client: pg.ClientBase): Promise<R[]> {
    if (this.statements.length === 0) return [];
    for (const { at, text, literals } of this.toPrepare) {
      const name = await preparedName(client, text);
      if (name !== undefined) this.statements[at] = `EXECUTE ${name}(${literals.join(', ')})`;
    }
    const results = (await client.query(this.text())) as unknown as pg.QueryResult<R & pg.QueryResultRow> | pg.QueryResult<R & pg.QueryResultRow>[];
    return (Array.isArray(results) ? results.at(-1)?.rows : results.rows) ?? [];
  }
}

/** Prepared statements per connection, at most this many (a caller whose texts vary runs the rest unprepared). */
export const PREPARED_PER_CONNECTION = 32;
const PREPARED = new WeakMap<pg.ClientBase, Map<string, string>>();

/** The name `text` is prepared under on `client`, PREPAREd now if it is not yet; undefined when the connection holds its quota. */
async function preparedName(client: pg.ClientBase, text: string): Promise<string | undefined> {
  let names = PREPARED.get(client);
  if (names === undefined) PREPARED.set(client, (names = new Map<string, string>()));
  const known = names.get(text);
  if (known !== undefined || names.size >= PREPARED_PER_CONNECTION) return known;
  const name = `hub_script_${names.size + 1}`;
  await client.query(`PREPARE ${name} AS ${text}`);
  names.set(text, name);
  return name;
}

/** `text` with each `$n` replaced by `values[n - 1]` as a literal. The statements are the repositories' own: no `$n` stands inside a quoted string there. */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  return substitute(text, values.length, (index) => literal(values[index]));
}

/** inlineParameters with the values already written as literals. */
function inlineLiterals(text: string, literals: readonly string[]): string {
  return substitute(text, literals.length, (index) => literals[index] as string);
}

function substitute(text: string, count: number, literalAt: (index: number) => string): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= count) throw new RangeError(`statement refers to $${n} but has ${count} parameter(s)`);
    return literalAt(index);
  });
}

/** A value as an SQL literal: a number, boolean, NULL, a string, or an array of strings or numbers (the text form, cast where it is used). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`no SQL literal for ${value}`);
    return signed(String(value));
  }
  if (typeof value === 'bigint') return signed(value.toString());
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    // arrayLiteral quotes every element: a null element would be stored as the text "null", so it is refused.
    if (value.some((item) => item === null || item === undefined)) throw new TypeError('no SQL literal for an array holding null');
    return quote(arrayLiteral(value.map(String)));
  }
  throw new TypeError(`no SQL literal for a ${typeof value} parameter`);
}

/** A negative number in parentheses: written after a minus (`a-$1`), a bare `-5` would make `--`, a comment to the line's end. */
function signed(digits: string): string {
  return digits.startsWith('-') ? `(${digits})` : digits;
}

/** A string literal; with a backslash, an escape string (E'…', backslashes doubled), which reads the same whatever standard_conforming_strings says. */
function quote(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * COPY text (copy-text.ts: tab-separated fields, `\N` for NULL, backslash escapes for backslash, tab, newline and
 * carriage return only) as the rows of a VALUES list. Each field becomes an escape string: E'…' reads those four
 * escapes exactly as COPY does, and since COPY text doubles every backslash it holds, no other escape can appear
 * in it. The untyped literals take the types of the INSERT's columns, as COPY's fields do.
 */
export function copyTextValues(copy: string): string {
  const lines = copy.split('\n');
  if (lines.at(-1) === '') lines.pop(); // every line ends with a newline
  const rows: string[] = [];
  for (const line of lines) {
    const fields = line.split('\t');
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as string;
      fields[i] = field === '\\N' ? 'NULL' : `E'${field.includes("'") ? field.replaceAll("'", "''") : field}'`;
    }
    rows.push(`(${fields.join(',')})`);
  }
  return rows.join(',');
}
