import { chooseUnsealed, departmentEventSubjects, departmentSealSubjects, type BatchSeal, type SweepChoice, type SweptEvent } from '@hub/domain';
import { decodeEvent, HEADER_SEALER } from './event-codec.js';
import type { JetStreamEventStore } from './jetstream-event-store.js';

/**
 * What the start-up sweep of the chain on `sealSubject` (`hub.seal.<department>.<instance>`) should seal:
 * the department's events stored since `since` (all when undefined) that no seal of the department covers.
 * Events are read before seals, so a seal stored meanwhile is seen and its events are not sealed twice.
 */
export async function sweepUnsealed(store: JetStreamEventStore, sealSubject: string, signer: string, since: string | undefined, now: number): Promise<SweepChoice> {
  const department = sealSubject.split('.')[2] ?? '';
  const window = since === undefined ? {} : { since };
  const events: SweptEvent[] = [];
  for await (const msg of store.read({ filter: departmentEventSubjects(department), ...window })) {
    let event;
    try {
      event = decodeEvent(msg.data, msg.seq);
    } catch {
      continue; // not an event: the audit reports it, no seal can vouch for it
    }
    const sealer = msg.headers?.get(HEADER_SEALER);
    events.push({ seq: msg.seq, hash: event.hash, storedAt: Math.floor(msg.info.timestampNanos / 1e6), signed: event.sig !== undefined, ...(sealer ? { sealer } : {}) });
  }
  if (events.length === 0) return { claim: [] };
  const covered = new Set<number>();
  const first = events[0]?.seq ?? 1;
  const last = events.at(-1)?.seq ?? first;
  for await (const msg of store.read({ filter: departmentSealSubjects(department), fromSeq: first })) {
    let seal: Partial<BatchSeal>;
    try {
      seal = msg.json<Partial<BatchSeal>>();
    } catch {
      continue;
    }
    if (!Array.isArray(seal.batch)) continue;
    for (const [from, to] of seal.batch) for (let seq = Math.max(from, first); seq <= Math.min(to, last); seq += 1) covered.add(seq);
  }
  return chooseUnsealed(events, covered, signer, now);
}
