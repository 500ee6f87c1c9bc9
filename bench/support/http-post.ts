// The bench's HTTP client for the launched hub's scenarios. It shares the hub's two cores, so every microsecond it
// spends per request is taken from the hub it measures; a departmental system posting from its own machine costs
// the hub nothing of the kind. `fetch` (undici's WHATWG layer, a Response and its streams per request) cost ~1.2 ms
// of CPU per single-event request; node:http with keep-alive sockets ~190 µs (an IncomingMessage, a ClientRequest,
// header objects and the agent's bookkeeping per request, 2026-12-07 evening). This client writes each request as
// one string on a kept-alive socket and reads the answer's status line, Content-Length (or chunks) and body
// itself: the same bytes on the wire as node:http sends (Host, Connection: keep-alive, the caller's headers,
// Content-Length), with none of the per-request objects.
import { connect, type Socket } from 'node:net';

export interface PostAnswer {
  status: number;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: unknown;
}

export interface JsonPoster {
  post(url: string, headers: Record<string, string>, body: string): Promise<PostAnswer>;
  close(): void;
}

interface Waiter {
  resolve(answer: PostAnswer): void;
  reject(error: Error): void;
}

interface Target {
  host: string;
  port: number;
  /** The request line and Host header, ready to prepend. */
  head: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One kept-alive connection answering one request at a time (HTTP/1.1 without pipelining, as node:http's agent). */
class Connection {
  private readonly socket: Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private waiter: Waiter | undefined;
  closed = false;
  /** 'error' and 'close' both arrive for a broken socket: the slot is given back once. */
  private gone = false;

  constructor(
    readonly key: string,
    target: Target,
    private readonly onIdle: (connection: Connection) => void,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.socket = connect({ host: target.host, port: target.port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the hub closed the connection')));
  }

  send(request: string, waiter: Waiter): void {
    this.waiter = waiter;
    this.socket.write(request);
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const answer = parseAnswer(this.buffered);
    if (answer === undefined) return;
    const waiter = this.waiter;
    this.waiter = undefined;
    this.buffered = this.buffered.subarray(answer.consumed);
    if (answer.close) this.destroy();
    waiter?.resolve({ status: answer.status, body: answer.body });
    if (!this.closed) this.onIdle(this);
  }

  private fail(error: Error): void {
    if (this.gone) return;
    this.gone = true;
    if (!this.closed) this.destroy();
    this.onClosed(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

interface ParsedAnswer {
  status: number;
  body: unknown;
  /** Bytes of the buffer the answer took. */
  consumed: number;
  /** The hub asked to close the connection after this answer. */
  close: boolean;
}

/** The answer at the start of `bytes`, or undefined while it has not all arrived. */
export function parseAnswer(bytes: Buffer): ParsedAnswer | undefined {
  const headerEnd = bytes.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = bytes.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) throw new Error(`not an HTTP/1.x answer: ${JSON.stringify(head.slice(0, 40))}`);
  const lower = head.toLowerCase();
  const close = /\r\nconnection:\s*close/.test(lower);
  const bodyStart = headerEnd + HEADER_END.length;
  const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
  if (length) {
    const end = bodyStart + Number(length[1]);
    if (bytes.length < end) return undefined;
    return { status, body: parseJson(bytes.toString('utf8', bodyStart, end)), consumed: end, close };
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
    const chunks: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const lineEnd = bytes.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(bytes.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('a chunked answer with an unreadable chunk size');
      const dataEnd = lineEnd + 2 + size;
      if (bytes.length < dataEnd + 2) return undefined;
      if (size === 0) {
        // No trailers are sent by the hub: the last chunk is followed by the empty line.
        return { status, body: parseJson(Buffer.concat(chunks).toString('utf8')), consumed: dataEnd + 2, close };
      }
      chunks.push(bytes.subarray(lineEnd + 2, dataEnd));
      at = dataEnd + 2;
    }
  }
  // Neither: an answer without a body (204, 304) — the hub sends Content-Length on every other.
  return { status, body: undefined, consumed: bodyStart, close };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function targetOf(url: string): Target {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new Error(`the bench's poster speaks plain HTTP only, not ${parsed.protocol}`);
  const port = parsed.port === '' ? 80 : Number(parsed.port);
  return { host: parsed.hostname, port, head: `POST ${parsed.pathname}${parsed.search} HTTP/1.1\r\nHost: ${parsed.host}\r\nConnection: keep-alive\r\n` };
}

/** At most `sockets` requests in flight at once, each on a kept-alive connection of its own. */
export function jsonPoster(sockets: number): JsonPoster {
  const targets = new Map<string, Target>();
  const idle = new Map<string, Connection[]>();
  const queued: { key: string; request: string; waiter: Waiter }[] = [];
  const open = new Set<Connection>();
  const onIdle = (connection: Connection): void => {
    const next = queued.findIndex((entry) => entry.key === connection.key);
    if (next >= 0) {
      const [entry] = queued.splice(next, 1);
      connection.send(entry!.request, entry!.waiter);
      return;
    }
    const list = idle.get(connection.key) ?? [];
    list.push(connection);
    idle.set(connection.key, list);
  };
  const onClosed = (connection: Connection): void => {
    open.delete(connection);
    const list = idle.get(connection.key);
    if (list) idle.set(connection.key, list.filter((c) => c !== connection));
    // A slot came free: a queued request gets a new connection.
    const next = queued.shift();
    if (next) dispatch(next.key, next.request, next.waiter);
  };
  const dispatch = (key: string, request: string, waiter: Waiter): void => {
    const ready = idle.get(key)?.pop();
    if (ready) return ready.send(request, waiter);
    if (open.size >= sockets) {
      queued.push({ key, request, waiter });
      return;
    }
    const connection = new Connection(key, targets.get(key)!, onIdle, onClosed);
    open.add(connection);
    connection.send(request, waiter);
  };
  return {
    post: (url, headers, body) =>
      new Promise((resolve, reject) => {
        let target = targets.get(url);
        if (!target) targets.set(url, (target = targetOf(url)));
        let request = target.head;
        for (const name in headers) request += `${name}: ${headers[name]}\r\n`;
        request += `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        dispatch(url, request, { resolve, reject });
      }),
    close: () => {
      for (const connection of open) connection.destroy();
      open.clear();
      idle.clear();
      for (const entry of queued.splice(0)) entry.waiter.reject(new Error('the poster was closed'));
    },
  };
}
