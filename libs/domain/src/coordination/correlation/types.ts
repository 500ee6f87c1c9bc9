// Public shapes of the correlation engine: options, outputs, manual commands and errors.
import type { ClusterFormedData, ClusterGrownData, ClusterLinkedData, ClusterUnlinkedData } from '../../events/data/coordination.dto.js';
import type { FlaggedKey, SkippedEntity } from './extract.js';

export const DEFAULT_CORRELATION_CAP = 50;

export interface CorrelationOptions {
  /**
   * Distinct units whose records one value may link before it is over-correlating (default 50). Counted in
   * units, not records: one unit reporting a value on 200 leads cannot mute it for everyone else.
   */
  readonly cap?: number;
  /** Keys of one record that may link (default: the current campaign's maxLinkingKeysPerRecord, 20); the rest are kept, flagged. */
  readonly maxKeys?: number;
  /** Canonical keys that never link (default: buildExclusions() of every campaign's warning lists). */
  readonly exclusions?: ReadonlySet<string>;
}

export type ClusterFinding =
  | { readonly id: string; readonly key: string; readonly type: 'cluster.formed'; readonly subject: string; readonly data: ClusterFormedData }
  | { readonly id: string; readonly key: string; readonly type: 'cluster.grown'; readonly subject: string; readonly data: ClusterGrownData };

export interface CorrelationOutcome {
  /** Joint-office events to publish, in order; `id` is deterministic (dedupe on repeat). */
  readonly findings: readonly ClusterFinding[];
  /** Keys that crossed the cap with this event (each is reported once). */
  readonly overCorrelating: readonly string[];
  /** Keys of this member that are on the exclusion list. */
  readonly excluded: readonly string[];
  /** Keys of this member beyond the per-record key cap: kept, but they link nothing. */
  readonly beyondKeyCap: readonly string[];
  readonly flagged: readonly FlaggedKey[];
  readonly skipped: readonly SkippedEntity[];
  /** The member was already known (a redelivered event). */
  readonly duplicate: boolean;
  /** Why the event changed nothing, when it did not apply. */
  readonly ignored?: string;
}

export type CorrelationErrorCode =
  | 'REASON_REQUIRED'
  | 'BAD_COMMAND'
  | 'UNKNOWN_CLUSTER'
  | 'UNKNOWN_MEMBER'
  | 'NOT_A_MEMBER'
  | 'UNKNOWN_KEY'
  | 'KEY_NOT_IN_CLUSTER'
  | 'EXCLUDED_KEY'
  | 'REMOVES_EVERYTHING'
  | 'NO_EFFECT'
  | 'TOO_LARGE';

export class CorrelationError extends Error {
  constructor(
    readonly code: CorrelationErrorCode,
    message: string,
  ) {
    super(message);
  }

  override get name(): string {
    return `CorrelationError(${this.code})`;
  }
}

export interface UnlinkCommand {
  readonly clusterId: string;
  /** Members to detach from the cluster (they stop linking to its other members), or … */
  readonly members?: readonly string[];
  /** … keys to block (they stop linking anything until relinked). */
  readonly keys?: readonly string[];
  readonly reason: string;
}

export interface LinkCommand {
  /** The cluster to join; optional when linking loose members to each other. */
  readonly clusterId?: string;
  /** Members to join into the cluster (or to each other), or … */
  readonly members?: readonly string[];
  /** … blocked or over-correlating keys to let link again. */
  readonly keys?: readonly string[];
  readonly reason: string;
}

export type ManualDecision<T extends 'cluster.linked' | 'cluster.unlinked', D> =
  | { readonly ok: true; readonly type: T; readonly subject: string; readonly data: D }
  | { readonly ok: false; readonly error: CorrelationError };

export interface ClusterView {
  readonly clusterId: string;
  readonly published: boolean;
  readonly members: readonly string[];
  readonly keys: readonly string[];
  readonly crossRegion: boolean;
  readonly crossDepartment: boolean;
}

export type ManualData = ClusterLinkedData | ClusterUnlinkedData;

/** Inputs in arrival order: enough to rebuild the engine exactly (see `restore`). */
export interface CorrelationSnapshot {
  readonly format: 'net-sword/correlation/1';
  /** [member, department, region, keys] per member, in arrival order. */
  readonly members: readonly (readonly [string, string, string, readonly string[]])[];
  /** Manual decisions and how many members had arrived when each was applied. */
  readonly manual: readonly { readonly afterMembers: number; readonly type: 'cluster.linked' | 'cluster.unlinked'; readonly data: ManualData }[];
}

