import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Current state of each case aggregate (`<unit>` + case id), including assistance records (case.assisted). */
@Entity({ name: 'cases' })
@Index('cases_region_category_idx', ['region', 'primaryCategory'])
export class CaseEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'cases_pkey', type: 'text' })
  unit!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'cases_pkey', name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  region!: string;

  /** opened | decided | transferred | closed | assisted */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'case_no', type: 'text', nullable: true })
  caseNo!: string | null;

  /** administrative | criminal (null for a pure assistance record) */
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ name: 'primary_category', type: 'text', nullable: true })
  primaryCategory!: string | null;

  @Column({ name: 'other_categories', type: 'text', array: true, default: () => "'{}'" })
  otherCategories!: string[];

  @Column({ type: 'text', nullable: true })
  platform!: string | null;

  @Column({ name: 'target_kind', type: 'text', nullable: true })
  targetKind!: string | null;

  @Column({ name: 'lead_ids', type: 'text', array: true, default: () => "'{}'" })
  leadIds!: string[];

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'decision_no', type: 'text', nullable: true })
  decisionNo!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  fine!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  confiscation!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  transferred!: boolean;

  @Column({ name: 'transferred_at', type: 'timestamptz', nullable: true })
  transferredAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  closed!: boolean;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'close_outcome', type: 'text', nullable: true })
  closeOutcome!: string | null;

  @Column({ type: 'boolean', default: false })
  typical!: boolean;

  /** case.assisted: the other department's case reference and department. */
  @Column({ name: 'assisted_case_ref', type: 'text', nullable: true })
  assistedCaseRef!: string | null;

  @Column({ name: 'assisted_department', type: 'text', nullable: true })
  assistedDepartment!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
