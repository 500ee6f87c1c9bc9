import { SEAL_GRACE_MS, type SealedLeaf } from './batch-seal.js';

/** A department's stored event as the start-up sweep reads it. */
export interface SweptEvent extends SealedLeaf {
  /** When the stream stored it (epoch ms). */
  storedAt: number;
  /** The seal chain that appended it (the `Hub-Sealer` header), if it says. */
  sealer?: string;
  /** Signed on its own (the old way): no seal may cover it. */
  signed: boolean;
}

export interface SweepChoice {
  /** Stored, unsealed and this chain's to seal now. */
  claim: SealedLeaf[];
  /** When the youngest left-over unsealed event of another chain is past the grace (epoch ms); absent when none is left. */
  recheckAt?: number;
  /** The lowest sequence left over (another chain's young event): everything before it is settled once `claim` is sealed. */
  leftFrom?: number;
}

/**
 * Which of a department's stored events a service instance seals when it starts (DESIGN.md "Seals and
 * checkpoints"): those no seal covers — its own (appended under `signer`, stored before a crash cut the seal)
 * at once, another chain's only once it is older than {@link SEAL_GRACE_MS} (a live peer seals its own
 * within a request; a crashed one never will). Sealing a live peer's event would cover it twice.
 */
export function chooseUnsealed(events: readonly SweptEvent[], covered: ReadonlySet<number>, signer: string, now: number): SweepChoice {
  const claim: SealedLeaf[] = [];
  let youngest: number | undefined;
  let leftFrom: number | undefined;
  for (const event of events) {
    if (event.signed || covered.has(event.seq)) continue;
    if (event.sealer === signer || event.storedAt <= now - SEAL_GRACE_MS) claim.push({ seq: event.seq, hash: event.hash });
    else {
      youngest = Math.max(youngest ?? 0, event.storedAt);
      leftFrom = Math.min(leftFrom ?? event.seq, event.seq);
    }
  }
  return { claim, ...(youngest === undefined ? {} : { recheckAt: youngest + SEAL_GRACE_MS, leftFrom }) };
}
