import {
  decideReferralOwnership,
  evolveReferralLifecycle,
  referralKeyOf,
  type AppendCommand,
  type FieldError,
  type HubEvent,
  type Referral,
  type ReferralRuleCode,
} from '@hub/domain';
import { decodeEvent } from '@hub/event-store';

/** What the check needs of the department's id index: is this event id stored already? */
export interface StoredIds {
  storedId(id: string): unknown;
}

/** A batch refused by a referral rule: the first offending event, its code and field. */
export interface ReferralRefusal {
  code: ReferralRuleCode;
  message: string;
  fields: FieldError[];
}

const REFERRAL_TYPES: ReadonlySet<string> = new Set(['lead.referred', 'referral.requested', 'referral.answered', 'referral.feedback']);

/** Reads the stream under a filter from a sequence number, as JetStreamEventStore.read does. */
export interface StreamReader {
  read(options: { filter: string; fromSeq: number }): AsyncIterable<{ readonly seq: number; readonly data: Uint8Array }>;
}

/**
 * The referrals this department must judge, folded from the stream: every unit's lead.referred (a
 * referral addressed to us is another unit's event) and our own answers. Keyed by sender + id, so
 * another unit's `R-1` is another referral. Rebuilt at start. What the rules read of a referral — its
 * sender, addressee and first event — never changes once it is born, so a batch only waits for the
 * stream when it names a referral the book does not know yet (sent a moment ago, or by a peer instance).
 */
export class ReferralBook {
  private readonly referrals = new Map<string, Referral>();
  private readonly lastSeq = new Map<string, number>();
  /** One read per filter at a time: concurrent batches queue behind it instead of reading the same messages twice. */
  private readonly reading = new Map<string, Promise<number>>();

  /**
   * @param filters what to read: `[own, leads, referrals]` as departmentReadFilters gives them — the
   *   department's own subjects (its referrals and answers), every unit's lead subjects (referrals addressed
   *   to it) and every unit's referral subjects (assistance requests addressed to it).
   */
  constructor(
    private readonly store: StreamReader,
    private readonly filters: readonly [own: string, leads: string, referrals: string],
  ) {}

  get size(): number {
    return this.referrals.size;
  }

  /** The referrals as folded so far and where each filter's read ended, for a snapshot. */
  exportState(): { referrals: Map<string, Referral>; lastSeq: Map<string, number> } {
    return { referrals: this.referrals, lastSeq: this.lastSeq };
  }

  /** Starts from a snapshot (before any catch-up). */
  importState(state: { referrals: Map<string, Referral>; lastSeq: Map<string, number> }): void {
    this.referrals.clear();
    this.lastSeq.clear();
    for (const [key, referral] of state.referrals) this.referrals.set(key, referral);
    for (const [filter, seq] of state.lastSeq) this.lastSeq.set(filter, seq);
  }

  /** Folds what each filter has after what it has seen; an event seen under both filters is folded once. */
  async catchUp(filters: readonly string[] = this.filters): Promise<number> {
    let seen = 0;
    for (const filter of filters) seen += await this.read(filter);
    return seen;
  }

  private async read(filter: string): Promise<number> {
    const previous = this.reading.get(filter) ?? Promise.resolve(0);
    const next = previous.then(async () => {
      let seen = 0;
      for await (const msg of this.store.read({ filter, fromSeq: (this.lastSeq.get(filter) ?? 0) + 1 })) {
        this.lastSeq.set(filter, Math.max(this.lastSeq.get(filter) ?? 0, msg.seq));
        this.fold(decodeEvent(msg.data, msg.seq));
        seen += 1;
      }
      return seen;
    });
    // A failed read must not wedge the queue; the caller still gets the failure.
    this.reading.set(filter, next.catch(() => 0));
    return next;
  }

  /** The referral `<from>/referral/<id>`, if known. */
  get(key: string): Referral | undefined {
    return this.referrals.get(key);
  }

  /**
   * Decides the batch (see {@link check}), first catching up with every unit's lead subjects when it
   * answers a referral the book does not know (it may have been sent a moment ago). Our own referrals
   * are known from the start-up fold and {@link record} (the append pipeline reports what it stored).
   */
  async checkBatch(unit: string, commands: readonly AppendCommand[], heads: StoredIds, pathPrefix: (index: number) => string): Promise<ReferralRefusal | undefined> {
    const unknownAnswer = commands.some((command) => {
      if (command.type !== 'referral.answered' && command.type !== 'referral.feedback') return false;
      const key = referralKeyOf({ ...command, source: unit });
      return key !== undefined && !this.referrals.has(key);
    });
    if (unknownAnswer) await this.catchUp([this.filters[1], this.filters[2]]);
    return this.check(unit, commands, heads, pathPrefix);
  }

  /** An event this department stored (the append pipeline's record step): our referrals are known at once. */
  record(event: HubEvent): void {
    this.fold(event);
  }

  /**
   * Decides a whole submission, in submitted order (a batch may refer and, at the addressee, nothing
   * else: an answer's referral is another unit's): the first refused event, or undefined. Ids already
   * stored and repeats within the batch are left to the pipeline, which answers them as duplicates.
   */
  check(unit: string, commands: readonly AppendCommand[], heads: StoredIds, pathPrefix: (index: number) => string): ReferralRefusal | undefined {
    const pending = new Map<string, Referral | undefined>();
    const seen = new Set<string>();
    for (const [index, command] of commands.entries()) {
      if (!REFERRAL_TYPES.has(command.type) || seen.has(command.id) || heads.storedId(command.id)) continue;
      seen.add(command.id);
      const event = { ...command, source: unit };
      const key = referralKeyOf(event);
      if (key === undefined) continue;
      const state = pending.has(key) ? pending.get(key) : this.referrals.get(key);
      const verdict = decideReferralOwnership(state, unit, command);
      if (!verdict.ok) {
        return { code: verdict.code, message: `${verdict.message}; nothing of the batch was stored`, fields: [{ path: `${pathPrefix(index)}${verdict.field}`, message: verdict.message }] };
      }
      pending.set(key, evolveReferralLifecycle(state, asEvent(command, unit)));
    }
    return undefined;
  }

  private fold(event: HubEvent): void {
    const key = referralKeyOf(event);
    if (key === undefined) return;
    const next = evolveReferralLifecycle(this.referrals.get(key), event);
    if (next !== undefined) this.referrals.set(key, next);
  }
}

/** A submitted command as the fold reads it (hub fields it does not read are placeholders). */
function asEvent(command: AppendCommand, unit: string): HubEvent {
  return { ...command, source: unit, recordedAt: command.time, version: 0, prevHash: null, hash: '', sig: '' };
}
