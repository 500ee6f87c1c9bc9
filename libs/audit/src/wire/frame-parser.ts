// The NATS client protocol's server-to-client frames, parsed straight off the socket's bytes. Imports nothing:
// the audit's worker threads load it at start.

/**
 * A message frame: MSG (no headers) or HMSG. One object per parser, refilled for each frame: valid only during the
 * handler's call, as are the views it hands out. The reply subject, the header block and the payload are made only
 * when asked for (a range's deliveries need the payload alone, their reply read as bytes: {@link readDelivery}).
 */
export class WireMessage {
  /** The chunk being parsed. */
  buf: Buffer = Buffer.alloc(0);
  /** The message's own subject (a JetStream delivery keeps its stream subject, whatever it was sent to). */
  subject = '';
  /** The subscription it came through (the reader's sids are numbers; NaN for any other): route by this, not by subject. */
  sid = 0;
  /** The reply subject is buf[replyStart..replyEnd) (empty when there is none). */
  replyStart = 0;
  replyEnd = 0;
  /** The header block is buf[headerStart..payloadStart), for an HMSG; -1 for a MSG. */
  headerStart = -1;
  payloadStart = 0;
  /** The payload ends here. */
  end = 0;

  /** The reply subject ('' when there is none). */
  get reply(): string {
    return this.buf.toString('utf8', this.replyStart, this.replyEnd);
  }

  /** The raw header block (`NATS/1.0 …\r\nName: value\r\n…\r\n\r\n`), for an HMSG. */
  get headers(): Uint8Array | undefined {
    return this.headerStart < 0 ? undefined : this.buf.subarray(this.headerStart, this.payloadStart);
  }

  get payload(): Uint8Array {
    return this.buf.subarray(this.payloadStart, this.end);
  }

  get payloadLength(): number {
    return this.end - this.payloadStart;
  }
}

export interface FrameHandlers {
  /** The parser's one frame object, refilled for each message: valid only during the call. */
  message(message: WireMessage): void;
  /** Any other line (INFO, PING, PONG, +OK, -ERR), without its CRLF. */
  control(line: string): void;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const M = 77;
const H = 72;
const S = 83;
const G = 71;

/**
 * Parses frames from chunks as a socket hands them over: a frame may be split anywhere, and only its unparsed
 * tail is kept for the next chunk. A message's control line is read as bytes (its subject is the one string made),
 * and no object is made per frame, where a general client walks every header byte in JavaScript and builds
 * several objects per message; splitting the line cost a string per token.
 */
export class FrameParser {
  private rest: Buffer | undefined;
  /** The whole length of the message frame `rest` begins with, when its control line has arrived; else -1. */
  private restFrame = -1;
  private readonly frame = new WireMessage();
  /** Where the tokens of the control line being read start and end (at most 6 tokens). */
  private readonly tokens = new Int32Array(14);

  constructor(private readonly handlers: FrameHandlers) {}

  feed(chunk: Buffer): void {
    let buf = chunk;
    let pos = 0;
    const rest = this.rest;
    if (rest !== undefined) {
      this.rest = undefined;
      const owed = this.restFrame - rest.length;
      if (this.restFrame > 0 && owed <= chunk.length) {
        // Only the rest of the frame the last chunk cut is copied, not the whole of this chunk.
        const head = Buffer.concat([rest, chunk.subarray(0, owed)]);
        if (this.parse(head, 0) !== head.length) throw new Error('a NATS frame was not parsed whole');
        pos = owed;
      } else buf = Buffer.concat([rest, chunk]);
    }
    pos = this.parse(buf, pos);
    if (pos < buf.length) this.rest = buf.subarray(pos);
  }

  /** Hands over every whole frame of `buf` from `pos`; where the first one not whole starts. */
  private parse(buf: Buffer, from: number): number {
    let pos = from;
    this.restFrame = -1;
    for (;;) {
      const lf = buf.indexOf(LF, pos);
      if (lf < 0) break;
      const lineEnd = buf[lf - 1] === CR ? lf - 1 : lf;
      const first = buf[pos];
      const withHeaders = first === H && buf[pos + 1] === M && buf[pos + 2] === S && buf[pos + 3] === G && buf[pos + 4] === SPACE;
      if (withHeaders || (first === M && buf[pos + 1] === S && buf[pos + 2] === G && buf[pos + 3] === SPACE)) {
        const end = this.message(buf, pos, lineEnd, lf + 1, withHeaders);
        if (end < 0) {
          this.restFrame = -end - pos;
          break; // the payload has not all arrived
        }
        pos = end;
      } else {
        // UTF-8, not latin1: a line may carry any UTF-8 (ASCII, the usual case, decodes as fast).
        const line = buf.toString('utf8', pos, lineEnd);
        pos = lf + 1;
        this.handlers.control(line);
      }
    }
    return pos;
  }

  /**
   * Hands over the message whose control line is buf[lineStart..lineEnd) and whose payload starts at `start`; its
   * frame's end, or minus that end when the payload has not all arrived.
   */
  private message(buf: Buffer, lineStart: number, lineEnd: number, start: number, withHeaders: boolean): number {
    // MSG <subject> <sid> [reply] <#bytes>; HMSG <subject> <sid> [reply] <#header bytes> <#total bytes>
    const t = this.tokens;
    let count = 0;
    let tokenStart = lineStart;
    for (let i = lineStart; i <= lineEnd; i += 1) {
      if (i < lineEnd && buf[i] !== SPACE) continue;
      if (count === 7) break;
      t[2 * count] = tokenStart;
      t[2 * count + 1] = i;
      count += 1;
      tokenStart = i + 1;
    }
    const expected = withHeaders ? 6 : 5;
    const size = count <= 7 ? digits(buf, t[2 * count - 2] as number, t[2 * count - 1] as number) : -1;
    const headerSize = withHeaders ? digits(buf, t[2 * count - 4] as number, t[2 * count - 3] as number) : 0;
    if (size < 0 || headerSize < 0 || headerSize > size || count < expected - 1 || count > expected) {
      throw new Error(`malformed NATS frame: ${buf.toString('utf8', lineStart, lineEnd)}`);
    }
    const end = start + size;
    if (end + 2 > buf.length) return -(end + 2);
    const frame = this.frame;
    frame.buf = buf;
    frame.subject = buf.toString('utf8', t[2], t[3]);
    const sid = digits(buf, t[4] as number, t[5] as number);
    frame.sid = sid < 0 ? Number.NaN : sid;
    frame.replyStart = count === expected ? (t[6] as number) : 0;
    frame.replyEnd = count === expected ? (t[7] as number) : 0;
    frame.headerStart = withHeaders ? start : -1;
    frame.payloadStart = start + headerSize;
    frame.end = end;
    this.handlers.message(frame);
    return end + 2;
  }
}

/** The decimal number buf[from..to) spells (digits only, at most 15 of them), or -1. */
function digits(buf: Uint8Array, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const d = (buf[i] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The status line of a header block (`NATS/1.0 408 Request Timeout` → 408), or 0 for a plain one. */
export function statusOf(headers: Uint8Array | undefined): { code: number; description: string } {
  if (headers === undefined) return { code: 0, description: '' };
  const text = bufferOf(headers).toString('latin1', 0, Math.min(headers.byteLength, 200));
  const first = text.slice(0, text.indexOf('\r\n') < 0 ? text.length : text.indexOf('\r\n'));
  const match = /^NATS\/1\.0 (\d{3})\s*(.*)$/.exec(first);
  return match ? { code: Number(match[1]), description: match[2] ?? '' } : { code: 0, description: '' };
}

/** One header's value from a raw header block (names compared without regard to case), or undefined. */
export function headerValue(headers: Uint8Array | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const lines = bufferOf(headers).toString('utf8').split('\r\n');
  const wanted = name.toLowerCase();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** A Buffer over the same bytes (no copy), for its decoders. */
function bufferOf(view: Uint8Array): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
