import {
  aggregateSubjectOf,
  decideAppend,
  sealWithBody,
  streamSubjectOf,
  type AppendCommand,
  type EventResult,
  type HubErrorCode,
  type HubEvent,
  type SealedLeaf,
} from '@hub/domain';
import type { AppendRules } from './append-rules.js';
import { forEachInPool } from './in-pool.js';
import { WrongLastSequenceError } from './errors.js';
import type { JetStreamEventStore } from './jetstream-event-store.js';
import type { SubjectHeads } from './subject-heads.js';

/** How many aggregates are appended concurrently; events of one aggregate always go one by one. */
const AGGREGATE_CONCURRENCY = 1_024;
/** Retries after a peer instance wrote the same aggregate and the event pinned no version. */
const MAX_OCC_RETRIES = 5;

let lastRecordedMs = Number.NaN;
let lastRecordedAt = '';

/** The hub clock as ISO 8601 UTC, written once per millisecond: the events of a batch mostly share one. */
function recordedNow(): string {
  const now = Date.now();
  if (now !== lastRecordedMs) {
    lastRecordedMs = now;
    lastRecordedAt = new Date(now).toISOString();
  }
  return lastRecordedAt;
}

/** Where stored events get their signature: one seal per batch (SealChain), resolved once the seal is stored. */
export interface BatchSealer {
  /** The chain's name (`<department>/<instance>`), stored as a header on each event it will seal. */
  readonly signer?: string;
  seal(leaves: readonly SealedLeaf[]): Promise<void>;
}

export interface PipelineItem {
  index: number;
  command: AppendCommand;
  flags?: string[];
}

/**
 * Appends validated commands of one reporting unit: per aggregate in submission order, aggregates in
 * parallel. Every command gets exactly one result, so the answer always says what was stored.
 */
export class AppendPipeline {
  constructor(
    private readonly store: JetStreamEventStore,
    private readonly heads: SubjectHeads,
    private readonly sealer: BatchSealer,
    private readonly rules?: AppendRules,
  ) {}

  /** Ids being appended right now: a concurrent retry waits for the first attempt instead of racing it. */
  private readonly inflight = new Map<string, Promise<unknown>>();

  /** `actor`: who acted (`account:<id>` | `key:<id>`), signed into every event of the batch. */
  async run(unit: string, items: readonly PipelineItem[], actor?: string): Promise<EventResult[]> {
    const results: EventResult[] = new Array<EventResult>(items.length);
    const chains = new Map<string, PipelineItem[]>();
    for (const item of items) {
      const key = streamSubjectOf(unit, item.command.subject);
      const chain = chains.get(key);
      if (chain) chain.push(item);
      else chains.set(key, [item]);
    }
    const stored: (SealedLeaf & { index: number })[] = [];
    await forEachInPool([...chains.entries()], AGGREGATE_CONCURRENCY, ([streamSubject, chain]) => this.runChain(unit, streamSubject, chain, results, actor, stored));
    try {
      // The answer waits for the seal: what it reports as stored is signed.
      await this.sealer.seal(stored);
    } catch (error) {
      // Stored but not yet sealed (the next seal will cover them): a retry with the same ids answers once it is.
      for (const leaf of stored) {
        const item = items.find((candidate) => candidate.index === leaf.index);
        if (item) results[leaf.index] = this.failure(item, 'SERVICE_UNAVAILABLE', `stored at seq ${leaf.seq} but not yet sealed, retry with the same id: ${(error as Error).message}`);
      }
    }
    return results;
  }

  private async runChain(unit: string, streamSubject: string, chain: PipelineItem[], results: EventResult[], actor: string | undefined, stored: (SealedLeaf & { index: number })[]): Promise<void> {
    let failed: { code: HubErrorCode; message: string } | undefined;
    for (const item of chain) {
      if (failed) {
        results[item.index] = this.failure(item, 'SKIPPED', `not stored: an earlier event of ${item.command.subject} in this batch failed (${failed.code})`);
        continue;
      }
      try {
        results[item.index] = await this.appendOne(unit, streamSubject, item, actor, stored);
      } catch (error) {
        // A lost ack leaves the outcome unknown; the id makes a retry safe.
        results[item.index] = this.failure(item, 'SERVICE_UNAVAILABLE', `outcome unknown, retry with the same id: ${(error as Error).message}`);
      }
      const result = results[item.index];
      if (result && 'error' in result) failed = result.error;
    }
  }

  private async appendOne(unit: string, streamSubject: string, item: PipelineItem, actor: string | undefined, stored: (SealedLeaf & { index: number })[]): Promise<EventResult> {
    const id = item.command.id;
    for (let pending = this.inflight.get(id); pending; pending = this.inflight.get(id)) await pending.catch(() => undefined);
    const attempt = this.tryAppend(unit, streamSubject, item, actor, stored);
    this.inflight.set(id, attempt);
    try {
      return await attempt;
    } finally {
      this.inflight.delete(id);
    }
  }

  private async tryAppend(unit: string, streamSubject: string, item: PipelineItem, actor: string | undefined, stored: (SealedLeaf & { index: number })[]): Promise<EventResult> {
    const { command } = item;
    for (let attempt = 0; ; attempt += 1) {
      const known = this.heads.storedId(command.id);
      if (known) return this.duplicate(item, known.seq, known.version);

      const head = this.heads.head(streamSubject);
      const decision = decideAppend(head, command, { source: unit, recordedAt: recordedNow(), ...(actor === undefined ? {} : { actor }) });
      if (decision.kind === 'conflict') {
        return {
          id: command.id,
          subject: command.subject,
          error: {
            code: 'VERSION_CONFLICT',
            message: `${command.subject} is at version ${decision.currentVersion}, not ${decision.expectedVersion}`,
            expectedVersion: decision.expectedVersion,
            currentVersion: decision.currentVersion,
          },
        };
      }
      // Business rules after the version check: a stale pinned version is the more precise answer.
      const verdict = this.rules?.decide(streamSubject, command);
      if (verdict && !verdict.ok) return this.failure(item, verdict.code, verdict.message);
      // No per-event signature: the batch's seal signs this hash (DESIGN.md "Seals and checkpoints"). The decision's
      // event is this attempt's own (decideAppend builds it afresh), so it is sealed in place.
      const sealed = decision.event as HubEvent;
      const body = sealWithBody(sealed);
      const expectedLastSeq = head?.seq ?? 0;
      try {
        const ack = await this.store.appendOne(streamSubject, sealed, expectedLastSeq, this.sealer.signer, body);
        if (ack.duplicate) return await this.serverDuplicate(item, ack.seq);
        this.heads.record(streamSubject, sealed.id, ack.seq, sealed.version, sealed.hash);
        stored.push({ index: item.index, seq: ack.seq, hash: sealed.hash });
        this.rules?.record(streamSubject, sealed, body.byteLength);
        return { id: command.id, subject: command.subject, version: sealed.version, seq: ack.seq, duplicate: false, ...this.flagsOf(item) };
      } catch (error) {
        if (!(error instanceof WrongLastSequenceError) || attempt >= MAX_OCC_RETRIES) throw error;
        // A peer instance of this department wrote the aggregate: learn its head, then decide again.
        await this.heads.refresh(streamSubject);
        await this.rules?.refresh(streamSubject);
      }
    }
  }

  /** The server's dedupe window caught an id our index did not know yet (a peer stored it). */
  private async serverDuplicate(item: PipelineItem, seq: number): Promise<EventResult> {
    const known = this.heads.storedId(item.command.id);
    if (known) return this.duplicate(item, known.seq, known.version);
    const stored = await this.store.eventAt(seq);
    if (stored) {
      this.heads.record(stored.streamSubject, stored.event.id, seq, stored.event.version, stored.event.hash);
      // The rules' state learns it too (folding a step twice changes nothing), or the next event would be judged on stale state.
      this.rules?.record(stored.streamSubject, stored.event);
    }
    return this.duplicate(item, seq, stored?.event.version ?? 0);
  }

  /** A duplicate is answered with where the id was first stored, whatever this retry claimed. */
  private duplicate(item: PipelineItem, seq: number, version: number): EventResult {
    const stored = this.heads.storedId(item.command.id);
    const subject = stored ? aggregateSubjectOf(stored.streamSubject) : item.command.subject;
    return { id: item.command.id, subject, version, seq, duplicate: true };
  }

  private flagsOf(item: PipelineItem): { flags?: string[] } {
    return item.flags && item.flags.length > 0 ? { flags: item.flags } : {};
  }

  private failure(item: PipelineItem, code: HubErrorCode, message: string): EventResult {
    return { id: item.command.id, subject: item.command.subject, error: { code, message } };
  }
}
