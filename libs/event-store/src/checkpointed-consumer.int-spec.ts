import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { startTestNats, type TestNats } from '@hub/runtime/testing';
import { CheckpointedConsumer, type ConsumerBatch, type ConsumerLogger, type ConsumerSession } from './checkpointed-consumer.js';
import { SkippedMessageError } from './errors.js';

/** What a handler's database would hold: the committed checkpoint and every sequence applied, in order. */
class MemoryStore {
  checkpoint = 0;
  readonly applied: number[] = [];
  readonly sessionsFrom: number[] = [];
  readonly batchSizes: number[] = [];
  private waiters: { seq: number; resolve: () => void }[] = [];

  commit(batch: ConsumerBatch): void {
    this.applied.push(...batch.messages.map((m) => m.seq));
    this.batchSizes.push(batch.messages.length);
    this.checkpoint = batch.lastSeq;
    batch.ack();
    for (const w of this.waiters.filter((w) => this.checkpoint >= w.seq)) w.resolve();
    this.waiters = this.waiters.filter((w) => this.checkpoint < w.seq);
  }

  committed(seq: number): Promise<void> {
    if (this.checkpoint >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** A session that commits each batch once `hold` lets it (at once by default) unless `broken` says the handler fails on it. */
  opener(broken: (batch: ConsumerBatch) => boolean = () => false, hold: (batch: ConsumerBatch) => Promise<void> = () => Promise.resolve()): () => Promise<ConsumerSession> {
    return () => {
      this.sessionsFrom.push(this.checkpoint);
      return Promise.resolve({
        checkpoint: this.checkpoint,
        handle: async (batch) => {
          if (broken(batch)) throw new Error(`handler broken at seq ${batch.lastSeq}`);
          await hold(batch);
          this.commit(batch);
        },
        close: () => Promise.resolve(),
      });
    };
  }
}

class RecordingLogger implements ConsumerLogger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(message);
  }
  warn(message: string): void {
    this.lines.push(message);
  }
  error(message: string): void {
    this.lines.push(message);
  }
}

describe('CheckpointedConsumer against a real JetStream', () => {
  let nats: TestNats;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: string;
  const running: CheckpointedConsumer[] = [];

  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect(nats.connectOptions('admin'));
    jsm = await jetstreamManager(nc);
  });

  afterEach(async () => {
    for (const consumer of running.splice(0)) await consumer.stop();
    await jsm.streams.delete(stream);
  });

  afterAll(async () => {
    await nc?.close();
    await nats?.cleanup();
  });

  /** A stream of its own (messages may be deleted, unlike the hub's) holding `count` messages on t.<name>.<i>. */
  const freshStream = async (count: number): Promise<void> => {
    stream = `T_${randomUUID().replaceAll('-', '')}`;
    await jsm.streams.add({ name: stream, subjects: [`t.${stream}.>`] });
    await publish(count);
  };
  const publish = async (count: number, kind = 'a'): Promise<void> => {
    const js = jetstream(nc);
    for (let i = 0; i < count; i++) await js.publish(`t.${stream}.${kind}`, new TextEncoder().encode(String(i)));
  };
  const start = async (
    store: MemoryStore,
    options: {
      broken?: (batch: ConsumerBatch) => boolean;
      hold?: (batch: ConsumerBatch) => Promise<void>;
      logger?: ConsumerLogger;
      errors?: Error[];
      minBatchIntervalMs?: number;
      holdCaughtUp?: (ms: number) => Promise<void>;
    } = {},
  ): Promise<CheckpointedConsumer> => {
    const consumer = new CheckpointedConsumer({
      nc,
      stream,
      name: 'tested',
      batchSize: 4,
      label: 'test',
      logger: options.logger ?? new RecordingLogger(),
      openSession: store.opener(options.broken, options.hold),
      retryDelayMs: { min: 1, max: 100 },
      onSessionError: (error) => options.errors?.push(error),
      // Immediate by default, so the other cases see each caught-up batch as it comes.
      minBatchIntervalMs: options.minBatchIntervalMs ?? 0,
      ...(options.holdCaughtUp ? { hold: options.holdCaughtUp } : {}),
    });
    running.push(consumer);
    await consumer.start();
    return consumer;
  };

  it('given a checkpoint, when a session starts, then it delivers from the next sequence in batches of at most batchSize, and a restart resumes where the last one committed', async () => {
    await freshStream(10);
    const store = new MemoryStore();
    store.checkpoint = 3;
    const first = await start(store);
    await store.committed(10);
    expect(store.applied).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(first.position).toBe(10);
    expect(Math.max(...store.batchSizes)).toBeLessThanOrEqual(4);
    expect(store.batchSizes.length).toBeGreaterThan(1);
    await first.stop();

    await publish(3);
    await start(store);
    await store.committed(13);
    expect(store.applied).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(store.sessionsFrom).toEqual([3, 10]);
  });

  it('given messages that arrived one at a time while a batch was committing, when the handler is free again, then they come as one batch, not one batch each', async () => {
    await freshStream(0);
    const store = new MemoryStore();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    await start(store, {
      hold: (batch) => {
        if (batch.lastSeq !== 1) return Promise.resolve();
        holding();
        return released;
      },
    });
    await publish(1);
    await held;
    // Each of these reaches the consumer alone, the server holding nothing behind it (info.pending 0).
    await publish(3);
    while ((await jsm.consumers.info(stream, 'tested')).delivered.stream_seq < 4);
    // The server sent 2..4 before answering this ping on the consumer's own connection: they wait in its buffer.
    await nc.flush();
    release();
    await store.committed(4);
    expect(store.batchSizes).toEqual([1, 3]);
  });

  it('given a steady trickle (each message arriving alone), when batches are spaced by an interval, then a lone first message goes at once and those arriving within the interval share the next batch', async () => {
    await freshStream(0);
    const store = new MemoryStore();
    const holds: number[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    await start(store, {
      minBatchIntervalMs: 60_000,
      // The first hold waits for the test; any later one (the interval is not up) ends at once.
      holdCaughtUp: (ms) => {
        holds.push(ms);
        if (holds.length > 1) return Promise.resolve();
        holding();
        return released;
      },
    });
    await publish(1);
    await store.committed(1);
    expect(holds).toEqual([]);
    await publish(3);
    await held;
    while ((await jsm.consumers.info(stream, 'tested')).delivered.stream_seq < 4);
    // The server sent 2..4 before answering this ping on the consumer's own connection: they wait in its buffer.
    await nc.flush();
    release();
    await store.committed(4);
    expect(store.batchSizes).toEqual([1, 3]);
    // Held at most the 50 ms a batch may stay open, not the minute of the interval.
    expect(Math.max(...holds)).toBeLessThanOrEqual(50);
  });

  it('given a handler that fails twice, when it fails, then the consumer backs off doubling the delay and each new session resumes at the committed checkpoint, applying nothing twice', async () => {
    await freshStream(9);
    const store = new MemoryStore();
    let failures = 0;
    const logger = new RecordingLogger();
    const errors: Error[] = [];
    await start(store, { logger, errors, broken: (batch) => batch.lastSeq > 4 && failures++ < 2 });
    await store.committed(9);
    expect(store.applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors.map((e) => e.message)).toEqual(['handler broken at seq 8', 'handler broken at seq 8']);
    expect(store.sessionsFrom).toEqual([0, 4, 4]);
    expect(logger.lines.filter((l) => l.includes('session failed')).map((l) => /retrying in (\d+) ms/.exec(l)?.[1])).toEqual(['1', '2']);
  });

  it('given a consumer that skips a message the stream still holds, when it delivers past it, then the session fails with SkippedMessageError and the next one delivers everything', async () => {
    await freshStream(0);
    await publish(1, 'a');
    await publish(1, 'b');
    // A durable consumer that agrees with checkpoint 0 but only delivers t.<stream>.b: seq 1 would be skipped.
    await jsm.consumers.add(stream, { durable_name: 'tested', ack_policy: AckPolicy.All, deliver_policy: DeliverPolicy.All, max_ack_pending: 16, filter_subject: `t.${stream}.b` });
    const store = new MemoryStore();
    const errors: Error[] = [];
    await start(store, { errors });
    await store.committed(2);
    expect(errors[0]).toBeInstanceOf(SkippedMessageError);
    expect(errors[0]).toMatchObject({ code: 'SKIPPED_MESSAGE', expected: 1, delivered: 2 });
    expect(store.applied).toEqual([1, 2]);
  });

  it('given a stream with a deleted message, when the consumer passes the hole, then it warns and continues without a session error', async () => {
    await freshStream(4);
    await jsm.streams.deleteMessage(stream, 2);
    const store = new MemoryStore();
    const logger = new RecordingLogger();
    const errors: Error[] = [];
    await start(store, { logger, errors });
    await store.committed(4);
    expect(store.applied).toEqual([1, 3, 4]);
    expect(errors).toEqual([]);
    expect(logger.lines).toContain(`stream ${stream} has no message at seq 2..2; continuing at 3`);
  });
});
