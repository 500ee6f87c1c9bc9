import { hashSeal, SEAL_GRACE_MS, sealProblems, type BatchSeal } from '../integrity/batch-seal.js';
import { leafHash, rootOfLeaves } from '../integrity/merkle.js';
import type { SignatureJob } from './chain-verifier.js';
import { finding, type Finding } from './findings.js';

interface AwaitingSeal {
  hash: string;
  streamSubject: string;
  eventId: string;
  storedAt: number | undefined;
  /**
   * Its Merkle leaf ({@link leafHash} of `hash`) at `leafAt` in these bytes, when the caller hashed it already (a
   * verify pass's workers do, into one column per batch: a view per event cost the in-order thread more than the copy).
   */
  leaves: Uint8Array | undefined;
  leafAt: number;
}

export interface SealVerdict {
  findings: Finding[];
  /** The seal's one signature, checked like an event's (key valid at sealedAt and at storage time). */
  signature?: SignatureJob;
  /**
   * With `deferRoots`, the root left for the caller to recompute (on another thread) and judge with
   * {@link judgeSealRoot}: given when every sequence the seal lists was an event waiting for it.
   */
  root?: SealRootCheck;
}

/** A seal's root to recompute: its events' leaves, 32 bytes each in the order the seal lists them. */
export interface SealRootCheck {
  at: { seq: number; streamSubject: string; eventId: null };
  count: number;
  leaves: Uint8Array;
  signed: string;
}

/** SEAL_ROOT_MISMATCH when the root recomputed over a seal's events is not the one it signs. */
export function judgeSealRoot(check: Pick<SealRootCheck, 'at' | 'count' | 'signed'>, recomputed: string): Finding | undefined {
  if (recomputed === check.signed) return undefined;
  return finding('SEAL_ROOT_MISMATCH', check.at, `the ${check.count} events listed hash to root ${recomputed}, the seal signs ${check.signed}: an event was altered, dropped or moved`);
}

export interface SealLedgerOptions {
  /** A pass that starts mid-stream takes each chain's first seal as it is and ignores what it covers before. */
  fromSeq?: number;
  /** False for a filtered pass, which reads only the seals covering its events: their chains have gaps by design. */
  followChains?: boolean;
  /**
   * Leave each seal's root to the caller ({@link SealVerdict.root}) instead of hashing it here: a million-event
   * pass hashes about two tree nodes per event, work its worker threads can share.
   */
  deferRoots?: boolean;
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
  private readonly fromSeq: number;
  private readonly followChains: boolean;
  private readonly deferRoots: boolean;

  constructor(options: SealLedgerOptions = {}) {
    this.fromSeq = options.fromSeq ?? 1;
    this.followChains = options.followChains ?? true;
    this.deferRoots = options.deferRoots ?? false;
  }

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

  /**
   * An event with no signature of its own: a later seal must cover it. `leaves`: if its Merkle leaf was hashed
   * already, bytes holding it (32 of them) at `leafAt`.
   */
  event(seq: number, streamSubject: string, eventId: string, hash: string, storedAt?: number, leaves?: Uint8Array, leafAt = 0): void {
    this.awaiting.set(seq, { hash, streamSubject, eventId, storedAt, leaves, leafAt });
  }

  /**
   * {@link event} for an event whose Merkle leaf was hashed already (32 bytes at `leafAt` of `leaves`): its hash is
   * needed here only to hash that leaf, so the caller need not make a string of it.
   */
  eventWithLeaf(seq: number, streamSubject: string, eventId: string, leaves: Uint8Array, leafAt: number, storedAt?: number): void {
    this.awaiting.set(seq, { hash: '', streamSubject, eventId, storedAt, leaves, leafAt });
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
    findings.push(...this.followChain(at, seal));
    const covered = this.cover(at, seal, department, seq);
    findings.push(...covered.findings);
    const signature: SignatureJob = { seq, streamSubject, eventId: null, department, recordedAt: seal.sealedAt, hash: seal.hash, sig: seal.sig, ...(storedAt === undefined ? {} : { storedAt }) };
    return { findings, signature, ...(covered.root ? { root: covered.root } : {}) };
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

  /** Takes the seal's events off the waiting list and recomputes its root over them (or leaves that to the caller). */
  private cover(at: { seq: number; streamSubject: string; eventId: null }, seal: BatchSeal, department: string, sealSeq: number): { findings: Finding[]; root?: SealRootCheck } {
    const findings: Finding[] = [];
    const covered: AwaitingSeal[] = [];
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
        if (!isDepartmentOf(event.streamSubject, department)) {
          findings.push(finding('SEAL_FOREIGN_EVENT', { seq, streamSubject: event.streamSubject, eventId: event.eventId }, `sealed by ${seal.signer}, but the event is ${departmentOf(event.streamSubject)}'s`));
        }
        covered.push(event);
      }
    }
    if (!complete) return { findings };
    // Its own buffer (not Buffer.concat's shared pool): the caller may move it to another thread.
    const joined = new Uint8Array(32 * covered.length);
    for (let i = 0; i < covered.length; i += 1) {
      const event = covered[i] as AwaitingSeal;
      const from = event.leaves ?? leafHash(event.hash);
      const at = event.leaves ? event.leafAt : 0;
      for (let k = 0; k < 32; k += 1) joined[32 * i + k] = from[at + k] as number;
    }
    const root: SealRootCheck = { at, count: seal.count, leaves: joined, signed: seal.root };
    if (this.deferRoots) return { findings, root };
    const mismatch = judgeSealRoot(root, rootOfLeaves(joined));
    return { findings: mismatch ? [...findings, mismatch] : findings };
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

/** `hub.evt.<department>.…` / `hub.seal.<department>.…` → the department, without splitting the whole subject. */
function departmentOf(streamSubject: string): string {
  const from = streamSubject.indexOf('.', streamSubject.indexOf('.') + 1) + 1;
  if (from === 0) return '';
  const to = streamSubject.indexOf('.', from);
  return to === -1 ? streamSubject.slice(from) : streamSubject.slice(from, to);
}

/** Whether `hub.evt.<department>.…` (or `hub.seal.…`) names `department`: departmentOf without making the string. */
function isDepartmentOf(streamSubject: string, department: string): boolean {
  const from = streamSubject.indexOf('.', streamSubject.indexOf('.') + 1) + 1;
  if (from === 0) return department === '';
  const to = streamSubject.indexOf('.', from);
  const end = to < 0 ? streamSubject.length : to;
  return end - from === department.length && streamSubject.startsWith(department, from);
}
