import { hashSeal, SEAL_GRACE_MS, sealProblems, type BatchSeal } from '../integrity/batch-seal.js';
import { CompactRange } from '../integrity/merkle.js';
import type { SignatureJob } from './chain-verifier.js';
import { finding, type Finding } from './findings.js';

interface AwaitingSeal {
  hash: string;
  streamSubject: string;
  eventId: string;
  department: string;
  storedAt: number | undefined;
}

export interface SealVerdict {
  findings: Finding[];
  /** The seal's one signature, checked like an event's (key valid at sealedAt and at storage time). */
  signature?: SignatureJob;
}

/** Which sequences have been sealed already: one bit per sequence, so a million events cost 125 kB. */
class SeqBits {
  private bits = new Uint8Array(1 << 16);

  has(seq: number): boolean {
    return seq >> 3 < this.bits.length && ((this.bits[seq >> 3] as number) & (1 << (seq & 7))) !== 0;
  }

  add(seq: number): void {
    while (seq >> 3 >= this.bits.length) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[seq >> 3] = (this.bits[seq >> 3] as number) | (1 << (seq & 7));
  }
}

/**
 * The seal side of a verification pass, in stream order (DESIGN.md "Seals and checkpoints"): events
 * without a signature of their own wait here until the seal of their batch, which the signing service
 * stores after them; each seal's root is recomputed over the events it lists, its chain followed per
 * signer, and every such event must be covered by exactly one seal of its own department. The one
 * signature per seal is returned as a job, checked on worker threads like the events' old signatures.
 */
export class SealLedger {
  private readonly awaiting = new Map<number, AwaitingSeal>();
  private readonly sealed = new SeqBits();
  private readonly chains = new Map<string, string>();
  private seals = 0;

  /**
   * `fromSeq`: a pass that starts mid-stream takes each chain's first seal as it is and ignores what it covers before.
   * `followChains: false` for a filtered pass, which reads only the seals covering its events: their chains have gaps by design.
   */
  constructor(
    private readonly fromSeq = 1,
    private readonly followChains = true,
  ) {}

  get stats(): { seals: number; awaiting: number } {
    return { seals: this.seals, awaiting: this.awaiting.size };
  }

  /** Whether the event at `seq` waits for a seal. */
  awaits(seq: number): boolean {
    return this.awaiting.has(seq);
  }

  /** The lowest sequence still waiting for a seal (a filtered pass looks for seals after it). */
  firstAwaiting(): number | undefined {
    let first: number | undefined;
    for (const seq of this.awaiting.keys()) if (first === undefined || seq < first) first = seq;
    return first;
  }

  /** An event with no signature of its own: a later seal must cover it. */
  event(seq: number, streamSubject: string, eventId: string, hash: string, storedAt?: number): void {
    this.awaiting.set(seq, { hash, streamSubject, eventId, department: streamSubject.split('.')[2] ?? '', storedAt });
  }

  seal(seq: number, streamSubject: string, doc: unknown, storedAt?: number): SealVerdict {
    this.seals += 1;
    const at = { seq, streamSubject, eventId: null };
    const problems = doc === undefined ? ['body is not JSON'] : sealProblems(doc);
    if (problems.length > 0) return { findings: [finding('CORRUPT_SEAL', at, `not a seal: ${problems.join(', ')}`)] };
    const seal = doc as BatchSeal;
    const [, , department = '', instance = ''] = streamSubject.split('.');
    const findings: Finding[] = [];
    if (seal.signer !== `${department}/${instance}`) findings.push(finding('SUBJECT_MISMATCH', at, `stored under ${streamSubject} but names signer ${seal.signer}`));
    const recomputed = hashSeal(seal);
    if (recomputed !== seal.hash) findings.push(finding('SEAL_HASH_MISMATCH', at, `the seal hashes to ${recomputed}, it says ${seal.hash}: altered after signing`));
    findings.push(...this.followChain(at, seal), ...this.cover(at, seal, department, seq));
    const signature: SignatureJob = { seq, streamSubject, eventId: null, department, recordedAt: seal.sealedAt, hash: seal.hash, sig: seal.sig, ...(storedAt === undefined ? {} : { storedAt }) };
    return { findings, signature };
  }

  private followChain(at: { seq: number; streamSubject: string; eventId: null }, seal: BatchSeal): Finding[] {
    if (!this.followChains) return [];
    const previous = this.chains.get(at.streamSubject);
    this.chains.set(at.streamSubject, seal.hash);
    if (previous === undefined) {
      if (seal.prevSeal === null || this.fromSeq > 1) return [];
      return [finding('SEAL_CHAIN_BROKEN', at, `the first seal of ${seal.signer} in the log names a previous seal ${seal.prevSeal}: a seal is missing`)];
    }
    if (seal.prevSeal === previous) return [];
    return [finding('SEAL_CHAIN_BROKEN', at, `prevSeal ${String(seal.prevSeal)} is not ${seal.signer}'s previous seal ${previous}: a seal is missing, moved or forged`)];
  }

  /** Takes the seal's events off the waiting list and recomputes its root over them. */
  private cover(at: { seq: number; streamSubject: string; eventId: null }, seal: BatchSeal, department: string, sealSeq: number): Finding[] {
    const findings: Finding[] = [];
    const range = new CompactRange();
    let complete = true;
    for (const [from, to] of seal.batch) {
      for (let seq = from; seq <= to; seq += 1) {
        const event = this.awaiting.get(seq);
        if (event === undefined) {
          complete = false;
          if (seq < this.fromSeq) continue;
          const why = this.sealed.has(seq) ? 'already sealed by an earlier seal' : seq >= sealSeq ? 'stored after the seal itself' : 'not an event waiting for a seal (absent, a seal, or signed on its own)';
          findings.push(finding('SEAL_COVERS_UNKNOWN', at, `the seal lists seq ${seq}, ${why}`));
          continue;
        }
        this.awaiting.delete(seq);
        this.sealed.add(seq);
        if (event.department !== department) {
          findings.push(finding('SEAL_FOREIGN_EVENT', { seq, streamSubject: event.streamSubject, eventId: event.eventId }, `sealed by ${seal.signer}, but the event is ${event.department}'s`));
        }
        range.append(event.hash);
      }
    }
    if (complete && range.root() !== seal.root) {
      findings.push(finding('SEAL_ROOT_MISMATCH', at, `the ${seal.count} events listed hash to root ${range.root()}, the seal signs ${seal.root}: an event was altered, dropped or moved`));
    }
    return findings;
  }

  /**
   * Every event still waiting when the pass ends is unsealed, except those stored within the grace before
   * `passStartedAt` (their seal may be on its way) — those are only counted.
   */
  finish(passStartedAt: number): { findings: Finding[]; awaitingSeal: number } {
    const findings: Finding[] = [];
    let awaitingSeal = 0;
    for (const [seq, event] of this.awaiting) {
      if (event.storedAt !== undefined && event.storedAt > passStartedAt - SEAL_GRACE_MS) {
        awaitingSeal += 1;
        continue;
      }
      findings.push(finding('UNSEALED', { seq, streamSubject: event.streamSubject, eventId: event.eventId }, 'neither signed on its own nor covered by a seal of its department'));
    }
    this.awaiting.clear();
    return { findings, awaitingSeal };
  }
}
