import { hostname } from 'node:os';
import { JetStreamApiCodes, JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { hashSeal, SEAL_GRACE_MS, sealProblems, signSeal, stillUnsealed, type BatchSeal, type EventSigner, type SealedLeaf } from '@hub/domain';
import { StreamUnavailableError } from './errors.js';
import type { JetStreamEventStore } from './jetstream-event-store.js';
import { sweepUnsealed, type SweepMark, type SweepWindow } from './seal-sweep.js';

interface Waiter {
  leaves: readonly SealedLeaf[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One service instance's chain of seals on `hub.seal.<dept>.<instance>` (DESIGN.md "Seals and
 * checkpoints"). Appended events are handed over as they are stored; one seal is published at a time, and
 * whatever arrived while it was in flight goes into the next one together (group commit: concurrent
 * requests share a seal and its round trip). Publishing expects the subject's last sequence, so two
 * processes that were given the same instance name cannot fork the chain.
 */
export class SealChain {
  private waiting: Waiter[] = [];
  private running = false;
  /** A drain is scheduled (see seal). */
  private starting = false;
  private prevSeal: string | null = null;
  private lastSeq = 0;
  /** The signer's clock at its last stored seal: the start-up sweep reads from a grace before it. */
  private lastSealedAt: string | undefined;
  private recheck: NodeJS.Timeout | undefined;
  /** How far the department's events were settled by this chain's last sweep (or the mark it started with). */
  private settledMark: SweepMark | undefined;

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly subject: string,
    readonly signer: string,
    private readonly key: EventSigner,
  ) {}

  /**
   * Continues the chain stored under this subject (after a restart), or starts one; `settled` is the mark an
   * earlier sweep left (kept beside the department's snapshot), for the next {@link sweep} to read after.
   */
  async resume(settled?: SweepMark): Promise<void> {
    this.settledMark ??= settled;
    const jsm = await jetstreamManager(this.store.nc, { checkAPI: false });
    try {
      const last = await jsm.streams.getMessage(this.store.stream, { last_by_subj: this.subject });
      if (!last) return;
      const seal = last.json<BatchSeal>();
      this.prevSeal = hashSeal(seal) === seal.hash ? seal.hash : null;
      this.lastSeq = last.seq;
      this.lastSealedAt = typeof seal.sealedAt === 'string' ? seal.sealedAt : undefined;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return;
      throw error;
    }
  }

  /**
   * Seals what a crash left stored but unsealed (after {@link resume}, before the first request): the
   * department's events no seal covers, from a grace before this chain's last seal or from after the mark
   * (given to {@link resume}, or left by an earlier sweep), whichever is later, to the stream's
   * end; from the start for a new chain without a mark — this chain's own at once, another's once past the
   * grace (see chooseUnsealed); for a peer's young ones it looks again once they are past it. Returns how many
   * it sealed; {@link settled} then says how far the department's events are settled.
   */
  async sweep(onError: (error: Error) => void, now = Date.now()): Promise<number> {
    const window = this.sweepWindow();
    const choice = await sweepUnsealed(this.store, this.subject, this.signer, window, now);
    if (choice.recheckAt !== undefined) {
      clearTimeout(this.recheck);
      this.recheck = setTimeout(() => void this.sweep(onError).catch(onError), Math.max(0, choice.recheckAt - now) + 1_000);
      this.recheck.unref();
    }
    await this.seal(choice.claim);
    // A window from an instant proves nothing before it (a crashed peer's older leftovers): only a read from a
    // mark, or from the start, moves the mark.
    if (!('since' in window)) this.moveMark(choice.settledThrough, now);
    return choice.claim.length;
  }

  /**
   * Moves the mark over what seals cover now, claiming nothing (safe while this chain appends: its events in
   * flight stop the mark). Reads from the mark, or the whole history once for a chain that has none — run it
   * in the background, before a snapshot is written. Returns the mark.
   */
  async settle(now = Date.now()): Promise<SweepMark | undefined> {
    const mark = this.settledMark;
    const found = await sweepUnsealed(this.store, this.subject, this.signer, mark === undefined ? {} : { fromSeq: mark.seq + 1 }, now);
    this.moveMark(found.coveredThrough, now);
    return this.settledMark;
  }

  /** How far the department's events are known settled (after a sweep), for the next start to read after. */
  get settled(): SweepMark | undefined {
    return this.settledMark;
  }

  private moveMark(through: number | undefined, now: number): void {
    if (through !== undefined && through >= (this.settledMark?.seq ?? 0)) this.settledMark = { seq: through, at: new Date(now).toISOString() };
  }

  /**
   * Both bounds are sound; the later one reads less. Without either, a new chain (a new pod's instance name, or
   * one that never sealed) read the department's whole history at every start: 12 s for samr at 1M events.
   */
  private sweepWindow(): SweepWindow {
    // A chain's last seal with an unreadable sealedAt (altered) gives no window of its own.
    const lastSealed = this.lastSealedAt === undefined ? Number.NaN : Date.parse(this.lastSealedAt);
    const since = Number.isNaN(lastSealed) ? undefined : lastSealed - SEAL_GRACE_MS;
    const mark = this.settledMark;
    if (mark !== undefined && (since === undefined || Date.parse(mark.at) > since)) return { fromSeq: mark.seq + 1 };
    return since === undefined ? {} : { since: new Date(since).toISOString() };
  }

  /** Stops a pending recheck (on shutdown). */
  close(): void {
    clearTimeout(this.recheck);
  }

  /** Resolves once a stored seal covers `leaves` (at once for none). */
  seal(leaves: readonly SealedLeaf[]): Promise<void> {
    if (leaves.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ leaves, resolve, reject });
      if (!this.running && !this.starting) {
        // Started once the promise jobs queued now have run (nextTick runs after them): the requests whose appends
        // were acknowledged by one socket read reach here one after another, and the first no longer takes a seal
        // of its own while the rest wait for the next (single-event requests: about one seal and signature per
        // two requests before).
        this.starting = true;
        process.nextTick(() => {
          this.starting = false;
          if (!this.running) void this.drain();
        });
      }
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        try {
          await this.publish(group.flatMap((waiter) => waiter.leaves));
          for (const waiter of group) waiter.resolve();
        } catch (error) {
          // The events are stored but unsealed: they go into the next seal, and this request learns why.
          this.waiting.unshift({ leaves: group.flatMap((waiter) => waiter.leaves), resolve: () => undefined, reject: () => undefined });
          for (const waiter of group) waiter.reject(error as Error);
          if (this.waiting.length === 1) break;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async publish(leaves: readonly SealedLeaf[]): Promise<void> {
    try {
      await this.publishOnce(leaves);
    } catch (error) {
      // Another process stored a seal under this name (or this one never resumed): continue after it.
      if (!(error instanceof StreamUnavailableError && error.cause instanceof JetStreamApiError && error.cause.code === JetStreamApiCodes.StreamWrongLastSequence)) throw error;
      const known = this.lastSeq;
      await this.resume();
      // A seal of ours whose ack was lost (timeout, dropped connection) is stored all the same: what it
      // covers must not go into a second seal. What is left (maybe nothing) continues the chain after it.
      const rest = stillUnsealed(leaves, await this.sealsAfter(known));
      if (rest.length > 0) await this.publishOnce(rest);
    }
  }

  /**
   * The well-formed seals stored on this chain's subject after sequence `known`: the one whose ack was
   * lost, and any a process given the same instance name stored since (read on this rare path only).
   */
  private async sealsAfter(known: number): Promise<BatchSeal[]> {
    const seals: BatchSeal[] = [];
    for await (const msg of this.store.read({ filter: this.subject, fromSeq: known + 1 })) {
      let doc: unknown;
      try {
        doc = msg.json<unknown>();
      } catch {
        continue; // not JSON: covers nothing (the audit names it)
      }
      if (sealProblems(doc).length === 0) seals.push(doc as BatchSeal);
    }
    return seals;
  }

  private async publishOnce(leaves: readonly SealedLeaf[]): Promise<void> {
    const seal = signSeal(leaves, { signer: this.signer, prevSeal: this.prevSeal, sealedAt: new Date().toISOString() }, this.key);
    try {
      // The same message js.publish stored (body, Nats-Msg-Id, expected stream and last subject sequence), without
      // its request object, header Map and timer per seal: under single-event requests a seal goes out every request or two.
      const ack = await this.store.publishExpecting(this.subject, Buffer.from(JSON.stringify(seal), 'utf8'), { msgId: seal.hash, lastSubjectSequence: this.lastSeq });
      this.prevSeal = seal.hash;
      this.lastSeq = ack.seq;
      this.lastSealedAt = seal.sealedAt;
    } catch (error) {
      throw new StreamUnavailableError(`seal on ${this.subject} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

/**
 * The instance token of a seal subject: HUB_INSTANCE as given (one NATS subject token), else host and
 * process id, so two processes never share a chain by accident.
 */
export function sealInstance(service: string, configured: string | undefined): string {
  if (configured !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(configured)) throw new Error(`${service}: HUB_INSTANCE must be 1–64 letters, digits, _ or - (got "${configured}")`);
    return configured;
  }
  return `${hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${process.pid}`;
}
