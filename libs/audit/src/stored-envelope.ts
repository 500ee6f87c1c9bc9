// The envelope of an event stored in the hub's own layout, read straight off its bytes: a verify pass needs five of
// its members, and JSON.parse of the whole body (after decoding it to a string) built every member of `data` too —
// with the garbage that made, a quarter of a worker's time. Imports nothing: the audit's worker threads load it.

/** What verification needs of an event's envelope. */
export interface ScannedEnvelope {
  id: string;
  source: string;
  subject: string;
  version: number;
  prevHash: string | null;
  /** The `hash` member as it stands (the caller compares it with the hash of the bytes: hashOfStoredBody). */
  hash: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Nesting a value may have here; deeper ones are left to JSON.parse. */
const MAX_DEPTH = 64;

// The members in the order the hub writes them (sorted, `hash` last; see storedBody), each with what precedes it.
const OPEN_ACTOR = ascii('{"actor":');
const OPEN_DATA = ascii('{"data":');
const DATA_AFTER_ACTOR = ascii(',"data":');
const ID = ascii(',"id":');
const PREV_HASH = ascii(',"prevHash":');
const RECORDED_AT = ascii(',"recordedAt":');
const SOURCE = ascii(',"source":');
const SUBJECT = ascii(',"subject":');
const TIME = ascii(',"time":');
const TYPE = ascii(',"type":');
const VERSION = ascii(',"version":');
const HASH = ascii(',"hash":');
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');

/**
 * The envelope of `body` when it is laid out exactly as the hub stores an event sealed by batch (canonical members in
 * order, no whitespace between them, no `sig`, plain ASCII in the members read, `hash` last), else
 * undefined: the caller then parses the body with JSON.parse, which judges any other layout as it always did.
 *
 * When it answers, JSON.parse of the body (decoded as UTF-8) would succeed and give an object with exactly these
 * values and no envelope problem: `data` is checked to be a well-formed JSON object and `actor` a well-formed JSON
 * value, byte by byte, as strictly as JSON.parse reads them (a byte that is not valid UTF-8 can only sit inside a
 * string, where the decoder's replacement character is as valid as any other).
 */
export function scanStoredEnvelope(body: Uint8Array): ScannedEnvelope | undefined {
  const scan = new Scanner(body);
  if (scan.take(OPEN_ACTOR)) {
    if (!scan.value(0) || !scan.take(DATA_AFTER_ACTOR)) return undefined;
  } else if (!scan.take(OPEN_DATA)) return undefined;
  if (body[scan.at] !== 0x7b || !scan.value(0)) return undefined;
  if (!scan.take(ID)) return undefined;
  const id = scan.plainString();
  if (id === undefined || !scan.take(PREV_HASH)) return undefined;
  const prevHash = scan.take(NULL) ? null : scan.plainString();
  if (prevHash === undefined || !scan.take(RECORDED_AT) || scan.plainString() === undefined || !scan.take(SOURCE)) return undefined;
  const source = scan.plainString();
  if (source === undefined || !scan.take(SUBJECT)) return undefined;
  const subject = scan.plainString();
  if (subject === undefined || !scan.take(TIME) || scan.plainString() === undefined) return undefined;
  if (!scan.take(TYPE) || scan.plainString() === undefined || !scan.take(VERSION)) return undefined;
  const version = scan.positiveInteger();
  if (version === undefined || !scan.take(HASH)) return undefined;
  const hash = scan.plainString();
  if (hash === undefined || body[scan.at] !== 0x7d || scan.at + 1 !== body.length) return undefined;
  return { id, source, subject, version, prevHash, hash };
}

class Scanner {
  at = 0;
  /** The bytes as a Buffer, for its decoder (made on the first string read). */
  private text: Buffer | undefined;

  constructor(private readonly bytes: Uint8Array) {}

  /** Steps over `expected` if the bytes at the cursor are exactly it. */
  take(expected: Uint8Array): boolean {
    const b = this.bytes;
    if (this.at + expected.length > b.length) return false;
    for (let i = 0; i < expected.length; i += 1) if (b[this.at + i] !== expected[i]) return false;
    this.at += expected.length;
    return true;
  }

  /** A string of printable ASCII without escapes (an envelope member as the hub writes it), or undefined. */
  plainString(): string | undefined {
    const b = this.bytes;
    if (b[this.at] !== QUOTE) return undefined;
    const from = this.at + 1;
    let i = from;
    for (; i < b.length; i += 1) {
      const c = b[i] as number;
      if (c === QUOTE) break;
      if (c < 0x20 || c > 0x7e || c === BACKSLASH) return undefined;
    }
    if (i >= b.length) return undefined;
    this.at = i + 1;
    this.text ??= Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    return this.text.toString('latin1', from, i);
  }

  /** `version`: digits of a positive safe integer, no sign, fraction or exponent. */
  positiveInteger(): number | undefined {
    const b = this.bytes;
    const from = this.at;
    if ((b[from] ?? 0) < 0x31 || (b[from] ?? 0) > 0x39) return undefined;
    let i = from;
    let value = 0;
    for (; i < b.length && (b[i] as number) >= 0x30 && (b[i] as number) <= 0x39; i += 1) value = value * 10 + ((b[i] as number) - 0x30);
    if (i - from > 15 || !Number.isSafeInteger(value)) return undefined;
    const next = b[i];
    if (next === 0x2e || next === 0x65 || next === 0x45) return undefined; // 1.0, 1e0: numbers JSON reads, left to it
    this.at = i;
    return value;
  }

  /** Steps over one well-formed JSON value (RFC 8259, as JSON.parse reads it); false when it is not one. */
  value(depth: number): boolean {
    const b = this.bytes;
    const c = b[this.at];
    if (c === QUOTE) return this.string();
    if (c === 0x7b) return depth < MAX_DEPTH && this.container(depth, 0x7d, true);
    if (c === 0x5b) return depth < MAX_DEPTH && this.container(depth, 0x5d, false);
    if (c === 0x74) return this.take(TRUE);
    if (c === 0x66) return this.take(FALSE);
    if (c === 0x6e) return this.take(NULL);
    return this.number();
  }

  /** An object's members or an array's elements, through the closing bracket. */
  private container(depth: number, close: number, members: boolean): boolean {
    const b = this.bytes;
    this.at += 1;
    this.whitespace();
    if (b[this.at] === close) {
      this.at += 1;
      return true;
    }
    for (;;) {
      if (members) {
        if (b[this.at] !== QUOTE || !this.string()) return false;
        this.whitespace();
        if (b[this.at] !== COLON) return false;
        this.at += 1;
        this.whitespace();
      }
      if (!this.value(depth + 1)) return false;
      this.whitespace();
      const next = b[this.at];
      this.at += 1;
      if (next === close) return true;
      if (next !== COMMA) return false;
      this.whitespace();
    }
  }

  private whitespace(): void {
    const b = this.bytes;
    for (let c = b[this.at]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = b[this.at]) this.at += 1;
  }

  /** A string with any escapes JSON allows; bytes from 0x80 up are taken as they are (see scanStoredEnvelope). */
  private string(): boolean {
    const b = this.bytes;
    let i = this.at + 1;
    for (; i < b.length; i += 1) {
      const c = b[i] as number;
      if (c === QUOTE) {
        this.at = i + 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c !== BACKSLASH) continue;
      i += 1;
      const e = b[i];
      if (e === 0x75) {
        for (let k = 1; k <= 4; k += 1) if (!isHexDigit(b[i + k])) return false;
        i += 4;
      } else if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return false;
    }
    return false;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): boolean {
    const b = this.bytes;
    let i = this.at;
    if (b[i] === 0x2d) i += 1;
    if (b[i] === 0x30) i += 1;
    else if (isNonZeroDigit(b[i])) while (isDigit(b[i])) i += 1;
    else return false;
    if (b[i] === 0x2e) {
      i += 1;
      if (!isDigit(b[i])) return false;
      while (isDigit(b[i])) i += 1;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i += 1;
      if (b[i] === 0x2b || b[i] === 0x2d) i += 1;
      if (!isDigit(b[i])) return false;
      while (isDigit(b[i])) i += 1;
    }
    this.at = i;
    return true;
  }
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isNonZeroDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x31 && c <= 0x39;
const isHexDigit = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
