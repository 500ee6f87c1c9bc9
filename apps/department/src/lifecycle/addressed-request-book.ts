import {
  ADDRESSED_REQUEST_KEY_TYPES,
  addressedRequestKeyOf,
  decideAnswerAddressing,
  decideReferralOwnership,
  evolveAddressedRequest,
  evolveReferralLifecycle,
  referralKeyOf,
  REFERRAL_EVENT_TYPES,
  type AddressedRequest,
  type AnswerRuleCode,
  type AppendCommand,
  type DepartmentReadFilters,
  type FieldError,
  type HubEvent,
  type Referral,
  type ReferralRuleCode,
} from '@hub/domain';
import { decodeEvent, sniffEventType } from '@hub/event-store';

/** What the check needs of the department's id index: is this event id stored already? */
export interface StoredIds {
  storedId(id: string): unknown;
}

/** A batch refused by a referral or answer rule: the first offending event, its code and field. */
export interface AnswerRefusal {
  code: ReferralRuleCode | AnswerRuleCode;
  message: string;
  fields: FieldError[];
}

/** Reads the stream under a filter from a sequence number, as JetStreamEventStore.read does. */
export interface StreamReader {
  read(options: { filter: string; fromSeq: number }): AsyncIterable<{ readonly seq: number; readonly data: Uint8Array }>;
}

/** What the book keeps, for a snapshot: the requests by key and where each filter's read ended. */
export interface AddressedBookState {
  referrals: Map<string, Referral>;
  /** Closure requests (`<from>/closure/<id>`) and transfers to the police (`<from>/case/<id>`). */
  requests: Map<string, AddressedRequest>;
  lastSeq: Map<string, number>;
}

/** Every type a kind's key names (the fold passes any other event by): the book reads these of the stream, nothing else. */
const FOLDED_TYPES: ReadonlySet<string> = new Set([...REFERRAL_EVENT_TYPES, ...ADDRESSED_REQUEST_KEY_TYPES]);

type Verdict = { readonly ok: true } | { readonly ok: false; readonly code: ReferralRuleCode | AnswerRuleCode; readonly message: string; readonly field: string };

/** One kind of request: its state typed inside (its own map), the same calls outside. */
interface RequestKind {
  /** The event types its rule decides. */
  readonly decides: ReadonlySet<string>;
  /** The answers whose request must be known, and the filters to read first when it is not yet. */
  readonly waits: ReadonlyMap<string, readonly string[]>;
  keyOf(event: Pick<HubEvent, 'type' | 'source' | 'subject' | 'data'>): string | undefined;
  has(key: string): boolean;
  fold(key: string, event: HubEvent): void;
  /** Decides one command against what the batch made of its request so far (`pending`), else the book's. */
  decide(key: string, pending: Map<string, unknown>, unit: string, command: AppendCommand): Verdict;
}

interface KindSpec<S> extends Pick<RequestKind, 'decides' | 'waits' | 'keyOf'> {
  states: Map<string, S>;
  evolve(state: S | undefined, event: HubEvent): S | undefined;
  rule(state: S | undefined, unit: string, command: AppendCommand): Verdict;
}

function requestKind<S>(spec: KindSpec<S>): RequestKind {
  const { states } = spec;
  return {
    decides: spec.decides,
    waits: spec.waits,
    keyOf: spec.keyOf,
    has: (key) => states.has(key),
    fold(key, event) {
      const next = spec.evolve(states.get(key), event);
      if (next !== undefined) states.set(key, next);
    },
    decide(key, pending, unit, command) {
      // Keys of different kinds never meet (`<from>/referral|closure|case/<id>`): what pending holds under a key is this kind's.
      const state = pending.has(key) ? (pending.get(key) as S | undefined) : states.get(key);
      const verdict = spec.rule(state, unit, command);
      if (verdict.ok) pending.set(key, spec.evolve(state, asEvent(command, unit)));
      return verdict;
    },
  };
}

/**
 * The requests addressed to a unit that this department must judge answers to, folded from the stream:
 * referrals (every unit's lead.referred and referral.requested), 7×24 closure requests (the requesters'
 * closure.requested) and, at the police, cases transferred to it (every unit's case.transferred). Keyed by
 * sender + id, so another unit's `R-1` is another request. Rebuilt at start (or from a snapshot). What the
 * rules read of a request — its sender, addressee and first event — never changes once it is born, so a
 * batch only waits for the stream when it answers a request the book does not know yet (made a moment ago,
 * or stored by a peer instance), and then reads only the filters that request lives under.
 */
export class AddressedRequestBook {
  private readonly referrals = new Map<string, Referral>();
  private readonly requests = new Map<string, AddressedRequest>();
  private readonly lastSeq = new Map<string, number>();
  /** One read per filter at a time: concurrent batches queue behind it instead of reading the same messages twice. */
  private readonly reading = new Map<string, Promise<number>>();
  private readonly kinds: readonly RequestKind[];
  private readonly filters: readonly string[];

  /** @param filters what to read, as departmentReadFilters gives them. */
  constructor(
    private readonly store: StreamReader,
    filters: DepartmentReadFilters,
  ) {
    this.filters = [filters.own, filters.leads, filters.referrals, ...filters.closures, ...filters.cases];
    const referralSources = [filters.leads, filters.referrals];
    this.kinds = [
      requestKind<Referral>({
        states: this.referrals,
        decides: new Set(['lead.referred', 'referral.requested', 'referral.answered', 'referral.feedback']),
        waits: new Map([
          ['referral.answered', referralSources],
          ['referral.feedback', referralSources],
        ]),
        keyOf: referralKeyOf,
        evolve: evolveReferralLifecycle,
        rule: decideReferralOwnership,
      }),
      requestKind<AddressedRequest>({
        states: this.requests,
        decides: new Set(['closure.answered', 'case.transfer_answered']),
        // A department that reads no case chains (not the police) is refused a transfer answer by the catalogue first.
        waits: new Map([
          ['closure.answered', filters.closures],
          ['case.transfer_answered', filters.cases],
        ]),
        keyOf: addressedRequestKeyOf,
        evolve: evolveAddressedRequest,
        rule: decideAnswerAddressing,
      }),
    ];
  }

  /** The last stream sequence read under any filter (0 before the first read). */
  get position(): number {
    return Math.max(0, ...this.lastSeq.values());
  }

  get size(): { referrals: number; requests: number } {
    return { referrals: this.referrals.size, requests: this.requests.size };
  }

  /** The requests as folded so far and where each filter's read ended, for a snapshot (shared maps: serialise before folding more). */
  exportState(): AddressedBookState {
    return { referrals: this.referrals, requests: this.requests, lastSeq: this.lastSeq };
  }

  /** Starts from a snapshot (before any catch-up). */
  importState(state: AddressedBookState): void {
    replace(this.referrals, state.referrals);
    replace(this.requests, state.requests);
    replace(this.lastSeq, state.lastSeq);
  }

  /** Folds what each filter has after what it has seen; an event seen under two filters is folded once (births fold once). */
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
        seen += 1;
        // Most of what the filters hold (every unit's leads) folds to nothing: not decoded when the body says so.
        const type = sniffEventType(msg.data);
        if (type !== undefined && !FOLDED_TYPES.has(type)) continue;
        this.fold(decodeEvent(msg.data, msg.seq));
      }
      return seen;
    });
    // A failed read must not wedge the queue; the caller still gets the failure.
    this.reading.set(filter, next.catch(() => 0));
    return next;
  }

  /** The referral `<from>/referral/<id>`, if known. */
  referral(key: string): Referral | undefined {
    return this.referrals.get(key);
  }

  /** The closure request `<from>/closure/<id>` or transfer `<from>/case/<id>`, if known. */
  request(key: string): AddressedRequest | undefined {
    return this.requests.get(key);
  }

  /**
   * Decides the batch (see {@link check}), first catching up with the filters a request lives under when
   * the batch answers one the book does not know (it may have been made a moment ago). Our own requests
   * are known from the start-up fold and {@link record} (the append pipeline reports what it stored).
   */
  async checkBatch(unit: string, commands: readonly AppendCommand[], heads: StoredIds, pathPrefix: (index: number) => string): Promise<AnswerRefusal | undefined> {
    const toRead = new Set<string>();
    for (const command of commands) {
      for (const kind of this.kinds) {
        const filters = kind.waits.get(command.type);
        const key = filters && kind.keyOf({ ...command, source: unit });
        if (filters !== undefined && key !== undefined && !kind.has(key)) for (const filter of filters) toRead.add(filter);
      }
    }
    if (toRead.size > 0) await this.catchUp([...toRead]);
    return this.check(unit, commands, heads, pathPrefix);
  }

  /** An event this department stored (the append pipeline's record step): our requests are known at once. */
  record(event: HubEvent): void {
    this.fold(event);
  }

  /**
   * Decides a whole submission, in submitted order: the first refused event, or undefined. Ids already
   * stored and repeats within the batch are left to the pipeline, which answers them as duplicates.
   */
  check(unit: string, commands: readonly AppendCommand[], heads: StoredIds, pathPrefix: (index: number) => string): AnswerRefusal | undefined {
    const pending = new Map<string, unknown>();
    const seen = new Set<string>();
    for (const [index, command] of commands.entries()) {
      const kind = this.kinds.find((candidate) => candidate.decides.has(command.type));
      if (kind === undefined || seen.has(command.id) || heads.storedId(command.id)) continue;
      seen.add(command.id);
      const key = kind.keyOf({ ...command, source: unit });
      if (key === undefined) continue;
      const verdict = kind.decide(key, pending, unit, command);
      if (!verdict.ok) {
        return { code: verdict.code, message: `${verdict.message}; nothing of the batch was stored`, fields: [{ path: `${pathPrefix(index)}${verdict.field}`, message: verdict.message }] };
      }
    }
    return undefined;
  }

  private fold(event: HubEvent): void {
    for (const kind of this.kinds) {
      const key = kind.keyOf(event);
      if (key !== undefined) kind.fold(key, event);
    }
  }
}

function replace<V>(target: Map<string, V>, source: ReadonlyMap<string, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** A submitted command as the fold reads it (hub fields it does not read are placeholders). */
function asEvent(command: AppendCommand, unit: string): HubEvent {
  return { ...command, source: unit, recordedAt: command.time, version: 0, prevHash: null, hash: '', sig: '' };
}
