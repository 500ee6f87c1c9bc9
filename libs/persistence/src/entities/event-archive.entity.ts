import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event of the stream, verbatim: the second durable copy of the log (NATS 2.9 acks before fsync),
 * from which reconcile can repair the stream and auditors can re-verify hashes and signatures.
 * `seq` is the JetStream stream sequence; `id` is unique, which is what makes projection idempotent.
 */
@Entity({ name: 'event_archive' })
@Index('event_archive_aggregate_idx', ['streamSubject', 'version'])
export class EventArchiveEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'event_archive_pkey', type: 'bigint' })
  seq!: string;

  @Index('event_archive_id_key', { unique: true })
  @Column({ type: 'uuid' })
  id!: string;

  @Column({ name: 'stream_subject', type: 'text' })
  streamSubject!: string;

  @Column({ type: 'text' })
  type!: string;

  /** `<department>/<region>` of the publishing unit. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz' })
  time!: Date;

  /** `time` exactly as published (offset, fraction): the hash covers this string, not the instant. */
  @Column({ name: 'time_text', type: 'text' })
  timeText!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'text' })
  sig!: string;
}
