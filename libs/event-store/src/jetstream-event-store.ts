import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { storedBytes, type HubEvent } from '@hub/domain';
import { appendHeaderPairs, decodeEvent } from './event-codec.js';
import { JetStreamPublisher, type PublishAck } from './jetstream-publisher.js';
import { StreamUnavailableError, WrongLastSequenceError } from './errors.js';
import { EVENT_STREAM } from './stream-config.js';

export interface AppendAck {
  seq: number;
  /** The server already held this id (inside its dedupe window); `seq` is the original's. */
  duplicate: boolean;
}

const isWildcard = (filter: string): boolean => filter.split('.').some((token) => token === '*' || token === '>');

/** A read that received nothing for this long asks whether the filter has anything left for it (see read). */
const STALL_MS = 1_000;

export interface StoredEvent {
  seq: number;
  streamSubject: string;
  event: HubEvent;
}

export interface ReadOptions {
  /** One subject or one wildcard filter (nats-server 2.9 has no multi-filter consumers). */
  filter?: string;
  fromSeq?: number;
  /** Instead of fromSeq: from the first message stored at or after this instant (ISO 8601). */
  since?: string;
  headersOnly?: boolean;
}

/** The event log on a JetStream stream: idempotent, optimistically concurrent appends and ordered reads. */
export class JetStreamEventStore {
  readonly js: JetStreamClient;
  private jsmPromise: Promise<JetStreamManager> | undefined;
  /** Made at the first append: most stores only read. */
  private publisher: JetStreamPublisher | undefined;

  constructor(
    readonly nc: NatsConnection,
    readonly stream: string = EVENT_STREAM,
  ) {
    this.js = jetstream(nc);
  }

  private manager(): Promise<JetStreamManager> {
    this.jsmPromise ??= jetstreamManager(this.nc, { checkAPI: false });
    return this.jsmPromise;
  }

  /**
   * Appends one sealed event. `expectedLastSeq` is the stream sequence of the subject's last event
   * (0: the subject must be empty). Dedupe is by event id through Nats-Msg-Id. `sealer`: the seal chain that
   * will seal it (a header, so a restart finds what a crash left unsealed). `body`: the event's stored bytes when the
   * caller has them (sealWithBody), else {@link storedBytes}.
   */
  async appendOne(streamSubject: string, event: HubEvent, expectedLastSeq: number, sealer?: string, body?: Uint8Array): Promise<AppendAck> {
    try {
      const ack = await this.leanPublisher().publish(streamSubject, body ?? storedBytes(event), appendHeaderPairs(event, sealer), {
        msgId: event.id,
        stream: this.stream,
        lastSubjectSequence: expectedLastSeq,
      });
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence) {
        throw new WrongLastSequenceError(streamSubject, expectedLastSeq, await this.lastSequenceOf(streamSubject));
      }
      throw new StreamUnavailableError(`append to ${streamSubject} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Publishes `body` to `subject` with only Nats-Msg-Id and the expected stream and last subject sequence (the headers
   * `js.publish` writes for those options, in its order), through the append path's publisher: a seal per group
   * commit went through `js.publish`'s request per message. Errors are the publisher's (JetStreamApiError for
   * JetStream's answers), unwrapped.
   */
  publishExpecting(subject: string, body: Uint8Array, expect: { msgId: string; lastSubjectSequence: number }): Promise<PublishAck> {
    return this.leanPublisher().publish(subject, body, [], { msgId: expect.msgId, stream: this.stream, lastSubjectSequence: expect.lastSubjectSequence });
  }

  /** The append path's publisher (appends and seals), made with the first of them. */
  private leanPublisher(): JetStreamPublisher {
    return (this.publisher ??= new JetStreamPublisher(this.nc, 10_000));
  }

  /** The sequence of the subject's last message (undefined if it cannot be read); only asked after a conflict. */
  private async lastSequenceOf(streamSubject: string): Promise<number | undefined> {
    const last = await (await this.manager()).streams.getMessage(this.stream, { last_by_subj: streamSubject }).catch(() => null);
    return last?.seq;
  }

  /** The stream's last sequence (0 when empty). */
  async lastSequence(): Promise<number> {
    try {
      const info = await (await this.manager()).streams.info(this.stream);
      return info.state.last_seq;
    } catch (error) {
      throw new StreamUnavailableError(`stream ${this.stream} unavailable: ${(error as Error).message}`, { cause: error });
    }
  }

  /** When the stream was created (JetStream's ISO time): tells a stream from one recreated under its name. */
  async createdAt(): Promise<string> {
    try {
      return (await (await this.manager()).streams.info(this.stream)).created;
    } catch (error) {
      throw new StreamUnavailableError(`stream ${this.stream} unavailable: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The message stored at `seq`, or null. */
  async eventAt(seq: number): Promise<StoredEvent | null> {
    const msg = await (await this.manager()).streams.getMessage(this.stream, { seq });
    if (!msg) return null;
    return { seq: msg.seq, streamSubject: msg.subject, event: decodeEvent(msg.data, msg.seq) };
  }

  /** Every event of one aggregate subject, in order. */
  async readAggregate(streamSubject: string): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const msg of this.read({ filter: streamSubject })) {
      out.push({ seq: msg.seq, streamSubject: msg.subject, event: decodeEvent(msg.data, msg.seq) });
    }
    return out;
  }

  /**
   * Reads matching messages with an ordered consumer from `fromSeq` up to the stream's last message when the
   * read starts, then stops (it does not wait for new messages).
   *
   * The end of a wildcard read is found without asking for the filter's last message first: nats-server 2.9 answers a
   * wildcard `last_by_subj` by walking its blocks back from the end until one matches, the whole store when
   * none does (15–20 ms at 100k messages, 50–58 ms at 300k), and a department's snapshot fold made one per
   * filter every minute, most of them matching nothing recent. Instead: one stream info (the stream's last
   * seq, a constant cost), one `next_by_subj` from `fromSeq` (walks only what follows it; nothing found ends
   * the read before a consumer is made), and the consumer from that first match. The read then ends at the
   * stream's last seq, or when the server says nothing is pending. nats-server 2.9.10 at times over-counts
   * what a filtered consumer has pending (a coordination log checkpoint read hung for good on 3,457 pending,
   * 3,308 delivered, the last one still saying 149 to come), so a read that receives nothing for a while asks
   * for the filter's last message then, and ends when it has delivered it.
   */
  async *read(options: ReadOptions = {}): AsyncGenerator<JsMsg> {
    const filter = options.filter ?? '>';
    const fromSeq = Math.max(1, options.fromSeq ?? 1);
    const since = fromSeq > 1 ? undefined : options.since;
    let startSeq: number | undefined;
    let end: number;
    if (since !== undefined || !isWildcard(filter)) {
      // From an instant, only the filter's last message says whether anything under it is that recent (rare: sweeps);
      // a plain subject's last message is an index lookup, and then the one round trip that also gives the exact end.
      const last = await this.lastMatching(filter);
      // Nothing stored at or after `since`: a consumer would wait for the first message that is.
      if (last === undefined || last.seq < fromSeq || (since !== undefined && last.time.getTime() < Date.parse(since))) return;
      end = last.seq;
    } else {
      end = await this.lastSequence();
      if (end < fromSeq) return;
      startSeq = await this.nextSequenceMatching(filter, fromSeq);
      if (startSeq === undefined || startSeq > end) return;
    }
    startSeq ??= fromSeq;
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: filter,
      ...(startSeq > 1
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSeq }
        : since !== undefined
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since }
          : { deliver_policy: DeliverPolicy.All }),
      headers_only: options.headersOnly ?? false,
    });
    const messages = await consumer.consume({ max_messages: 2_000 });
    let lastDelivered = 0;
    let lastArrival = performance.now();
    let asking = false;
    const watchdog = setInterval(() => {
      if (asking || performance.now() - lastArrival < STALL_MS) return;
      asking = true;
      // Quiet for a while: either the server is slow, or it announced more than it has (see above).
      void this.lastMatching(filter)
        .then((last) => {
          if (last === undefined || last.seq <= lastDelivered) messages.stop();
        })
        .catch(() => undefined)
        .finally(() => {
          asking = false;
          lastArrival = performance.now();
        });
    }, STALL_MS);
    try {
      for await (const msg of messages) {
        // Stored after the read started (past the last matching message then): the next read's.
        if (msg.seq > end) break;
        lastDelivered = msg.seq;
        lastArrival = performance.now();
        yield msg;
        if (msg.seq >= end || msg.info.pending === 0) break;
      }
    } finally {
      clearInterval(watchdog);
      await messages.close();
    }
  }

  /**
   * The sequence of the first message at or after `fromSeq` whose subject matches `filter` (a subject or a
   * wildcard), if any. nats-server walks forward from `fromSeq` only, so asking about the tail of a large
   * stream costs what the tail holds.
   */
  async nextSequenceMatching(filter: string, fromSeq: number): Promise<number | undefined> {
    try {
      // nats-server 2.9's message get takes `next_by_subj` with `seq`; the client's type for it names only seq and last_by_subj.
      const request = { seq: fromSeq, next_by_subj: filter };
      const next = await (await this.manager()).streams.getMessage(this.stream, request);
      return next?.seq;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return undefined;
      throw error;
    }
  }

  /**
   * The sequence of the last message whose subject matches `filter` (a subject or a wildcard); 0 when none does.
   * A wildcard that matches nothing recent walks nats-server 2.9's whole store: not for anything run often.
   */
  async lastSequenceMatching(filter: string): Promise<number> {
    return (await this.lastMatching(filter))?.seq ?? 0;
  }

  /** The sequence and time of the last message whose subject matches `filter` (a subject or a wildcard), if any. */
  private async lastMatching(filter: string): Promise<{ seq: number; time: Date } | undefined> {
    try {
      const last = await (await this.manager()).streams.getMessage(this.stream, { last_by_subj: filter });
      return last ? { seq: last.seq, time: last.time } : undefined;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return undefined;
      throw error;
    }
  }
}
