import {
  crossedWarnings,
  decideQuota,
  estimateStoredBytes,
  NO_USAGE,
  parseStreamSubject,
  quotaLimitsFor,
  recordUsage,
  storedBytes,
  usageOn,
  type AppendCommand,
  type HubEvent,
  type QuotaCode,
  type QuotaLimits,
  type QuotaSettings,
  type QuotaUsage,
} from '@hub/domain';
import { type AppendRules, type JetStreamEventStore, type RuleVerdict } from '@hub/event-store';
import type { KnownHeads } from '../lifecycle/lifecycle-gate.js';

/** JetStream's header on a headers-only delivery: the size of the body it left out. */
const MSG_SIZE_HEADER = 'Nats-Msg-Size';

/** A submission refused by a quota: the code, the message naming the limit, and when to retry (per-day limit only). */
export interface QuotaRefusal {
  code: QuotaCode;
  message: string;
  retryAfterSeconds?: number;
  quota: { limit: number; used: number; requested: number };
}

export interface QuotaLog {
  warn(message: string): void;
}

/**
 * Each unit's usage of its quotas in this department — events stored on the current China-time day and
 * bytes stored in all — folded from the stream at start (headers only: the storage time and the body
 * size JetStream reports) and moved on by each append. Checked before anything is signed: the whole
 * submission in {@link checkBatch}, each event again in {@link decide} (concurrent submissions).
 *
 * Bytes are the stored JSON bodies (what the stream holds per event, less its subject and headers).
 * Several instances of one department each count their own appends after start; a peer's appends are
 * seen at the next start, so with N instances a unit may overrun by up to what N−1 peers stored since.
 */
export class QuotaMeter implements AppendRules {
  private readonly usage = new Map<string, QuotaUsage>();
  private lastSeq = 0;
  /**
   * Each command's estimate, taken once by {@link checkBatch} and reused by {@link decide}: the estimate serialises
   * the command, and taking it twice per event was 1.5 s of a 35 s profile of the service under 40-event requests.
   */
  private readonly estimates = new WeakMap<AppendCommand, number>();
  /** Each unit's limits (quotaLimitsFor), per unit that submitted. */
  private readonly limits = new Map<string, QuotaLimits>();

  constructor(
    private readonly store: JetStreamEventStore,
    private readonly filter: string,
    private readonly settings: QuotaSettings,
    private readonly log: QuotaLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Usage of `unit` as of now (today's events, all bytes). */
  usageOf(unit: string): QuotaUsage {
    return usageOn(this.usage.get(unit) ?? NO_USAGE, this.clock());
  }

  /** Each unit's usage as folded so far, for a snapshot. */
  exportState(): { usage: Map<string, QuotaUsage>; lastSeq: number } {
    return { usage: this.usage, lastSeq: this.lastSeq };
  }

  /** Starts from a snapshot's usage (before any catch-up). */
  importState(state: { usage: Map<string, QuotaUsage>; lastSeq: number }): void {
    this.usage.clear();
    for (const [unit, usage] of state.usage) this.usage.set(unit, usage);
    this.lastSeq = state.lastSeq;
  }

  /** Folds every message stored under the filter after what we have seen; then warns for units already near a limit. */
  async catchUp(): Promise<number> {
    let seen = 0;
    for await (const msg of this.store.read({ filter: this.filter, fromSeq: this.lastSeq + 1, headersOnly: true })) {
      const { department, region } = parseStreamSubject(msg.subject);
      const unit = `${department}/${region}`;
      const bytes = Number(msg.headers?.get(MSG_SIZE_HEADER) ?? 0) || 0;
      this.usage.set(unit, recordUsage(this.usage.get(unit) ?? NO_USAGE, { events: 1, bytes }, new Date(msg.info.timestampNanos / 1e6)));
      if (msg.seq > this.lastSeq) this.lastSeq = msg.seq;
      seen += 1;
    }
    for (const unit of this.usage.keys()) this.warnIfCrossed(unit, NO_USAGE, this.usageOf(unit));
    return seen;
  }

  /**
   * The whole submission against the unit's quotas: ids already stored (and repeats in the batch) cost
   * nothing; each new event counts once, its bytes estimated before signing. Undefined when it fits.
   */
  checkBatch(unit: string, commands: readonly AppendCommand[], heads: Pick<KnownHeads, 'storedId'>): QuotaRefusal | undefined {
    const seen = new Set<string>();
    let events = 0;
    let bytes = 0;
    for (const command of commands) {
      if (seen.has(command.id) || heads.storedId(command.id)) continue;
      seen.add(command.id);
      events += 1;
      bytes += this.estimate(command);
    }
    return events === 0 ? undefined : this.refusal(unit, events, bytes);
  }

  decide(streamSubject: string, command: AppendCommand): RuleVerdict {
    // The last use of the batch check's estimate (an OCC retry estimates afresh): the map stays small.
    const bytes = this.estimate(command);
    this.estimates.delete(command);
    const refusal = this.refusal(unitOf(streamSubject), 1, bytes);
    return refusal ? { ok: false, code: refusal.code, message: refusal.message } : { ok: true };
  }

  record(streamSubject: string, event: HubEvent, bytes?: number): void {
    const unit = unitOf(streamSubject);
    const before = this.usageOf(unit);
    // The bytes the append stored (the pipeline's, or kept by sealForBatch), not a second encoding of the event.
    const after = recordUsage(before, { events: 1, bytes: bytes ?? storedBytes(event).byteLength }, this.clock());
    this.usage.set(unit, after);
    this.warnIfCrossed(unit, before, after);
  }

  /** A peer instance's write is not re-counted here (see the class comment). */
  async refresh(): Promise<void> {}

  private estimate(command: AppendCommand): number {
    let bytes = this.estimates.get(command);
    if (bytes === undefined) {
      bytes = estimateStoredBytes(command);
      this.estimates.set(command, bytes);
    }
    return bytes;
  }

  /** The settings do not change while the service runs: a unit's limits are merged once, not three times per event. */
  private limitsOf(unit: string): QuotaLimits {
    let limits = this.limits.get(unit);
    if (limits === undefined) {
      limits = quotaLimitsFor(this.settings, unit);
      this.limits.set(unit, limits);
    }
    return limits;
  }

  private refusal(unit: string, events: number, bytes: number): QuotaRefusal | undefined {
    const verdict = decideQuota(unit, this.usage.get(unit) ?? NO_USAGE, { events, bytes }, this.limitsOf(unit), this.clock());
    if (verdict.ok) return undefined;
    const { code, message, limit, used, requested, retryAfterSeconds } = verdict;
    return { code, message, quota: { limit, used, requested }, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  }

  private warnIfCrossed(unit: string, before: QuotaUsage, after: QuotaUsage): void {
    const limits = this.limitsOf(unit);
    for (const name of crossedWarnings(before, after, limits)) {
      const [used, limit] = name === 'eventsPerDay' ? [after.eventsToday, limits.eventsPerDay] : [after.storedBytes, limits.storedBytes];
      this.log.warn(`QUOTA_WARNING ${unit} ${name}: ${used} of ${limit} (${Math.round((used / limit) * 100)} %, warning at ${Math.round(limits.warnAt * 100)} %)`);
    }
  }
}

let lastUnitPrefix = '';
let lastUnit = '';

/**
 * `<department>/<region>` of an event subject. Asked twice per appended event (decide, record) with subjects of one
 * unit in a row: the unit of the last `hub.evt.<department>.<region>.` prefix is kept instead of splitting the
 * subject into six parts each time.
 */
function unitOf(streamSubject: string): string {
  if (lastUnitPrefix !== '' && streamSubject.startsWith(lastUnitPrefix) && streamSubject.indexOf('.', lastUnitPrefix.length) > lastUnitPrefix.length) {
    // Same prefix, and a type and an id after it: parseStreamSubject would give the same unit (or throw, below).
    if (streamSubject.indexOf('.', streamSubject.indexOf('.', lastUnitPrefix.length) + 1) === -1 && !streamSubject.endsWith('.')) return lastUnit;
  }
  const { department, region } = parseStreamSubject(streamSubject);
  lastUnitPrefix = `hub.evt.${department}.${region}.`;
  lastUnit = `${department}/${region}`;
  return lastUnit;
}
