import { chooseUnsealed, departmentEventSubjects, departmentSealSubjects, type BatchSeal, type SweepChoice, type SweptEvent } from '@hub/domain';
import { HEADER_HASH, HEADER_SEALER } from './event-codec.js';
import type { JetStreamEventStore } from './jetstream-event-store.js';

/**
 * How far a department's events are known settled: every one up to `seq` is covered by a seal or signed on its
 * own, as a sweep found at `at` (ISO 8601) once its claims were sealed. A later sweep need not read before it.
 */
export interface SweepMark {
  seq: number;
  at: string;
}

/** Where a sweep reads from: a stream position (after a mark), an instant (a grace before the chain's last seal), or the start. */
export type SweepWindow = { fromSeq: number } | { since: string } | Record<string, never>;

/** What a sweep found besides its claim: how far the window's events are settled (absent when the window held nothing). */
export interface SweepFinding extends SweepChoice {
  /** Settled once the claim is sealed: before the first event left to a live peer, else the last event read. */
  settledThrough?: number;
  /** Settled as the stream stands (nothing claimed): before the first event no seal covers, else the last event read. */
  coveredThrough?: number;
}

/**
 * What the start-up sweep of the chain on `sealSubject` (`hub.seal.<department>.<instance>`) should seal:
 * the department's events stored in `window` that no seal of the department covers, and how far they are settled.
 * Events are read before seals, so a seal stored meanwhile is seen and its events are not sealed twice.
 */
export async function sweepUnsealed(store: JetStreamEventStore, sealSubject: string, signer: string, window: SweepWindow, now: number): Promise<SweepFinding> {
  const department = sealSubject.split('.')[2] ?? '';
  // Headers only (hash and sealer): without a window (a new chain, no mark) this reads the department's whole history.
  const stored: { seq: number; hash: string; storedAt: number; sealer?: string }[] = [];
  for await (const msg of store.read({ filter: departmentEventSubjects(department), headersOnly: true, ...window })) {
    const sealer = msg.headers?.get(HEADER_SEALER);
    stored.push({ seq: msg.seq, hash: msg.headers?.get(HEADER_HASH) ?? '', storedAt: Math.floor(msg.info.timestampNanos / 1e6), ...(sealer ? { sealer } : {}) });
  }
  if (stored.length === 0) return { claim: [] };
  const covered = await coveredSeqs(store, departmentSealSubjects(department), stored[0]?.seq ?? 1, stored.at(-1)?.seq ?? 1);
  // Only what no seal covers is read whole, and of that only what the append pipeline stored for a chain to seal
  // (its Hub-Sealer header): an event without one was signed on its own (the old way, or re-appended by
  // reconcile) and is no seal's to cover. Reading those whole made a start of a new chain, or of one that never
  // sealed, fetch its department's entire pre-seal history one message at a time (86 s for samr at 200k events).
  const events: SweptEvent[] = [];
  for (const candidate of stored) {
    if (covered.has(candidate.seq) || candidate.sealer === undefined) continue;
    const body = await store.eventAt(candidate.seq).catch(() => null); // not an event: the audit reports it
    if (body) events.push({ ...candidate, hash: body.event.hash, signed: body.event.sig !== undefined });
  }
  const choice = chooseUnsealed(events, covered, signer, now);
  const lastRead = stored.at(-1)?.seq ?? 0;
  const uncovered = events.find((event) => !event.signed)?.seq;
  return { ...choice, settledThrough: choice.leftFrom === undefined ? lastRead : choice.leftFrom - 1, coveredThrough: uncovered === undefined ? lastRead : uncovered - 1 };
}

/** The sequences from `first` to `last` that some seal on `filter` lists. */
async function coveredSeqs(store: JetStreamEventStore, filter: string, first: number, last: number): Promise<Set<number>> {
  const covered = new Set<number>();
  for await (const msg of store.read({ filter, fromSeq: first })) {
    let seal: Partial<BatchSeal>;
    try {
      seal = msg.json<Partial<BatchSeal>>();
    } catch {
      continue;
    }
    if (!Array.isArray(seal.batch)) continue;
    for (const [from, to] of seal.batch) for (let seq = Math.max(from, first); seq <= Math.min(to, last); seq += 1) covered.add(seq);
  }
  return covered;
}
