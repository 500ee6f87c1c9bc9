import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';

const MS = 1_000_000; // JetStream durations are nanoseconds

export interface DurableConsumerOptions {
  stream: string;
  name: string;
  /** Messages a batch may hold; the server must let at least a batch and a prefetch stay unacked. */
  batchSize: number;
}

export type ConsumerReconciliation = 'created' | 'kept' | 'recreated';

function desiredConfig(options: DurableConsumerOptions, checkpoint: number): Partial<ConsumerConfig> {
  return {
    durable_name: options.name,
    // One ack per batch: acking the batch's last message acknowledges everything before it.
    ack_policy: AckPolicy.All,
    ...(checkpoint > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: checkpoint + 1 } : { deliver_policy: DeliverPolicy.All }),
    // A batch is committed in well under a second; a minute covers a slow PostgreSQL before redelivery.
    ack_wait: 60_000 * MS,
    max_ack_pending: options.batchSize * 4,
    max_deliver: -1,
  };
}

/** Whether the consumer's position is exactly the checkpoint with nothing delivered beyond it. */
function agrees(info: ConsumerInfo, options: DurableConsumerOptions, checkpoint: number): boolean {
  return (
    info.config.ack_policy === AckPolicy.All &&
    (info.config.max_ack_pending ?? 0) >= options.batchSize * 2 &&
    info.ack_floor.stream_seq === checkpoint &&
    info.delivered.stream_seq === checkpoint &&
    info.num_ack_pending === 0
  );
}

/**
 * Makes the durable pull consumer start right after `checkpoint`, PostgreSQL's word for what is applied.
 * An existing consumer is kept only when JetStream agrees exactly (ack floor = last delivered =
 * checkpoint); otherwise — acks lost after a commit, a crash with messages in flight, a restored
 * database, a changed config — it is deleted and created again from checkpoint + 1. Recreating is cheap
 * and never skips: at worst it redelivers what the checkpoint then skips.
 */
export async function reconcileDurableConsumer(jsm: JetStreamManager, options: DurableConsumerOptions, checkpoint: number): Promise<ConsumerReconciliation> {
  const info = await jsm.consumers.info(options.stream, options.name).catch((error: unknown) => {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) return null;
    throw error;
  });
  if (info !== null && agrees(info, options, checkpoint)) return 'kept';
  if (info !== null) await jsm.consumers.delete(options.stream, options.name);
  await jsm.consumers.add(options.stream, desiredConfig(options, checkpoint));
  return info === null ? 'created' : 'recreated';
}
