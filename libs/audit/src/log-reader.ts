import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { replayExhausted, type ReplayPlan } from '@hub/domain';

import { HEADER_RECONCILED_FROM, type LogMessage } from './log-message.js';

export interface LogReadOptions {
  stream: string;
  plan: ReplayPlan;
  batchSize?: number;
  /** Called after each batch with the last sequence read and the stream's last sequence when reading began. */
  onProgress?: (seq: number, lastSeq: number) => void;
  signal?: AbortSignal;
}

/**
 * Reads the log with an ordered consumer (ephemeral, no acks, recreated by the client on a gap) from a
 * sequence or an instant, filtered by one subject filter, in batches, up to the stream's end as it was
 * when reading began (its last sequence then). Messages outside the plan's sequence/time range are dropped here; type filtering is
 * left to the caller, who parses the body anyway.
 */
export async function* readLog(js: JetStreamClient, options: LogReadOptions): AsyncGenerator<LogMessage[]> {
  const { plan } = options;
  const start =
    plan.fromSeq !== undefined && plan.fromSeq > 1
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: plan.fromSeq }
      : plan.since !== undefined
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(plan.since).toISOString() }
        : { deliver_policy: DeliverPolicy.All };
  // The end is the stream's last sequence when reading begins: a log still being written to is read up to
  // there, not chased forever.
  const lastSeq = (await (await js.jetstreamManager()).streams.info(options.stream)).state.last_seq;
  const consumer = await js.consumers.get(options.stream, { filter_subjects: plan.filter, ...start });
  const info = await consumer.info(true);
  if (info.num_pending === 0) {
    await consumer.delete().catch(() => undefined);
    return;
  }
  const batchSize = options.batchSize ?? 2_000;
  const messages = await consumer.consume({ max_messages: batchSize * 2 });
  try {
    let batch: LogMessage[] = [];
    for await (const msg of messages) {
      const storedAt = Math.floor(msg.info.timestampNanos / 1e6);
      const exhausted = replayExhausted(plan, msg.seq, storedAt);
      if (inRange(plan, msg.seq, storedAt) && msg.seq <= lastSeq) {
        const reconciled = msg.headers?.get(HEADER_RECONCILED_FROM);
        batch.push({
          seq: msg.seq,
          streamSubject: msg.subject,
          storedAt,
          data: msg.data,
          ...(reconciled ? { reconciledFrom: Number(reconciled) } : {}),
        });
      }
      const done = exhausted || msg.info.pending === 0 || msg.seq >= lastSeq || options.signal?.aborted === true;
      if (batch.length >= batchSize || done) {
        if (batch.length > 0) yield batch;
        options.onProgress?.(msg.seq, lastSeq);
        batch = [];
      }
      if (done) return;
    }
  } finally {
    await messages.close().catch(() => undefined);
  }
}

const inRange = (plan: ReplayPlan, seq: number, storedAt: number): boolean =>
  (plan.toSeq === undefined || seq <= plan.toSeq) && (plan.until === undefined || storedAt <= plan.until);

/** The `type` of a parsed body, if it has one. */
export function typeOf(doc: unknown): string | undefined {
  const type = (doc as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}
