import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Count-style facts, one row per event: takedowns, inspections, rectification orders and seizures.
 * Append-only (these aggregates have one event each in practice; each event is its own tally).
 */
@Entity({ name: 'tallies' })
@Index('tallies_unit_time_idx', ['unit', 'time'])
export class TallyEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'tallies_pkey', type: 'bigint' })
  seq!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** takedown | inspection | rectification | seizure */
  @Column({ type: 'text' })
  kind!: string;

  /** The aggregate id under the unit (e.g. takedown/T-1 → T-1). */
  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  /** takedown `action`. */
  @Column({ type: 'text', nullable: true })
  action!: string | null;

  /** inspection / rectification `targetKind`. */
  @Column({ name: 'target_kind', type: 'text', nullable: true })
  targetKind!: string | null;

  /** seizure `channel`. */
  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'integer', nullable: true })
  count!: number | null;

  @Column({ type: 'integer', nullable: true })
  batches!: number | null;

  @Column({ type: 'integer', nullable: true })
  pieces!: number | null;

  @Column({ type: 'text', nullable: true })
  platform!: string | null;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'timestamptz' })
  time!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
