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
   * Reads matching messages with an ordered consumer from `fromSeq` up to the end of the stream as
   * it is when the consumer is created, then stops (it does not wait for new messages).
   */
  async *read(options: ReadOptions = {}): AsyncGenerator<JsMsg> {
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: options.filter ?? '>',
      ...(options.fromSeq && options.fromSeq > 1
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: options.fromSeq }
        : options.since !== undefined
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: options.since }
          : { deliver_policy: DeliverPolicy.All }),
      headers_only: options.headersOnly ?? false,
    });
    const info = await consumer.info(true);
    if (info.num_pending === 0) {
      await consumer.delete().catch(() => undefined);
      return;
    }
    const messages = await consumer.consume({ max_messages: 2_000 });
    try {
      for await (const msg of messages) {
        yield msg;
        if (msg.info.pending === 0) break;
      }
    } finally {
      await messages.close();
    }
  }
}
