import type { NatsConnection } from '@nats-io/transport-node';
import { ALL_EVENT_SUBJECTS } from '@hub/domain';
import { HEADER_MSG_ID, JetStreamEventStore, retryOnTimeout } from '@hub/event-store';

/** Every event id in the stream with the sequences it is stored at (headers only; the seals beside them are not events). */
export async function storedIds(nc: NatsConnection): Promise<Map<string, number[]>> {
  const ids = new Map<string, number[]>();
  for await (const msg of new JetStreamEventStore(nc).read({ headersOnly: true, filter: ALL_EVENT_SUBJECTS })) {
    const id = msg.headers?.get(HEADER_MSG_ID) ?? `(no id at ${msg.seq})`;
    const seqs = ids.get(id);
    if (seqs) seqs.push(msg.seq);
    else ids.set(id, [msg.seq]);
  }
  return ids;
}

/** What the fault tests assert: each acknowledged id stored exactly once, at the sequence it was acknowledged with. */
export function lostOrDoubled(acked: ReadonlyMap<string, number>, stored: ReadonlyMap<string, number[]>): string[] {
  const problems: string[] = [];
  for (const [id, seq] of acked) {
    const seqs = stored.get(id);
    if (!seqs) problems.push(`${id} acknowledged at ${seq} but not stored`);
    else if (seqs.length !== 1 || seqs[0] !== seq) problems.push(`${id} acknowledged at ${seq}, stored at ${seqs.join(', ')}`);
  }
  for (const [id, seqs] of stored) if (seqs.length > 1) problems.push(`${id} stored ${seqs.length} times`);
  return problems;
}

/**
 * After the election the new meta leader may need longer than one request's timeout to create the reading
 * consumer on a loaded machine: ask again (a known state — the cluster answers — not a delay), at most six times.
 */
export const untilAnswered = <T>(read: () => Promise<T>): Promise<T> => retryOnTimeout(read);
