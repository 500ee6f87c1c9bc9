// The NATS client protocol's server-to-client frames, parsed straight off the socket's bytes. Imports nothing:
// the audit's worker threads load it at start.

/** A message frame: MSG (no headers) or HMSG. `headers` and `payload` are views into the chunk being parsed. */
export interface WireMessage {
  /** The message's own subject (a JetStream delivery keeps its stream subject, whatever it was sent to). */
  subject: string;
  /** The subscription it came through: route by this, not by subject. */
  sid: string;
  /** The reply subject ('' when there is none). */
  reply: string;
  /** The raw header block (`NATS/1.0 …\r\nName: value\r\n…\r\n\r\n`), for an HMSG. */
  headers?: Uint8Array;
  payload: Uint8Array;
}

export interface FrameHandlers {
  /** Views into the socket's chunk: valid only during the call. */
  message(message: WireMessage): void;
  /** Any other line (INFO, PING, PONG, +OK, -ERR), without its CRLF. */
  control(line: string): void;
}

const LF = 10;
const M = 77;
const H = 72;

/**
 * Parses frames from chunks as a socket hands them over: a frame may be split anywhere, and only its unparsed
 * tail is kept for the next chunk. Costs a native `indexOf` and one short string per frame, where a general
 * client walks every header byte in JavaScript and builds several objects per message.
 */
export class FrameParser {
  private rest: Buffer | undefined;

  constructor(private readonly handlers: FrameHandlers) {}

  feed(chunk: Buffer): void {
    const buf = this.rest === undefined ? chunk : Buffer.concat([this.rest, chunk]);
    this.rest = undefined;
    let pos = 0;
    for (;;) {
      const lf = buf.indexOf(LF, pos);
      if (lf < 0) break;
      const first = buf[pos];
      // UTF-8, not latin1: a subject may carry any UTF-8 (ASCII, the usual case, decodes as fast).
      const line = buf.toString('utf8', pos, buf[lf - 1] === 13 ? lf - 1 : lf);
      if ((first === M && line.startsWith('MSG ')) || (first === H && line.startsWith('HMSG '))) {
        const end = this.message(buf, line, lf + 1, first === H);
        if (end < 0) break; // the payload has not all arrived
        pos = end;
      } else {
        pos = lf + 1;
        this.handlers.control(line);
      }
    }
    if (pos < buf.length) this.rest = buf.subarray(pos);
  }

  /** Hands over the message whose control line is `line` and whose payload starts at `start`; its end, or -1. */
  private message(buf: Buffer, line: string, start: number, withHeaders: boolean): number {
    // MSG <subject> <sid> [reply] <#bytes>; HMSG <subject> <sid> [reply] <#header bytes> <#total bytes>
    const tokens = line.split(' ');
    const size = Number(tokens[tokens.length - 1]);
    const headerSize = withHeaders ? Number(tokens[tokens.length - 2]) : 0;
    const expected = withHeaders ? 6 : 5;
    if (!Number.isInteger(size) || !Number.isInteger(headerSize) || tokens.length < expected - 1 || tokens.length > expected) {
      throw new Error(`malformed NATS frame: ${line}`);
    }
    const end = start + size;
    if (end + 2 > buf.length) return -1;
    this.handlers.message({
      subject: tokens[1] as string,
      sid: tokens[2] as string,
      reply: tokens.length === expected ? (tokens[3] as string) : '',
      ...(withHeaders ? { headers: buf.subarray(start, start + headerSize) } : {}),
      payload: buf.subarray(start + headerSize, end),
    });
    return end + 2;
  }
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
