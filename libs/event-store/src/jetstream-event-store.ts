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
import type { HubEvent } from '@hub/domain';
import { decodeEvent, encodeEvent } from './event-codec.js';
import { StreamUnavailableError, WrongLastSequenceError } from './errors.js';
import { EVENT_STREAM } from './stream-config.js';

export interface AppendAck {
  seq: number;
  /** The server already held this id (inside its dedupe window); `seq` is the original's. */
  duplicate: boolean;
}

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
   * will seal it (a header, so a restart finds what a crash left unsealed).
   */
  async appendOne(streamSubject: string, event: HubEvent, expectedLastSeq: number, sealer?: string): Promise<AppendAck> {
    const { body, headers } = encodeEvent(event, sealer);
    try {
      const ack = await this.js.publish(streamSubject, body, {
        msgID: event.id,
        headers,
        expect: { lastSubjectSequence: expectedLastSeq, streamName: this.stream },
        timeout: 10_000,
      });
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence) {
        throw new WrongLastSequenceError(streamSubject, expectedLastSeq, await this.lastSequenceOf(streamSubject));
      }
      throw new StreamUnavailableError(`append to ${streamSubject} failed: ${(error as Error).message}`, { cause: error });
    }
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
   * Reads matching messages with an ordered consumer from `fromSeq` up to the last matching message the
   * stream holds when the read starts, then stops (it does not wait for new messages).
   *
   * The end is that message's sequence, not "nothing pending": nats-server 2.9.10 at times over-counts what a
   * filtered consumer has pending (a coordination log checkpoint read hung for good on 3,457 pending, 3,308
   * delivered, the last one still saying 149 to come), and a read waiting for 0 never ended.
   */
  async *read(options: ReadOptions = {}): AsyncGenerator<JsMsg> {
    const filter = options.filter ?? '>';
    const fromSeq = options.fromSeq ?? 1;
    const last = await this.lastMatching(filter);
    if (last === undefined || last.seq < fromSeq) return;
    const since = fromSeq > 1 ? undefined : options.since;
    // Nothing stored at or after `since`: a consumer would wait for the first message that is.
    if (since !== undefined && last.time.getTime() < Date.parse(since)) return;
    const end = last.seq;
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: filter,
      ...(fromSeq > 1
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq }
        : since !== undefined
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since }
          : { deliver_policy: DeliverPolicy.All }),
      headers_only: options.headersOnly ?? false,
    });
    const messages = await consumer.consume({ max_messages: 2_000 });
    try {
      for await (const msg of messages) {
        yield msg;
        if (msg.seq >= end || msg.info.pending === 0) break;
      }
    } finally {
      await messages.close();
    }
  }

  /** The sequence of the last message whose subject matches `filter` (a subject or a wildcard); 0 when none does. */
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
