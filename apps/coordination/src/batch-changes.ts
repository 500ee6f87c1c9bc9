// What one consumed batch changes in the coordination schema; written in one transaction with the checkpoint.
import type { ClusterLinkedData } from '@hub/domain';
import type { ClusterEventInput } from './persistence/index.js';

type ManualData = ClusterLinkedData;

export interface OutboxRow {
  key: string;
  eventId: string;
  type: string;
  subject: string;
  time: string;
  data: Record<string, unknown>;
}

export interface MemberRow {
  position: number;
  member: string;
  department: string;
  region: string;
  keys: readonly string[];
  seq: number;
}

export interface ManualRow {
  position: number;
  afterMembers: number;
  type: 'cluster.linked' | 'cluster.unlinked';
  data: ManualData;
  seq: number;
}

export interface ReferralRow {
  referralId: string;
  state: object;
  runningClock: string | null;
  runningDueAt: string | null;
}

/** A joint cluster.* event, folded into the clusters read model in stream order: what ClusterRepository.apply takes. */
export type ClusterEventRow = ClusterEventInput;

export interface SuggestionRow {
  leadRef: string;
  toDepartment: string;
  toRegion: string;
  basis: string;
  note: string | null;
  seq: number;
}

export interface BatchChanges {
  lastSeq: number;
  members: MemberRow[];
  manual: ManualRow[];
  /** Over-correlating values with their member count now (new and grown). */
  over: Map<string, { count: number; sinceSeq: number }>;
  referrals: Map<string, ReferralRow>;
  outbox: OutboxRow[];
  clusterEvents: ClusterEventRow[];
  suggestions: SuggestionRow[];
}

export function emptyChanges(lastSeq: number): BatchChanges {
  return { lastSeq, members: [], manual: [], over: new Map(), referrals: new Map(), outbox: [], clusterEvents: [], suggestions: [] };
}
