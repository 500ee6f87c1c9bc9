// A reader of stream sequence ranges speaking the NATS protocol on its own socket: the audit's worker threads
// read the whole log through it. nats.js's consumer costs ~8 µs of CPU per message (its protocol parser walks
// every byte of each frame's header in JavaScript, then builds a message, a JetStream message and its delivery
// info); this costs ~4, which is a third of a verify pass's CPU over a million events. It does one thing: pull
// a range from an ephemeral consumer, as the principal it is given (same nkey, same inbox prefix, so the same
// permissions as the nats.js connection it replaces).
import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions as TlsOptions } from 'node:tls';
// Not the package index: a worker thread loads what it imports at start.
import { nativeNkeyAuthenticator } from '../../../runtime/src/nkey-native.js';
import { readDelivery, type Delivery } from './js-delivery.js';
import { FrameParser, headerValue, statusOf, type WireMessage } from './frame-parser.js';

export interface StreamRangeSocketOptions {
  /** `nats://host:port` or `tls://host:port` (a comma-separated list is tried in order). */
  url: string;
  /** nkey user seed (`SU…`); omitted for an open server. */
  seed?: string;
  /** The principal's reply prefix (its permissions allow subscribing only under it). */
  inboxPrefix?: string;
  name: string;
  /** For a server that requires TLS: passed to `tls.connect` (the default trust store otherwise). */
  tls?: TlsOptions;
  /** A dial, a request or a range that makes no progress for this long fails (default 60 s). */
  timeoutMs?: number;
}

/**
 * One message of a range; `payload` is a view into the socket's chunk and `frame` the parser's frame, both valid only
 * during the call (`frame.headers` makes a view of its header block, for a caller that needs it).
 */
export type RangeMessageHandler = (seq: number, subject: string, storedAt: number, payload: Uint8Array, frame: WireMessage) => void;

/** A failure of the reader's connection or of the server's answer. */
export class StreamReadError extends Error {
  override readonly name = 'StreamReadError';
}

/**
 * Messages asked for per pull request; another is sent when half of those outstanding have arrived. 10,000 with
 * the verify pass's 20,000-seq ranges: two pulls and a top-up per range (see RANGE in log-verification.ts).
 */
const PULL_BATCH = 10_000;
/** A pull request's own expiry (ns); an expired one is renewed while the range is unfinished. */
const PULL_EXPIRES_NS = 30e9;
/** An ephemeral consumer the reader could not delete (a dead connection) goes away on its own after this (ns). */
const CONSUMER_IDLE_NS = 60e9;

type Route = (message: WireMessage) => void;

export class StreamRangeSocket {
  private readonly inbox: string;
  /** Answers to requests, by reply subject (they come on subscription 1, the inbox's `r.>`). */
  private readonly replies = new Map<string, Route>();
  /** A range's deliveries, by subscription id (they keep their stream subjects). */
  private readonly deliveries = new Map<number, Route>();
  private subscriptions = 1;
  private readonly failures = new Set<(error: Error) => void>();
  private requests = 0;
  private ended: Error | undefined;

  private constructor(
    private socket: Socket,
    private readonly options: StreamRangeSocketOptions,
  ) {
    this.inbox = `${options.inboxPrefix ?? '_INBOX'}.${randomBytes(12).toString('hex')}`;
  }

  /** Dials, authenticates (upgrading to TLS when the server or the URL asks for it) and subscribes to its inbox. */
  static async open(options: StreamRangeSocketOptions): Promise<StreamRangeSocket> {
    const urls = options.url.split(',').map((u) => u.trim()).filter((u) => u !== '');
    let lastError: Error = new StreamReadError('no NATS server URL given');
    for (const url of urls) {
      try {
        return await StreamRangeSocket.dial(url, options);
      } catch (error) {
        lastError = error as Error;
      }
    }
    throw lastError;
  }

  get closed(): boolean {
    return this.ended !== undefined;
  }

  close(): void {
    this.fail(new StreamReadError('the stream reader was closed'));
  }

  /**
   * Reads the messages of `stream` from `fromSeq` through `toSeq` (all subjects) in order, handing each to
   * `onMessage` as it arrives; resolves after the last one (or at the stream's end).
   */
  async readRange(stream: string, fromSeq: number, toSeq: number, onMessage: RangeMessageHandler): Promise<void> {
    const created = (await this.request(`$JS.API.CONSUMER.CREATE.${stream}`, {
      stream_name: stream,
      config: { deliver_policy: 'by_start_sequence', opt_start_seq: fromSeq, ack_policy: 'none', mem_storage: true, num_replicas: 1, inactive_threshold: CONSUMER_IDLE_NS },
    })) as { name?: string; num_pending?: number; error?: { code: number; description: string } };
    if (created.error || created.name === undefined) {
      throw new StreamReadError(`could not read ${stream} from seq ${fromSeq}: ${created.error?.description ?? 'no consumer name in the answer'}`);
    }
    const consumer = created.name;
    try {
      if (toSeq >= fromSeq && created.num_pending !== 0) await this.pullRange(stream, consumer, fromSeq, toSeq, onMessage);
    } finally {
      // Fire and forget: an undeleted consumer expires after CONSUMER_IDLE_NS.
      if (!this.closed) this.publish(`$JS.API.CONSUMER.DELETE.${stream}.${consumer}`, '', `${this.inbox}.r.void`);
    }
  }

  private pullRange(stream: string, consumer: string, fromSeq: number, toSeq: number, onMessage: RangeMessageHandler): Promise<void> {
    const deliverTo = `${this.inbox}.m.${++this.requests}`;
    const sid = ++this.subscriptions;
    this.socket.write(`SUB ${deliverTo} ${sid}\r\n`);
    let last = fromSeq - 1;
    let outstanding = 0;
    let progressed = true;
    // Refilled for each message (read off the frame's bytes).
    const delivery: Delivery = { streamSeq: 0, storedAt: 0, pending: 0 };
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        clearInterval(watchdog);
        this.deliveries.delete(sid);
        if (!this.closed) this.socket.write(`UNSUB ${sid}\r\n`);
        this.failures.delete(done);
        if (error) reject(error);
        else resolve();
      };
      // Asks for what the range still lacks, never more: messages past toSeq would be read for nothing.
      const pull = (): void => {
        const want = Math.min(PULL_BATCH, toSeq - last - outstanding);
        if (want <= 0 || outstanding > PULL_BATCH / 2) return;
        outstanding += want;
        this.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`, JSON.stringify({ batch: want, expires: PULL_EXPIRES_NS }), deliverTo);
      };
      const watchdog = setInterval(() => {
        if (!progressed) done(new StreamReadError(`reading ${stream} stalled after seq ${last} (nothing for ${this.timeoutMs} ms)`));
        progressed = false;
      }, this.timeoutMs);
      this.failures.add(done);
      this.deliveries.set(sid, (message) => {
        progressed = true;
        if (message.payloadLength === 0 && message.headerStart >= 0) {
          const status = statusOf(message.headers);
          if (status.code === 408) {
            // The request expired with messages still owed: those are asked for again.
            outstanding -= Number(headerValue(message.headers, 'Nats-Pending-Messages') ?? 0);
            pull();
          } else if (status.code !== 100) done(new StreamReadError(`reading ${stream}: the server answered ${status.code} ${status.description}`));
          return;
        }
        if (!readDelivery(message.buf, message.replyStart, message.replyEnd, delivery)) {
          done(new StreamReadError(`reading ${stream}: a message came without a JetStream delivery subject (${message.reply || 'none'})`));
          return;
        }
        outstanding -= 1;
        if (delivery.streamSeq > toSeq) {
          done();
          return;
        }
        last = delivery.streamSeq;
        try {
          onMessage(delivery.streamSeq, message.subject, delivery.storedAt, message.payload, message);
        } catch (error) {
          done(error as Error);
          return;
        }
        if (delivery.streamSeq >= toSeq || delivery.pending === 0) done();
        else pull();
      });
      try {
        pull();
      } catch (error) {
        done(error as Error);
      }
    });
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 60_000;
  }

  /** A JetStream API request: its JSON answer. */
  private request(subject: string, body: unknown): Promise<unknown> {
    const replyTo = `${this.inbox}.r.${++this.requests}`;
    return new Promise((resolve, reject) => {
      const done = (error?: Error, answer?: unknown): void => {
        clearTimeout(timer);
        this.replies.delete(replyTo);
        this.failures.delete(done);
        if (error) reject(error);
        else resolve(answer);
      };
      const timer = setTimeout(() => done(new StreamReadError(`no answer to ${subject} within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.failures.add(done);
      this.replies.set(replyTo, (message) => {
        const status = statusOf(message.headers);
        if (status.code === 503) done(new StreamReadError(`${subject}: no responders (is JetStream enabled?)`));
        else if (status.code !== 0) done(new StreamReadError(`${subject}: the server answered ${status.code} ${status.description}`));
        else {
          try {
            done(undefined, JSON.parse(Buffer.from(message.payload).toString('utf8')));
          } catch {
            done(new StreamReadError(`${subject}: the answer is not JSON`));
          }
        }
      });
      try {
        this.publish(subject, JSON.stringify(body), replyTo);
      } catch (error) {
        done(error as Error);
      }
    });
  }

  private publish(subject: string, body: string, replyTo: string): void {
    if (this.ended) throw this.ended;
    this.socket.write(`PUB ${subject} ${replyTo} ${Buffer.byteLength(body)}\r\n${body}\r\n`);
  }

  private fail(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    for (const failure of [...this.failures]) failure(error);
    this.socket.destroy();
  }

  private onFrame(message: WireMessage): void {
    if (message.sid === 1) this.replies.get(message.subject)?.(message);
    else this.deliveries.get(message.sid)?.(message);
  }

  private onControl(line: string): void {
    if (line === 'PING') this.socket.write('PONG\r\n');
    // A refused publish (permissions) leaves the connection open, but whatever waited on it would wait forever.
    else if (line.startsWith('-ERR')) this.fail(new StreamReadError(`the NATS server refused: ${line.slice(5)}`));
  }

  private static dial(url: string, options: StreamRangeSocketOptions): Promise<StreamRangeSocket> {
    const parsed = new URL(url.includes('://') ? url : `nats://${url}`);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const port = Number(parsed.port || 4222);
    const wantsTls = parsed.protocol === 'tls:';
    return new Promise((resolve, reject) => {
      // No Nagle: a range's small requests (create, pull, delete) would each wait for the previous one's ACK.
      const plain = connectTcp({ host, port, noDelay: true });
      const reader = new StreamRangeSocket(plain, options);
      let handshake = true;
      const timer = setTimeout(() => fail(new StreamReadError(`no answer from the NATS server at ${url} within ${reader.timeoutMs} ms`)), reader.timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        reader.fail(error);
        reject(error);
      };
      const attach = (socket: Socket, parser: FrameParser): void => {
        socket.on('data', (chunk: Buffer) => {
          try {
            parser.feed(chunk);
          } catch (error) {
            (handshake ? fail : reader.fail.bind(reader))(error as Error);
          }
        });
        socket.on('error', (error) => (handshake ? fail : reader.fail.bind(reader))(new StreamReadError(`NATS connection to ${url}: ${error.message}`)));
        socket.on('close', () => (handshake ? fail : reader.fail.bind(reader))(new StreamReadError(`NATS connection to ${url} closed`)));
      };
      const greet = (info: { nonce?: string }, secure: boolean): void => {
        const auth = options.seed ? nativeNkeyAuthenticator(options.seed)(info.nonce) : {};
        const connect = { verbose: false, pedantic: false, headers: true, no_responders: true, protocol: 1, lang: 'hub-stream-reader', version: '1', name: options.name, tls_required: secure, ...auth };
        reader.socket.write(`CONNECT ${JSON.stringify(connect)}\r\nPING\r\n`);
      };
      // Before CONNECT is answered: INFO (maybe a TLS upgrade), then PONG or -ERR; after it, the reader's own handling.
      const handshakeParser = new FrameParser({
        message: (message) => reader.onFrame(message),
        control: (line) => {
          if (!handshake) return reader.onControl(line);
          if (line.startsWith('INFO ')) {
            const info = JSON.parse(line.slice(5)) as { nonce?: string; tls_required?: boolean };
            if (!wantsTls && info.tls_required !== true) return greet(info, false);
            // NATS upgrades the same socket after its plaintext INFO.
            plain.removeAllListeners('data');
            plain.removeAllListeners('close');
            plain.removeAllListeners('error');
            const secure = connectTls({ socket: plain, ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }), ...options.tls });
            reader.socket = secure;
            secure.once('secureConnect', () => greet(info, true));
            attach(secure, handshakeParser);
          } else if (line === 'PONG') {
            handshake = false;
            clearTimeout(timer);
            reader.socket.write(`SUB ${reader.inbox}.r.> 1\r\n`);
            resolve(reader);
          } else if (line.startsWith('-ERR')) fail(new StreamReadError(`the NATS server at ${url} refused the connection: ${line.slice(5)}`));
          else if (line === 'PING') reader.socket.write('PONG\r\n');
        },
      });
      attach(plain, handshakeParser);
    });
  }
}
