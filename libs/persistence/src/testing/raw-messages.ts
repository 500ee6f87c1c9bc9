import type { RawMessage } from '@hub/read-models';
import type { StoredEventFixture } from './event-log.js';

const encoder = new TextEncoder();

/** Stream messages for fixtures, as JetStream would deliver them from `firstSeq` on. */
export function rawMessages(events: readonly StoredEventFixture[], firstSeq = 1): RawMessage[] {
  return events.map((e, i) => ({ seq: firstSeq + i, subject: e.streamSubject, data: encoder.encode(JSON.stringify(e.event)) }));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
