import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One referral (移送/协查), born with the sender's lead.referred and continued by the receiver's
 * referral.* events under its own `referral/<referralId>` subject. Keyed by the receiving unit and the
 * referral id, because the receiver's events only carry the id and their own unit.
 */
@Entity({ name: 'referrals' })
@Index('referrals_from_unit_idx', ['fromUnit'])
@Index('referrals_status_due_idx', ['status', 'dueAt'])
@Index('referrals_status_feedback_due_idx', ['status', 'feedbackDueAt'])
@Index('referrals_referral_id_idx', ['referralId'])
export class ReferralEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'referrals_pkey', name: 'to_unit', type: 'text' })
  toUnit!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'referrals_pkey', name: 'referral_id', type: 'text' })
  referralId!: string;

  @Column({ name: 'to_department', type: 'text' })
  toDepartment!: string;

  @Column({ name: 'to_region', type: 'text' })
  toRegion!: string;

  @Column({ name: 'from_unit', type: 'text', nullable: true })
  fromUnit!: string | null;

  @Column({ name: 'lead_id', type: 'text', nullable: true })
  leadId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** sent | accepted | rejected | returned | fed_back */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'feedback_due_at', type: 'timestamptz', nullable: true })
  feedbackDueAt!: Date | null;

  @Column({ name: 'feedback_outcome', type: 'text', nullable: true })
  feedbackOutcome!: string | null;

  @Column({ name: 'feedback_case_id', type: 'text', nullable: true })
  feedbackCaseId!: string | null;

  @Column({ name: 'feedback_at', type: 'timestamptz', nullable: true })
  feedbackAt!: Date | null;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
