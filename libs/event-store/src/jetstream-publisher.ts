import { JetStreamApiError, PubHeaders } from '@nats-io/jetstream';
import { createInbox, errors, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { readAck, type AckAnswer } from './publish-ack.js';

/** What JetStream answers a stored (or deduplicated) publish with. */
export interface PublishAck {
  stream: string;
  seq: number;
  duplicate: boolean;
}

/** One header of a publish, name as written (names are checked once, where they are constants). */
export type HeaderPair = readonly [name: string, value: string];

interface Pending {
  resolve(ack: PublishAck): void;
  reject(error: Error): void;
  deadline: number;
  subject: string;
}

/**
 * A header block already encoded. nats.js's `publish` asks its headers for nothing but `encode()` (protocol.js:
 * `hdrs.encode()`, then HPUB with its length), so a block written once as bytes is sent as nats.js's own header set
 * would have sent it, without a Map, its look-ups and a string rebuilt per set.
 */
class EncodedHeaders {
  constructor(private readonly bytes: Uint8Array) {}
  encode(): Uint8Array {
    return this.bytes;
  }
}

const HEADER_LINE = 'NATS/1.0';

/**
 * A header value as nats.js's header set takes it (MsgHdrsImpl.validHeaderValue): no CR or LF, trimmed. An id with a
 * line break fails here as it failed in nats.js's set, before anything is sent.
 */
function headerValue(value: string): string {
  if (value.includes('\r') || value.includes('\n')) throw new errors.InvalidArgumentError('header values cannot contain \\r or \\n');
  return value.trim();
}

/**
 * JetStream publishes with their acks, without nats.js's request per publish. `js.publish` builds for every message a
 * copy of its options, a header Map (six sets, each listing the names), a request object with a deferred promise and
 * its own timeout timer, registers it in the connection's mux, and parses the ack through a fresh TextDecoder: about
 * a tenth of the department service's CPU per appended event through the NATS intake (CPU profile of bench (c)).
 * Here a publish is one HPUB with its header block written as one string (the same lines, in the same order, as
 * nats.js's set would have written them), a token on one subscription of this publisher's own, and one entry in a
 * map whose order is its deadlines' (one timeout for all), swept by one timer while anything waits.
 *
 * Errors are the ones `js.publish` gave its callers: a JetStream error answer as JetStreamApiError (its code and
 * description), no answer within the timeout as nats.js's TimeoutError, no JetStream behind the subject as
 * NoRespondersError, a closed connection as ClosedConnectionError.
 */
export class JetStreamPublisher {
  private readonly prefix: string;
  private readonly subscription: Subscription;
  private readonly pending = new Map<string, Pending>();
  private next = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = 10_000,
  ) {
    const inboxPrefix = (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    this.prefix = `${createInbox(inboxPrefix)}.`;
    this.subscription = nc.subscribe(`${this.prefix}*`, { callback: (error, msg) => this.answer(error, msg) });
    void this.subscription.closed.then(() => this.failAll(new errors.ClosedConnectionError()));
  }

  /**
   * Publishes `body` to `subject` with `headers` (in order) and then Nats-Msg-Id, Nats-Expected-Stream and
   * Nats-Expected-Last-Subject-Sequence (js.publish's order), and resolves with JetStream's ack.
   */
  publish(subject: string, body: Uint8Array, headers: readonly HeaderPair[], expect: { msgId: string; stream: string; lastSubjectSequence: number }): Promise<PublishAck> {
    let block = HEADER_LINE;
    for (const [name, value] of headers) block += `\r\n${name}: ${headerValue(value)}`;
    block += `\r\n${PubHeaders.MsgIdHdr}: ${headerValue(expect.msgId)}\r\n${PubHeaders.ExpectedStreamHdr}: ${headerValue(expect.stream)}\r\n${PubHeaders.ExpectedLastSubjectSequenceHdr}: ${expect.lastSubjectSequence}\r\n\r\n`;
    const token = (this.next++).toString(36);
    return new Promise<PublishAck>((resolve, reject) => {
      try {
        this.nc.publish(subject, body, { reply: this.prefix + token, headers: new EncodedHeaders(Buffer.from(block, 'utf8')) as unknown as MsgHdrs });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.pending.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs, subject });
      this.sweeper ??= setInterval(() => this.sweep(), Math.min(1_000, this.timeoutMs)).unref();
    });
  }

  private answer(error: Error | null, msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const waiting = this.pending.get(token);
    if (waiting === undefined) return; // timed out already, or not ours
    this.pending.delete(token);
    if (error) return waiting.reject(error);
    if (msg.data.length === 0 && msg.headers?.code === 503) return waiting.reject(new errors.NoRespondersError(waiting.subject));
    let ack: AckAnswer;
    try {
      ack = readAck(msg.data);
    } catch (parseError) {
      return waiting.reject(parseError as Error);
    }
    if (ack.error) return waiting.reject(new JetStreamApiError(ack.error));
    if (!ack.stream || typeof ack.seq !== 'number') return waiting.reject(new Error('invalid ack response'));
    waiting.resolve({ stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate === true });
  }

  /** Entries were added with one timeout, so they expire in map order: stop at the first still waiting. */
  private sweep(): void {
    const now = Date.now();
    for (const [token, waiting] of this.pending) {
      if (waiting.deadline > now) break;
      this.pending.delete(token);
      waiting.reject(new errors.TimeoutError());
    }
    if (this.pending.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
