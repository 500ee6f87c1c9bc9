import {
  decideLifecycle,
  evolveLifecycle,
  NO_LIFECYCLE,
  streamSubjectOf,
  type AppendCommand,
  type FieldError,
  type HubEvent,
  type LifecycleCode,
  type LifecycleState,
} from '@hub/domain';
import { decodeEvent, type AppendRules, type JetStreamEventStore, type RuleVerdict, type SubjectHeads } from '@hub/event-store';

/** What the batch check needs of the department's heads (SubjectHeads). */
export type KnownHeads = Pick<SubjectHeads, 'storedId' | 'head'>;

/** A batch refused by a lifecycle rule: the first offending event and the rule's code. */
export interface LifecycleRefusal {
  code: LifecycleCode;
  message: string;
  fields: FieldError[];
}

/**
 * The department's lifecycle rules at the append boundary: one small state per aggregate (which steps it
 * has taken), folded from the aggregates' own events — rebuilt from the stream's bodies at start, moved
 * on by our own appends, re-read after a peer instance wrote an aggregate.
 *
 * Two checks use it: {@link checkBatch} before anything of a submission is stored (so a refused batch
 * stores nothing), and {@link decide} per event inside the append pipeline (the last word, for
 * concurrent submissions to one aggregate).
 */
export class LifecycleGate implements AppendRules {
  private readonly states = new Map<string, LifecycleState>();
  private lastSeq = 0;

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly filter: string,
  ) {}

  get size(): number {
    return this.states.size;
  }

  /** The states as folded so far, for a snapshot (shared map: serialise it before folding more). */
  exportState(): { states: Map<string, LifecycleState>; lastSeq: number } {
    return { states: this.states, lastSeq: this.lastSeq };
  }

  /** Starts from a snapshot's states (before any catch-up). */
  importState(state: { states: Map<string, LifecycleState>; lastSeq: number }): void {
    this.states.clear();
    for (const [subject, lifecycle] of state.states) this.states.set(subject, lifecycle);
    this.lastSeq = state.lastSeq;
  }

  /** Folds every event stored under the filter after what we have seen. */
  async catchUp(): Promise<number> {
    let seen = 0;
    for await (const msg of this.store.read({ filter: this.filter, fromSeq: this.lastSeq + 1 })) {
      this.fold(msg.subject, decodeEvent(msg.data, msg.seq));
      if (msg.seq > this.lastSeq) this.lastSeq = msg.seq;
      seen += 1;
    }
    return seen;
  }

  decide(streamSubject: string, command: AppendCommand): RuleVerdict {
    return decideLifecycle(this.states.get(streamSubject) ?? NO_LIFECYCLE, command);
  }

  record(streamSubject: string, event: HubEvent): void {
    this.fold(streamSubject, event);
  }

  async refresh(streamSubject: string): Promise<void> {
    let state = NO_LIFECYCLE;
    for (const stored of await this.store.readAggregate(streamSubject)) state = evolveLifecycle(state, stored.event);
    this.states.set(streamSubject, state);
  }

  /**
   * Decides a whole submission against the current states, each aggregate's events in submitted order:
   * the first refused event, or undefined when every event may be appended. Ids already stored (and
   * repeats within the batch) are left to the pipeline, which answers them as duplicates; so is an
   * aggregate whose pinned `expectedVersion` is stale (answered VERSION_CONFLICT, the more precise news).
   */
  checkBatch(unit: string, commands: readonly AppendCommand[], heads: KnownHeads, pathPrefix: (index: number) => string): LifecycleRefusal | undefined {
    const pending = new Map<string, LifecycleState>();
    const versions = new Map<string, number>();
    const seen = new Set<string>();
    for (const [index, command] of commands.entries()) {
      if (seen.has(command.id) || heads.storedId(command.id)) continue;
      seen.add(command.id);
      const streamSubject = streamSubjectOf(unit, command.subject);
      const version = versions.get(streamSubject) ?? heads.head(streamSubject)?.version ?? 0;
      versions.set(streamSubject, version + 1);
      if (command.expectedVersion !== undefined && command.expectedVersion !== version) continue;
      const state = pending.get(streamSubject) ?? this.states.get(streamSubject) ?? NO_LIFECYCLE;
      const verdict = decideLifecycle(state, command);
      if (!verdict.ok) {
        return { code: verdict.code, message: `${verdict.message}; nothing of the batch was stored`, fields: [{ path: `${pathPrefix(index)}type`, message: verdict.message }] };
      }
      pending.set(streamSubject, evolveLifecycle(state, command));
    }
    return undefined;
  }

  private fold(streamSubject: string, event: Pick<HubEvent, 'type' | 'subject'>): void {
    this.states.set(streamSubject, evolveLifecycle(this.states.get(streamSubject) ?? NO_LIFECYCLE, event));
  }
}
