/**
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format: one line per row, tab-separated, `\N` for
 * NULL, backslash escapes for backslash, tab, newline and carriage return. One string per table per
 * batch goes to the server in a single COPY, which is what makes catch-up fast (no per-row round trips,
 * no per-statement parse/plan).
 */
export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : value;
}

/** A text[] literal: every element double-quoted, with `"` and `\` backslash-escaped. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`COPY cannot hold ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeText(arrayLiteral(value));
}

/**
 * Encodes rows of values (already in column order) as COPY text. Lines are collected in an array and
 * joined once: a string grown by += is a rope that costs as much again to flatten when it is sent.
 */
export function copyRows<T>(items: readonly T[], columns: (item: T) => CopyValue[]): string {
  if (items.length === 0) return '';
  const lines = new Array<string>(items.length + 1);
  for (let n = 0; n < items.length; n++) {
    const fields = columns(items[n] as T);
    const encoded = new Array<string>(fields.length);
    for (let i = 0; i < fields.length; i++) encoded[i] = copyField(fields[i]);
    lines[n] = encoded.join('\t');
  }
  lines[items.length] = '';
  return lines.join('\n');
}
