// What one consumed batch changes in the coordination schema; written in one transaction with the checkpoint.
import type { ClusterLinkedData } from '@hub/domain';
import type { ClusterEventInput, WatchRow } from './persistence/index.js';

export type { WatchRow };

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
  /** `<from>/referral/<id>`: the sender's referral. */
  referralKey: string;
  state: object;
  runningClock: string | null;
  runningDueAt: string | null;
}

/**
 * A change of the clusters read model (ClusterRepository): in `clusterEvents` a membership change in fold order
 * (a finding when the fold concludes it, a manual decision when the fold reads it), in `clusterHistory` a joint
 * cluster.* event as stored (read back from the log).
 */
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
  /** Closure requests and procedure clocks, by their overdue key. */
  watches: Map<string, WatchRow>;
  outbox: OutboxRow[];
  /** Membership changes in fold order (never in the order the joint office's events happened to be appended). */
  clusterEvents: ClusterEventRow[];
  /** The joint office's cluster.* events read back, for each cluster's history. */
  clusterHistory: ClusterEventRow[];
  suggestions: SuggestionRow[];
  /** Leads and cases closed or voided in the batch (no more alerts for them). */
  closed: { ref: string; seq: number }[];
}

export function emptyChanges(lastSeq: number): BatchChanges {
  return { lastSeq, members: [], manual: [], over: new Map(), referrals: new Map(), watches: new Map(), outbox: [], clusterEvents: [], clusterHistory: [], suggestions: [], closed: [] };
}
