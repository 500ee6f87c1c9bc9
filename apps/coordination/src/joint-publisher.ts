// Publishes the outbox: the joint office's events, sealed with its key, through the same append
// pipeline the departments use. Ids are deterministic, and the pipeline's id index (rebuilt from the
// stream's headers at start) answers a re-publish after a crash as a duplicate, so each conclusion is
// stored once even when the outbox row was not marked before the crash.
import { EventSigner, eventSubject, JOINT_DEPARTMENT, JOINT_EVENT_SUBJECTS, sealSubject, validateIntake, type HubEvent } from '@hub/domain';
import { AppendPipeline, SealChain, sealInstance, SubjectHeads, type JetStreamEventStore, type SubjectHeadsState } from '@hub/event-store';
import type { OutboxEntry } from './persistence/index.js';

export const JOINT_UNIT = 'joint/650000';
const CHUNK = 500;

export interface PublishOutcome {
  published: { key: string; seq: number; duplicate: boolean }[];
  failed: { key: string; error: string; retry: boolean }[];
}

export class JointPublisher {
  private readonly heads: SubjectHeads;
  private readonly pipeline: AppendPipeline;
  private readonly seals: SealChain;

  constructor(
    private readonly store: JetStreamEventStore,
    signingSeed: string,
    instance = sealInstance('coordination service', undefined),
  ) {
    this.heads = new SubjectHeads(store, JOINT_EVENT_SUBJECTS);
    // The joint office seals its batches like a department (its own chain per process).
    this.seals = new SealChain(store, sealSubject(JOINT_DEPARTMENT, instance), `${JOINT_DEPARTMENT}/${instance}`, new EventSigner(signingSeed));
    this.pipeline = new AppendPipeline(store, this.heads, this.seals);
  }

  /** Reads what the joint office already stored (ids and heads) and its seal chain before anything is published. */
  async catchUp(onSweepError: (error: Error) => void, saved?: SubjectHeadsState): Promise<number> {
    if (saved !== undefined) this.heads.importState(saved);
    const read = await this.heads.catchUp();
    await this.seals.resume();
    // What a crash stored but left unsealed is sealed before anything new is published.
    await this.seals.sweep(onSweepError);
    return read;
  }

  /**
   * The id index and heads as they stand (to save between sessions). Exact: the lease holder is the joint
   * office's only publisher, and it records each of its appends here.
   */
  get headsState(): SubjectHeadsState {
    return this.heads.exportState();
  }

  /** Stops the seal chain's pending look at a peer's leftover events. */
  close(): void {
    this.seals.close();
  }

  /** The joint event stored under `id`, with its sequence, if there is one. */
  async stored(id: string): Promise<{ event: HubEvent; seq: number } | undefined> {
    const known = this.heads.storedId(id);
    if (known === undefined) return undefined;
    const stored = await this.store.eventAt(known.seq);
    return stored === null ? undefined : { event: stored.event, seq: known.seq };
  }

  /**
   * The joint office's latest event on `<aggregateType>/<aggregateId>`. Current because only the lease holder
   * publishes joint events and it records each of them here.
   */
  async latestOn(aggregateType: string, aggregateId: string): Promise<HubEvent | undefined> {
    const [department, region] = JOINT_UNIT.split('/') as [string, string];
    const head = this.heads.head(eventSubject(department, region, aggregateType, aggregateId));
    if (head === undefined) return undefined;
    return (await this.store.eventAt(head.seq))?.event;
  }

  /** `actor`: the person whose decision this is (link/unlink, grants, returns); none for the rules' own conclusions. */
  async publish(entries: readonly OutboxEntry[], actor?: string): Promise<PublishOutcome> {
    const outcome: PublishOutcome = { published: [], failed: [] };
    for (let start = 0; start < entries.length; start += CHUNK) {
      const chunk = entries.slice(start, start + CHUNK);
      const commands = chunk.map((entry) => ({ id: entry.eventId, type: entry.type, subject: entry.subject, time: entry.time, data: entry.data }));
      const validation = validateIntake(commands, JOINT_UNIT, { maxBatch: CHUNK });
      if (!validation.ok) {
        // One bad conclusion must not hold up the others: publish them one by one to find it.
        if (chunk.length > 1) {
          for (const entry of chunk) this.merge(outcome, await this.publish([entry], actor));
        } else for (const entry of chunk) outcome.failed.push({ key: entry.key, error: validation.error.message, retry: false });
        continue;
      }
      const results = await this.pipeline.run(JOINT_UNIT, validation.items, actor);
      results.forEach((result, i) => {
        const key = chunk[i]?.key ?? '';
        if ('error' in result) outcome.failed.push({ key, error: `${result.error.code}: ${result.error.message}`, retry: result.error.code === 'SERVICE_UNAVAILABLE' || result.error.code === 'SKIPPED' });
        else outcome.published.push({ key, seq: result.seq, duplicate: result.duplicate });
      });
    }
    return outcome;
  }

  private merge(into: PublishOutcome, from: PublishOutcome): void {
    into.published.push(...from.published);
    into.failed.push(...from.failed);
  }
}
