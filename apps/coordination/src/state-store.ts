// Where the coordination state lives between processes: what a folded batch changes is written here (inside
// the batch's transaction, with the checkpoint), and a new session restores its state from it. The loop and
// the fold-order spec share these two halves, so the spec's restarts are the service's own.
import type { ClockPolicy, Referral } from '@hub/domain';
import type { Sql } from '@hub/persistence';
import type { BatchChanges } from './batch-changes.js';
import { CoordinationState, watchOverdue, type Watch } from './coordination-state.js';
import {
  ClosedRecordRepository,
  ClusterRepository,
  CoordinationReferralRepository,
  CoordinationWatchRepository,
  CorrelationRepository,
  OutboxRepository,
  type OutboxEntry,
} from './persistence/index.js';

/** Writes one batch's changes (the caller holds the transaction and moves the checkpoint). */
export async function writeChanges(sql: Sql, changes: BatchChanges): Promise<void> {
  await writeInputs(sql, changes);
  await writeClusters(sql, changes);
  await writeOutputs(sql, changes);
}

/*
 * The three parts of writeChanges, in its order. Only the clusters' part reads what its statements return (which
 * clusters lost members); the other two only write, so the loop can send each as one SqlScript (one round trip).
 */

/** The correlation engine's inputs, referral lifecycles, watches, closed records (cluster moves read the members). */
export async function writeInputs(sql: Sql, changes: BatchChanges): Promise<void> {
  const correlation = new CorrelationRepository(sql);
  await correlation.insertMembers(changes.members);
  await correlation.insertManual(changes.manual);
  await correlation.upsertOver(changes.over);
  await new CoordinationReferralRepository(sql).upsert([...changes.referrals.values()]);
  await new CoordinationWatchRepository(sql).upsert([...changes.watches.values()]);
  await new ClosedRecordRepository(sql).insert(changes.closed);
}

/** The clusters read model's membership changes, in fold order (reads what each move returns; the loop sends ClusterRepository's two halves of it itself). */
export async function writeClusters(sql: Sql, changes: BatchChanges): Promise<void> {
  await new ClusterRepository(sql).applyAll(changes.clusterEvents);
}

/** Cluster history, jurisdiction suggestions and the outbox. */
export async function writeOutputs(sql: Sql, changes: BatchChanges): Promise<void> {
  const clusters = new ClusterRepository(sql);
  await clusters.recordAll(changes.clusterHistory);
  await clusters.upsertSuggestions(changes.suggestions);
  await new OutboxRepository(sql).enqueue(changes.outbox);
}

/** The state as committed: correlation inputs in arrival order, manual decisions, referral lifecycles, clocks. */
export async function restoreState(sql: Sql, options: ConstructorParameters<typeof CoordinationState>[1] = {}): Promise<CoordinationState> {
  const correlation = new CorrelationRepository(sql);
  const members: [string, string, string, string[]][] = [];
  for await (const page of correlation.members()) for (const m of page) members.push([m.member, m.department, m.region, m.keys]);
  const manual = (await correlation.manual()).map((m) => ({ afterMembers: m.afterMembers, type: m.type, data: m.data as never }));
  const referrals = await new CoordinationReferralRepository(sql).all<Referral>();
  const over = new Map((await correlation.over()).map((o) => [o.key, { count: o.count, sinceSeq: o.sinceSeq }] as const));
  const watches = (await new CoordinationWatchRepository(sql).all()) as Watch[];
  const closed = await new ClosedRecordRepository(sql).all();
  return new CoordinationState({ members, manual, referrals, over, watches, closed }, options);
}

/** Queues the overdue notice of every clock that ran out by `now` and is not queued yet; returns those that were new. */
export async function queueOverdue(sql: Sql, state: CoordinationState, now: Date, clocks?: ClockPolicy): Promise<OutboxEntry[]> {
  const due = await new CoordinationReferralRepository(sql).due<Referral>(now);
  const watches = (await new CoordinationWatchRepository(sql).due(now)) as Watch[];
  if (due.length === 0 && watches.length === 0) return [];
  const outbox = new OutboxRepository(sql);
  const candidates = [...state.overdue(due, now, new Set()), ...watchOverdue(state, watches, now, clocks)];
  const queued = await outbox.known(candidates.map((c) => c.key));
  const fresh = candidates.filter((c) => !queued.has(c.key));
  return outbox.enqueue(fresh);
}
