// The coordination service's in-memory state and its fold over the log. Everything here is a function
// of the events in stream order (plus the stored state it was restored from), so a restart re-derives
// the same joint-office events with the same ids; the outbox and the stream's id index then make sure
// each is published once.
import {
  CorrelationEngine,
  DEFAULT_CORRELATION_CAP,
  deterministicEventId,
  evolveReferralLifecycle,
  extractKeys,
  memberRefOf,
  suggestJurisdiction,
  unpublishedOverdue,
  overdueEvent,
  type ClockPolicy,
  type CorrelationOptions,
  type CorrelationSnapshot,
  type HubEvent,
  type ClusterLinkedData,
  type Referral,
} from '@hub/domain';
import type { PositionedEvent } from '@hub/persistence';
import { emptyChanges, type BatchChanges, type ClusterEventRow, type OutboxRow, type ReferralRow } from './batch-changes.js';

export const JOINT_UNIT = 'joint/650000';

const CLUSTER_EVENTS: ReadonlySet<string> = new Set(['cluster.formed', 'cluster.grown', 'cluster.linked', 'cluster.unlinked']);
const REFERRAL_EVENTS: ReadonlySet<string> = new Set(['lead.referred', 'referral.answered', 'referral.feedback']);

export interface RestoredState {
  members: CorrelationSnapshot['members'];
  manual: CorrelationSnapshot['manual'];
  referrals: readonly Referral[];
  over: ReadonlyMap<string, number>;
}

/** The referral's running clock: the answer while sent, the feedback while accepted. */
export function runningClockOf(state: Referral): { clock: string; dueAt: string } | undefined {
  if (state.status === 'sent' && state.answerDueAt !== undefined) return { clock: 'answer', dueAt: state.answerDueAt };
  if (state.status === 'accepted' && state.feedbackDueAt !== undefined) return { clock: 'feedback', dueAt: state.feedbackDueAt };
  return undefined;
}

export function referralRow(state: Referral): ReferralRow {
  const running = runningClockOf(state);
  return { referralId: state.referralId, state, runningClock: running?.clock ?? null, runningDueAt: running?.dueAt ?? null };
}

export class CoordinationState {
  readonly engine: CorrelationEngine;
  private readonly referrals = new Map<string, Referral>();
  private readonly over = new Map<string, number>();
  private memberCount: number;
  private manualCount: number;

  constructor(
    restored: RestoredState,
    private readonly options: { correlation?: CorrelationOptions; clocks?: ClockPolicy } = {},
  ) {
    this.engine = CorrelationEngine.restore({ format: 'net-sword/correlation/1', members: restored.members, manual: restored.manual }, options.correlation);
    this.memberCount = restored.members.length;
    this.manualCount = restored.manual.length;
    for (const referral of restored.referrals) this.referrals.set(referral.referralId, referral);
    for (const [key, count] of restored.over) this.over.set(key, count);
  }

  referral(referralId: string): Referral | undefined {
    return this.referrals.get(referralId);
  }

  overCorrelating(): { key: string; count: number }[] {
    return [...this.over].map(([key, count]) => ({ key, count }));
  }

  /** Folds a batch in stream order; returns what to store (and which joint events to queue). */
  apply(events: readonly PositionedEvent[], lastSeq: number): BatchChanges {
    const changes = emptyChanges(lastSeq);
    for (const positioned of events) this.applyOne(positioned, changes);
    return changes;
  }

  private applyOne(positioned: PositionedEvent, changes: BatchChanges): void {
    const { event, seq } = positioned;
    if (event.type === 'lead.reported' || event.type === 'case.opened') this.correlate(event, seq, changes);
    else if (event.type === 'cluster.linked' || event.type === 'cluster.unlinked') this.manual(event, seq, changes);
    if (CLUSTER_EVENTS.has(event.type) && positioned.department === 'joint') changes.clusterEvents.push(clusterEventRow(event, seq));
    if (REFERRAL_EVENTS.has(event.type)) this.referralEvent(event, changes);
    if (event.type === 'jurisdiction.suggested' && positioned.department === 'joint') this.suggested(event, seq, changes);
    if (event.type === 'lead.reported') this.jurisdiction(event, changes);
  }

  private correlate(event: HubEvent, seq: number, changes: BatchChanges): void {
    const extracted = extractKeys(event);
    if (extracted === undefined || memberRefOf(event) === undefined) return;
    const outcome = this.engine.addMember(extracted);
    if (outcome.duplicate) return;
    changes.members.push({ position: this.memberCount, member: extracted.member, department: extracted.department, region: extracted.region, keys: extracted.keys, seq });
    this.memberCount += 1;
    // A value turns over-correlating with its (cap + 1)-th member; every later carrier adds one.
    const crossed = new Set(outcome.overCorrelating);
    for (const key of extracted.keys) {
      const before = this.over.get(key);
      if (!crossed.has(key) && before === undefined) continue;
      const count = crossed.has(key) ? this.capOf() + 1 : (before ?? 0) + 1;
      this.over.set(key, count);
      changes.over.set(key, { count, sinceSeq: seq });
    }
    this.queueFindings(outcome.findings, event, changes);
  }

  private capOf(): number {
    return this.options.correlation?.cap ?? DEFAULT_CORRELATION_CAP;
  }

  private manual(event: HubEvent, seq: number, changes: BatchChanges): void {
    if (!event.source.startsWith('joint/')) return;
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
    this.queueFindings(outcome.findings, event, changes);
  }

  private queueFindings(findings: readonly { id: string; key: string; type: string; subject: string; data: object }[], cause: HubEvent, changes: BatchChanges): void {
    for (const finding of findings) {
      changes.outbox.push({ key: finding.key, eventId: finding.id, type: finding.type, subject: finding.subject, time: cause.recordedAt, data: { ...finding.data } });
    }
  }

  private referralEvent(event: HubEvent, changes: BatchChanges): void {
    const referralId = typeof event.data['referralId'] === 'string' ? event.data['referralId'] : undefined;
    if (referralId === undefined) return;
    const before = this.referrals.get(referralId);
    const after = evolveReferralLifecycle(before, event, this.options.clocks);
    if (after === undefined || after === before) return;
    this.referrals.set(referralId, after);
    changes.referrals.set(referralId, referralRow(after));
  }

  private jurisdiction(event: HubEvent, changes: BatchChanges): void {
    const { suggestion } = suggestJurisdiction(event);
    if (suggestion === undefined) return;
    const key = `jurisdiction.suggested/${suggestion.leadSubject}`;
    changes.outbox.push({ key, eventId: deterministicEventId(key), type: 'jurisdiction.suggested', subject: event.subject, time: event.recordedAt, data: { ...suggestion } });
  }

  private suggested(event: HubEvent, seq: number, changes: BatchChanges): void {
    const text = (field: string): string => (typeof event.data[field] === 'string' ? (event.data[field]) : '');
    changes.suggestions.push({ leadRef: text('leadSubject'), toDepartment: text('toDepartment'), toRegion: text('toRegion'), basis: text('basis'), note: text('note') || null, seq });
  }

  /** referral.overdue events due by `now` and not yet queued (`queued` answers for keys already in the outbox). */
  overdue(candidates: readonly Referral[], now: Date, queued: ReadonlySet<string>): OutboxRow[] {
    return candidates.flatMap((state) =>
      unpublishedOverdue(this.referrals.get(state.referralId) ?? state, now, queued).map((clock) => {
        const event = overdueEvent(clock);
        return { key: clock.key, eventId: event.id, type: event.type, subject: event.subject, time: clock.dueAt, data: { ...event.data } };
      }),
    );
  }
}

function clusterEventRow(event: HubEvent, seq: number): ClusterEventRow {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    seq,
    type: event.type as ClusterEventRow['type'],
    at: event.recordedAt,
    clusterId: typeof event.data['clusterId'] === 'string' ? event.data['clusterId'] : '',
    members: strings(event.data['members']),
    keys: strings(event.data['keys']),
    crossRegion: event.data['crossRegion'] === true,
    crossDepartment: event.data['crossDepartment'] === true,
    reason: typeof event.data['reason'] === 'string' ? event.data['reason'] : null,
  };
}
