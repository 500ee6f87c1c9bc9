// The coordination service's in-memory state and its fold over the log. Everything here is a function
// of the events in stream order (plus the stored state it was restored from), so a restart re-derives
// the same joint-office events with the same ids; the outbox and the stream's id index then make sure
// each is published once.
import {
  BatchedGrowths,
  CorrelationEngine,
  deterministicEventId,
  evolveReferralLifecycle,
  keyOfReferral,
  referralKeyOf,
  extractKeys,
  jurisdictionSubjectOf,
  memberRefOf,
  suggestJurisdiction,
  unpublishedOverdue,
  overdueEvent,
  caseClockChanges,
  CASE_CLOCK_EVENTS,
  caseClockDueAt,
  caseClockOverdue,
  CLOSING_EVENT_TYPES,
  hitAlerts,
  closureDueAt,
  closureOverdue,
  closureRefOf,
  closureOverdueKey,
  evolveClosure,
  type CaseClockWatch,
  type ClosureWatch,
  revealDraw,
  type ClockPolicy,
  type CorrelationOptions,
  type ClusterFinding,
  type CorrelationSnapshot,
  type ExtractedKeys,
  type HubEvent,
  type ClusterLinkedData,
  type Referral,
} from '@hub/domain';
import type { PositionedEvent } from '@hub/persistence';
import { emptyChanges, type BatchChanges, type ClusterEventRow, type OutboxRow, type ReferralRow, type WatchRow } from './batch-changes.js';

export const JOINT_UNIT = 'joint/650000';

const CLUSTER_EVENTS: ReadonlySet<string> = new Set(['cluster.formed', 'cluster.grown', 'cluster.linked', 'cluster.unlinked']);
const REFERRAL_EVENTS: ReadonlySet<string> = new Set(['lead.referred', 'referral.requested', 'referral.answered', 'referral.feedback']);

/** A closure request or a procedure clock, as the joint office keeps it (`coordination_watches`). */
export type Watch = { kind: 'closure'; state: ClosureWatch } | { kind: 'case'; state: CaseClockWatch };

/** The row to store: when the watch runs out (null when it never will or is paused), or why that is unknown. */
export function watchRow(watch: Watch, policy: ClockPolicy = {}): WatchRow {
  if (watch.kind === 'closure') return { key: watch.state.key, kind: 'closure', state: watch.state, dueAt: closureDueAt(watch.state) ?? null, problem: null };
  try {
    return { key: watch.state.key, kind: 'case', state: watch.state, dueAt: caseClockDueAt(watch.state, policy) ?? null, problem: null };
  } catch (error) {
    return { key: watch.state.key, kind: 'case', state: watch.state, dueAt: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

export interface RestoredState {
  members: CorrelationSnapshot['members'];
  manual: CorrelationSnapshot['manual'];
  referrals: readonly Referral[];
  /** Over-correlating values: how many units carry each, and the log position where it passed the cap. */
  over: ReadonlyMap<string, { count: number; sinceSeq: number }>;
  watches?: readonly Watch[];
  /** Leads and cases closed or voided (`<dept>/<region>/<lead|case>/<id>`): they raise no more alerts for their unit. */
  closed?: readonly string[];
}

/** The referral's running clock: the answer while sent, the feedback while accepted. */
export function runningClockOf(state: Referral): { clock: string; dueAt: string } | undefined {
  if (state.status === 'sent' && state.answerDueAt !== undefined) return { clock: 'answer', dueAt: state.answerDueAt };
  if (state.status === 'accepted' && state.feedbackDueAt !== undefined) return { clock: 'feedback', dueAt: state.feedbackDueAt };
  return undefined;
}

export function referralRow(state: Referral): ReferralRow {
  const running = runningClockOf(state);
  return { referralKey: keyOfReferral(state), state, runningClock: running?.clock ?? null, runningDueAt: running?.dueAt ?? null };
}

export class CoordinationState {
  readonly engine: CorrelationEngine;
  /** By `<from>/referral/<id>`: a referral is its sender's (another unit's `R-1` is another referral). */
  private readonly referrals = new Map<string, Referral>();
  private readonly over = new Map<string, { count: number; sinceSeq: number }>();
  /** Closure requests and procedure clocks by their overdue key. */
  private readonly watches = new Map<string, Watch>();
  private readonly closed = new Set<string>();
  /** Alert dedupe keys queued by this process, by local day (the outbox's unique key covers a restart). */
  private readonly alerted = new Map<string, Set<string>>();
  private memberCount: number;
  private manualCount: number;

  constructor(
    restored: RestoredState,
    private readonly options: { correlation?: CorrelationOptions; clocks?: ClockPolicy; signDrawSeed?: (message: string) => string } = {},
  ) {
    this.engine = CorrelationEngine.restore({ format: 'net-sword/correlation/1', members: restored.members, manual: restored.manual }, options.correlation);
    this.memberCount = restored.members.length;
    this.manualCount = restored.manual.length;
    for (const referral of restored.referrals) this.referrals.set(keyOfReferral(referral), referral);
    for (const [key, over] of restored.over) this.over.set(key, { ...over });
    for (const watch of restored.watches ?? []) this.watches.set(watch.state.key, watch);
    for (const ref of restored.closed ?? []) this.closed.add(ref);
  }

  /** What the state holds, for the start-up log. */
  get size(): string {
    return `${this.memberCount} correlation members, ${this.manualCount} manual decisions, ${this.referrals.size} referrals, ${this.watches.size} clocks, ${this.closed.size} closed records`;
  }

  /** A closure request or procedure clock by its overdue key. */
  watch(key: string): Watch | undefined {
    return this.watches.get(key);
  }

  /** The referral `<from>/referral/<id>`. */
  referral(key: string): Referral | undefined {
    return this.referrals.get(key);
  }

  overCorrelating(): { key: string; count: number }[] {
    return [...this.over].map(([key, { count }]) => ({ key, count }));
  }

  /**
   * Folds a batch in stream order; returns what to store (and which joint events to queue). A cluster's growths in
   * the batch are queued as one cluster.grown (BatchedGrowths), at the end of the batch or before a manual decision.
   */
  apply(events: readonly PositionedEvent[], lastSeq: number): BatchChanges {
    const changes = emptyChanges(lastSeq);
    const growths = new BatchedGrowths();
    for (const positioned of events) this.applyOne(positioned, changes, growths);
    queueGrowths(growths, changes);
    return changes;
  }

  private applyOne(positioned: PositionedEvent, changes: BatchChanges, growths: BatchedGrowths): void {
    const { event, seq } = positioned;
    let extracted: ExtractedKeys | undefined;
    if (event.type === 'lead.reported' || event.type === 'case.opened') extracted = this.correlate(event, seq, changes, growths);
    else if (CLOSING_EVENT_TYPES.has(event.type) && positioned.department !== 'joint') this.close(event, seq, changes);
    else if (event.type === 'cluster.linked' || event.type === 'cluster.unlinked') this.manual(event, seq, changes, growths);
    if (CLUSTER_EVENTS.has(event.type) && positioned.department === 'joint') {
      const row = clusterEventRow(event.type, event.data, seq, event.recordedAt);
      changes.clusterHistory.push(row);
      // Findings changed the membership when the fold concluded them (queueFindings): where the joint office's
      // copy lands in the log depends on when it was published — before or after a manual decision it preceded.
      if (event.type === 'cluster.linked' || event.type === 'cluster.unlinked') changes.clusterEvents.push(row);
    }
    if (REFERRAL_EVENTS.has(event.type)) this.referralEvent(event, changes);
    if (event.type === 'jurisdiction.suggested' && positioned.department === 'joint') this.suggested(event, seq, changes);
    if (event.type === 'lead.reported') this.jurisdiction(event, changes, extracted?.normalised);
    if (positioned.department !== 'joint') this.clocks(event, changes);
    if (event.type === 'draw.committed' && positioned.department !== 'joint') this.reveal(event, changes);
  }

  /** Closure requests and the procedure clocks of the penalty rules: the watches this event changes. */
  private clocks(event: HubEvent, changes: BatchChanges): void {
    const closureRef = closureRefOf(event);
    if (closureRef !== undefined) {
      const key = closureOverdueKey(closureRef);
      const before = this.watches.get(key);
      const after = evolveClosure(before?.kind === 'closure' ? before.state : undefined, event, this.options.clocks);
      if (after !== undefined && after !== before?.state) this.putWatch({ kind: 'closure', state: after }, changes);
    }
    if (!CASE_CLOCK_EVENTS.has(event.type)) return;
    const lookup = (key: string): CaseClockWatch | undefined => {
      const watch = this.watches.get(key);
      return watch?.kind === 'case' ? watch.state : undefined;
    };
    for (const state of caseClockChanges(event, lookup)) this.putWatch({ kind: 'case', state }, changes);
  }

  private putWatch(watch: Watch, changes: BatchChanges): void {
    this.watches.set(watch.state.key, watch);
    changes.watches.set(watch.state.key, watchRow(watch, this.options.clocks));
  }

  /** 双随机: the joint office reveals every committed draw (seed from its signature over the commit's hash, then the selection). */
  private reveal(event: HubEvent, changes: BatchChanges): void {
    const sign = this.options.signDrawSeed;
    if (sign === undefined) return;
    const revealed = revealDraw(event, sign);
    changes.outbox.push({ key: revealed.key, eventId: revealed.id, type: 'draw.revealed', subject: revealed.subject, time: event.recordedAt, data: { ...revealed.data } });
  }

  /** Returns the event's keys (also when it correlates no further: a duplicate). */
  private correlate(event: HubEvent, seq: number, changes: BatchChanges, growths: BatchedGrowths): ExtractedKeys | undefined {
    const extracted = extractKeys(event);
    if (extracted === undefined || memberRefOf(event) === undefined) return extracted;
    const outcome = this.engine.addMember(extracted);
    if (outcome.duplicate) return extracted;
    changes.members.push({ position: this.memberCount, member: extracted.member, department: extracted.department, region: extracted.region, keys: extracted.keys, seq });
    this.memberCount += 1;
    // Over-correlation is counted in distinct units: a value's count is the number of units carrying it. It is
    // over-correlating since the record that crossed the cap, whichever batch a later carrier arrives in.
    const crossed = new Set(outcome.overCorrelating);
    for (const key of extracted.keys) {
      const before = this.over.get(key);
      if (!crossed.has(key) && before === undefined) continue;
      const count = this.engine.unitCount(key);
      if (count === before?.count) continue;
      const after = { count, sinceSeq: before?.sinceSeq ?? seq };
      this.over.set(key, after);
      changes.over.set(key, { ...after });
    }
    this.queueFindings(outcome.findings, event, seq, changes, growths);
    this.alert(extracted.member, event, changes);
    return extracted;
  }

  /** hit.alerted for every other unit whose open record carries a value this record links by (once per unit, value, day). */
  private alert(member: string, event: HubEvent, changes: BatchChanges): void {
    const alerts = hitAlerts({
      member,
      keys: this.engine.linkingKeysOf(member),
      unitsOf: (key) => this.engine.unitsCarrying(key),
      firstOpenHolder: (key, unit) => this.engine.firstHolderIn(key, unit, (ref) => !this.closed.has(ref)),
      recordedAt: event.recordedAt,
      queued: { has: (key) => this.alertedRecently(key) },
    });
    for (const alert of alerts) {
      const day = this.alerted.get(alert.data.day) ?? new Set<string>();
      day.add(alert.key);
      this.alerted.set(alert.data.day, day);
      changes.outbox.push({ key: alert.key, eventId: alert.id, type: alert.type, subject: alert.subject, time: event.recordedAt, data: { ...alert.data } });
    }
    // A key names its day, so keys of past days never match again: keep the two latest days (late arrivals). Only a
    // third day can be one too many (looked at per lead, the days were copied and sorted for every lead).
    if (this.alerted.size <= 2) return;
    const days = [...this.alerted.keys()].sort();
    for (const old of days.slice(0, Math.max(0, days.length - 2))) this.alerted.delete(old);
  }

  private alertedRecently(key: string): boolean {
    for (const day of this.alerted.values()) if (day.has(key)) return true;
    return false;
  }

  /** A closed or voided lead or case raises no more alerts for its unit. */
  private close(event: HubEvent, seq: number, changes: BatchChanges): void {
    const ref = memberRefOf(event);
    if (ref === undefined || this.closed.has(ref)) return;
    this.closed.add(ref);
    changes.closed.push({ ref, seq });
  }

  private manual(event: HubEvent, seq: number, changes: BatchChanges, growths: BatchedGrowths): void {
    if (!event.source.startsWith('joint/')) return;
    // Growths before a decision are never merged with growths after it (nor named after its count: see grownKey).
    queueGrowths(growths, changes);
    const outcome = this.engine.ingest(event);
    if (outcome.ignored !== undefined) return;
    changes.manual.push({
      position: this.manualCount,
      afterMembers: this.memberCount,
      type: event.type as 'cluster.linked' | 'cluster.unlinked',
      data: event.data as unknown as ClusterLinkedData,
      seq,
    });
    this.manualCount += 1;
    this.queueFindings(outcome.findings, event, seq, changes, growths);
  }

  /**
   * The membership changes go in as concluded (each member joins at the record that brought it, by its own keys); a
   * cluster.formed is queued at once, a growth is held for the batch's cluster.grown.
   */
  private queueFindings(findings: readonly ClusterFinding[], cause: HubEvent, seq: number, changes: BatchChanges, growths: BatchedGrowths): void {
    for (const finding of findings) {
      changes.clusterEvents.push(clusterEventRow(finding.type, finding.data as unknown as Record<string, unknown>, seq, cause.recordedAt));
      if (finding.type === 'cluster.grown') growths.add(finding, cause.recordedAt);
      else queueFinding(finding, cause.recordedAt, changes);
    }
  }

  private referralEvent(event: HubEvent, changes: BatchChanges): void {
    const key = referralKeyOf(event);
    if (key === undefined) return;
    const before = this.referrals.get(key);
    const after = evolveReferralLifecycle(before, event, this.options.clocks);
    if (after === undefined || after === before) return;
    this.referrals.set(key, after);
    changes.referrals.set(key, referralRow(after));
  }

  /** `normalised`: the entities as correlate's extractKeys normalised them (not normalised twice). */
  private jurisdiction(event: HubEvent, changes: BatchChanges, normalised: ExtractedKeys['normalised'] | undefined): void {
    const { suggestion } = suggestJurisdiction(event, normalised);
    if (suggestion === undefined) return;
    const key = `jurisdiction.suggested/${suggestion.leadSubject}`;
    changes.outbox.push({ key, eventId: deterministicEventId(key), type: 'jurisdiction.suggested', subject: jurisdictionSubjectOf(suggestion.leadSubject), time: event.recordedAt, data: { ...suggestion } });
  }

  private suggested(event: HubEvent, seq: number, changes: BatchChanges): void {
    const text = (field: string): string => (typeof event.data[field] === 'string' ? (event.data[field]) : '');
    changes.suggestions.push({ leadRef: text('leadSubject'), toDepartment: text('toDepartment'), toRegion: text('toRegion'), basis: text('basis'), note: text('note') || null, seq });
  }

  /** referral.overdue events due by `now` and not yet queued (`queued` answers for keys already in the outbox). */
  overdue(candidates: readonly Referral[], now: Date, queued: ReadonlySet<string>): OutboxRow[] {
    return candidates.flatMap((state) =>
      unpublishedOverdue(this.referrals.get(keyOfReferral(state)) ?? state, now, queued).map((clock) => {
        const event = overdueEvent(clock);
        return { key: clock.key, eventId: event.id, type: event.type, subject: event.subject, time: clock.dueAt, data: { ...event.data } };
      }),
    );
  }
}

/** closure.overdue / case.overdue notices due by `now` among `candidates` (the in-memory watch wins: it may be newer). */
export function watchOverdue(state: CoordinationState, candidates: readonly Watch[], now: Date, policy: ClockPolicy = {}): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (const candidate of candidates) {
    const watch = state.watch(candidate.state.key) ?? candidate;
    let notice: ReturnType<typeof closureOverdue> | ReturnType<typeof caseClockOverdue>;
    try {
      notice = watch.kind === 'closure' ? closureOverdue(watch.state, now) : caseClockOverdue(watch.state, now, policy);
    } catch {
      continue; // no deadline computable: recorded as the watch's problem when stored
    }
    if (notice !== undefined) rows.push({ key: notice.key, eventId: notice.id, type: notice.type, subject: notice.subject, time: notice.time, data: { ...notice.data } });
  }
  return rows;
}

function queueFinding(finding: ClusterFinding, time: string, changes: BatchChanges): void {
  changes.outbox.push({ key: finding.key, eventId: finding.id, type: finding.type, subject: finding.subject, time, data: { ...finding.data } });
}

/** The held growths, one cluster.grown per cluster, queued (at the time of the record that brought their last member). */
function queueGrowths(growths: BatchedGrowths, changes: BatchChanges): void {
  if (growths.size === 0) return;
  for (const { finding, time } of growths.take()) queueFinding(finding, time, changes);
}

/** `seq`, `at`: the joint event's own position and time, or for a finding those of the record that caused it. */
function clusterEventRow(type: string, data: Readonly<Record<string, unknown>>, seq: number, at: string): ClusterEventRow {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    seq,
    type: type as ClusterEventRow['type'],
    at,
    clusterId: typeof data['clusterId'] === 'string' ? data['clusterId'] : '',
    members: strings(data['members']),
    keys: strings(data['keys']),
    crossRegion: data['crossRegion'] === true,
    crossDepartment: data['crossDepartment'] === true,
    reason: typeof data['reason'] === 'string' ? data['reason'] : null,
  };
}
