// The coordination service's own state (schema `coordination`, apart from the projector's read models so
// a projector rebuild never touches it). Everything a batch changes is written in the batch's transaction
// together with the checkpoint, so after a crash the service resumes exactly where its state stands.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How far the `coordination` durable consumer's effects are committed. */
@Entity({ name: 'coordination_checkpoint' })
export class CoordinationCheckpointEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_checkpoint_pkey', type: 'text' })
  name!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The joint office's id index and heads as of `last_seq` (v8-serialised SubjectHeadsState), so a start reads only the tail. */
@Entity({ name: 'coordination_joint_heads' })
export class CoordinationJointHeadsEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_joint_heads_pkey', type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  stream!: string;

  @Column({ name: 'stream_created', type: 'text' })
  streamCreated!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;
}

/** Correlation inputs in arrival order: the engine is restored from these at start. */
@Entity({ name: 'correlation_members' })
@Index('correlation_members_member_key', ['member'], { unique: true })
export class CorrelationMemberEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'correlation_members_pkey', type: 'integer' })
  position!: number;

  /** `<dept>/<region>/<lead|case>/<id>` */
  @Column({ type: 'text' })
  member!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text', array: true })
  keys!: string[];

  @Column({ type: 'bigint' })
  seq!: string;
}

/** Manual link/unlink decisions as the engine applied them (after how many members). */
@Entity({ name: 'correlation_manual' })
export class CorrelationManualEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'correlation_manual_pkey', type: 'integer' })
  position!: number;

  @Column({ name: 'after_members', type: 'integer' })
  afterMembers!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'bigint' })
  seq!: string;
}

/** Values carried by more units than the cap (reported to coordinators, link no further units' records). */
@Entity({ name: 'correlation_over' })
export class CorrelationOverEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'correlation_over_pkey', type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  count!: number;

  /** The log position of the record that took the value past the cap (not of a later one that grew the count). */
  @Column({ name: 'since_seq', type: 'bigint' })
  sinceSeq!: string;
}

/**
 * Joint-office events decided but maybe not yet published. The key is the event's idempotency key
 * (its id is derived from it), so the same conclusion is queued once, however often it is re-derived.
 */
@Entity({ name: 'coordination_outbox' })
@Index('coordination_outbox_position_idx', ['position'])
export class CoordinationOutboxEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_outbox_pkey', type: 'text' })
  key!: string;

  @Column({ type: 'bigint' })
  position!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  time!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}

/**
 * How far the outbox is published (one row, `outbox`): every entry at or below position `up_to` is in the stream,
 * or failed for good (its `error`). Publishing goes in position order, so this one row replaces a mark per entry.
 */
@Entity({ name: 'coordination_outbox_published' })
export class CoordinationOutboxPublishedEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_outbox_published_pkey', type: 'text' })
  name!: string;

  @Column({ name: 'up_to', type: 'bigint' })
  upTo!: string;
}

/** The referral lifecycle as the joint office folds it (domain Referral), with the running clock. */
@Entity({ name: 'coordination_referrals' })
@Index('coordination_referrals_due_idx', ['runningDueAt'])
export class CoordinationReferralEntity {
  /** `<from>/referral/<id>`: referral ids are the sender's, so the key names the sender. */
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_referrals_pkey', name: 'referral_key', type: 'text' })
  referralKey!: string;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  @Column({ name: 'running_clock', type: 'text', nullable: true })
  runningClock!: string | null;

  @Column({ name: 'running_due_at', type: 'timestamptz', nullable: true })
  runningDueAt!: Date | null;
}

/**
 * The other clocks the joint office watches, one row per (record, clock): 7×24 closure requests (kind
 * `closure`) and the procedure clocks of the penalty rules (kind `case`). `key` is the overdue notice's
 * outbox key; `due_at` is when the clock runs out (or ran out before its step came), null when it never will
 * or is paused, so the deadline timer reads only what can be due.
 */
@Entity({ name: 'coordination_watches' })
@Index('coordination_watches_due_idx', ['dueAt'])
export class CoordinationWatchEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_watches_pkey', type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** Why no deadline could be computed (a year without holiday data), for operators. */
  @Column({ type: 'text', nullable: true })
  problem!: string | null;
}

/** Leads and cases closed or voided: an alert (hit.alerted) is raised only for a unit's open records. */
@Entity({ name: 'coordination_closed_records' })
export class CoordinationClosedRecordEntity {
  /** `<dept>/<region>/<lead|case>/<id>`. */
  @PrimaryColumn({ primaryKeyConstraintName: 'coordination_closed_records_pkey', type: 'text' })
  ref!: string;

  @Column({ type: 'bigint' })
  seq!: string;
}

/** Published clusters, folded from the joint office's cluster.* events. */
@Entity({ name: 'clusters' })
@Index('clusters_formed_idx', ['formedAt'])
export class ClusterEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'clusters_pkey', name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Column({ name: 'formed_at', type: 'timestamptz' })
  formedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text', array: true })
  keys!: string[];

  @Column({ name: 'cross_region', type: 'boolean' })
  crossRegion!: boolean;

  @Column({ name: 'cross_department', type: 'boolean' })
  crossDepartment!: boolean;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}

/** Current members of each cluster and how they joined. */
@Entity({ name: 'cluster_members' })
@Index('cluster_members_member_idx', ['member'])
export class ClusterMemberEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'cluster_members_pkey', name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'cluster_members_pkey', type: 'text' })
  member!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  /** `key` (correlation) | `manual` (a coordinator's link) */
  @Column({ type: 'text' })
  via!: string;

  @Column({ type: 'text', nullable: true })
  key!: string | null;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}

/** Every cluster event, for the cluster's history. */
@Entity({ name: 'cluster_history' })
@Index('cluster_history_cluster_idx', ['clusterId', 'seq'])
export class ClusterHistoryEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'cluster_history_pkey', type: 'bigint' })
  seq!: string;

  @Column({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', array: true })
  members!: string[];

  @Column({ type: 'text', array: true })
  keys!: string[];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/** The joint office's jurisdiction suggestions, per qualified lead. */
@Entity({ name: 'jurisdiction_suggestions' })
export class JurisdictionSuggestionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'jurisdiction_suggestions_pkey', name: 'lead_ref', type: 'text' })
  leadRef!: string;

  @Column({ name: 'to_department', type: 'text' })
  toDepartment!: string;

  @Column({ name: 'to_region', type: 'text' })
  toRegion!: string;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'bigint' })
  seq!: string;
}

export const COORDINATION_ENTITIES = [
  CoordinationCheckpointEntity,
  CoordinationJointHeadsEntity,
  CorrelationMemberEntity,
  CorrelationManualEntity,
  CorrelationOverEntity,
  CoordinationOutboxEntity,
  CoordinationOutboxPublishedEntity,
  CoordinationReferralEntity,
  CoordinationWatchEntity,
  CoordinationClosedRecordEntity,
  ClusterEntity,
  ClusterMemberEntity,
  ClusterHistoryEntity,
  JurisdictionSuggestionEntity,
];
