import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Current state of each lead aggregate (`<unit>` + lead id; ids are unique per unit only). */
@Entity({ name: 'leads' })
@Index('leads_region_status_idx', ['region', 'status'])
export class LeadEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'leads_pkey', type: 'text' })
  unit!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'leads_pkey', name: 'lead_id', type: 'text' })
  leadId!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  /** open | referred | closed */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'text', nullable: true })
  platform!: string | null;

  @Column({ name: 'product_category', type: 'text', nullable: true })
  productCategory!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  entities!: { kind: string; value: string }[];

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  /** Referral ids this lead was referred under, in order. */
  @Column({ name: 'referral_ids', type: 'text', array: true, default: () => "'{}'" })
  referralIds!: string[];

  @Column({ name: 'closed_outcome', type: 'text', nullable: true })
  closedOutcome!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'case_id', type: 'text', nullable: true })
  caseId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
