import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { RawMessage } from '@hub/persistence';
import { retryOnTimeout } from '@hub/event-store';

export interface OrderedBatchOptions {
  stream: string;
  fromSeq: number;
  batchSize: number;
  /** Stop once this sequence has been read; default: once nothing more is pending. */
  untilSeq?: number;
}

/**
 * Reads the stream from `fromSeq` with an ordered consumer (ephemeral, no acks, recreated by the client
 * on any gap) and yields batches of up to `batchSize` messages. Ends when caught up (nothing pending) or
 * at `untilSeq`. While the caller works on a batch the client keeps pulling the next one.
 */
export async function* orderedBatches(js: JetStreamClient, options: OrderedBatchOptions): AsyncGenerator<RawMessage[]> {
  // A rebuild may run while a cluster node is down (the scale-out drill rebuilds right after killing the stream leader).
  const consumer = await retryOnTimeout(() =>
    js.consumers.get(options.stream, {
      ...(options.fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: options.fromSeq } : { deliver_policy: DeliverPolicy.All }),
    }),
  );
  const info = await consumer.info(true);
  if (info.num_pending === 0 || (options.untilSeq !== undefined && options.untilSeq < options.fromSeq)) {
    await consumer.delete().catch(() => undefined);
    return;
  }
  const messages = await consumer.consume({ max_messages: options.batchSize * 2 });
  try {
    let batch: RawMessage[] = [];
    for await (const msg of messages) {
      batch.push({ seq: msg.seq, subject: msg.subject, data: msg.data });
      const done = msg.info.pending === 0 || (options.untilSeq !== undefined && msg.seq >= options.untilSeq);
      if (batch.length >= options.batchSize || done) {
        yield batch;
        batch = [];
      }
      if (done) return;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
}
