import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Messages the projector could not apply as events: `corrupt` (not a hub event envelope; the raw body is
 * kept) and `duplicate` (an id already projected, seen again at a new stream sequence). Nothing is skipped
 * without a row here.
 */
@Entity({ name: 'projection_errors' })
@Index('projection_errors_seq_idx', ['seq'])
export class ProjectionErrorEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'projection_errors_pkey', type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'stream_subject', type: 'text' })
  streamSubject!: string;

  /** corrupt | duplicate */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  message!: string;

  /** The message body (UTF-8, or base64 when it is not valid UTF-8). */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
