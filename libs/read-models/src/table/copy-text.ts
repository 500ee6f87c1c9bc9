/**
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format: one line per row, tab-separated, `\N` for
 * NULL, backslash escapes for backslash, tab, newline and carriage return. One text (UTF-8 bytes) per table per
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

/**
 * A jsonb field from any JSON-able value. JSON.stringify escapes every control character, so of COPY's four
 * specials only the backslash can be in its text: text()'s result, without its regular expression over the document.
 */
export function json(value: unknown): string {
  const document = JSON.stringify(value) as string | undefined;
  if (document === undefined) return NULL;
  return document.includes('\\') ? document.replaceAll('\\', '\\\\') : document;
}

/** A new CopyWriter's bytes per row it is made for (it doubles when they do not fit). */
const BYTES_PER_ROW = 256;

/**
 * COPY text built as the UTF-8 bytes that go to the server, a line at a time. Each row's line is written into the
 * buffer as soon as it is made. Joining the lines as strings instead (one `join` per table and batch, then
 * `Buffer.from` before the COPY) cost ~5 of the archive's ~7.5 µs per row (issue 16 §4, 2,000-event batches of
 * the bench's events): each line is a rope of a few dozen pieces that the join flattened into one large two-byte
 * string (the events' Chinese text), which was then encoded again; and the batch's COPY text stays out of the V8
 * heap (the young generation it was copied through twice before reaching the old one).
 */
export class CopyWriter {
  private buffer: Buffer;
  private length = 0;

  /** `rows`: how many lines are coming, to size the buffer. */
  constructor(rows: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(1024, rows * BYTES_PER_ROW));
  }

  /** Appends one line per item (each ended by a newline). */
  lines<T>(items: readonly T[], line: (item: T) => string): this {
    for (let i = 0; i < items.length; i++) this.line(line(items[i] as T));
    return this;
  }

  /** Appends `row` and a newline. */
  line(row: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4).
    const room = row.length * 3 + 1;
    if (this.length + room > this.buffer.length) this.grow(room);
    this.length += this.buffer.write(row, this.length);
    this.buffer[this.length++] = 0x0a;
  }

  /** The text so far (a view of the writer's buffer: write no more lines while it is in use). */
  get bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private grow(room: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + room));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

/** Encodes rows as COPY text (UTF-8), one line each; see CopyWriter. */
export function copyLines<T>(items: readonly T[], line: (item: T) => string): Buffer {
  if (items.length === 0) return EMPTY;
  return new CopyWriter(items.length).lines(items, line).bytes;
}

const EMPTY = Buffer.alloc(0);
