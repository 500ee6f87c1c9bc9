/**
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format: one line per row, tab-separated, `\N` for
 * NULL, backslash escapes for backslash, tab, newline and carriage return. One string per table per
 * batch goes to the server in a single COPY, which is what makes catch-up fast (no per-row round trips,
 * no per-statement parse/plan). Each repository writes its line with a template string of these field
 * encoders: no intermediate arrays per row, which matters at tens of thousands of rows a second.
 */

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NULL = '\\N';

/** A text field (NULL for null/undefined). */
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : value;
}

/** A numeric field. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  if (!Number.isFinite(value)) throw new RangeError(`COPY cannot hold ${value}`);
  return String(value);
}

export function bool(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return value ? 't' : 'f';
}

/** A text[] literal: every element double-quoted, with `"` and `\` backslash-escaped. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function textArray(items: readonly string[] | null | undefined): string {
  return items === null || items === undefined ? NULL : text(arrayLiteral(items));
}

/** A jsonb field from any JSON-able value. */
export function json(value: unknown): string {
  return text(JSON.stringify(value));
}

/** Encodes rows as COPY text, one line each (joined once: a string grown by += would be a rope to flatten). */
export function copyLines<T>(items: readonly T[], line: (item: T) => string): string {
  if (items.length === 0) return '';
  const lines = new Array<string>(items.length + 1);
  for (let i = 0; i < items.length; i++) lines[i] = line(items[i] as T);
  lines[items.length] = '';
  return lines.join('\n');
}
