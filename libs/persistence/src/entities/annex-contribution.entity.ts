import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What each event adds to each statistics-annex row (annexContributions(event, definition)), so an annex
 * for any scope, period and "as of" is one aggregate over an index, and every cell can list its events.
 * Rows carry their campaign (definition id): a 2022 definition is added beside 2021, not instead of it.
 * The indexes lead with campaign and the scope column (unit or region; `all` scans the campaign), then
 * the period column.
 */
@Entity({ name: 'annex_contributions' })
@Index('annex_contributions_unit_idx', ['campaign', 'unit', 'time'])
@Index('annex_contributions_region_idx', ['campaign', 'region', 'time'])
export class AnnexContributionEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'annex_contributions_pkey', type: 'bigint' })
  seq!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_contributions_pkey', type: 'text' })
  campaign!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_contributions_pkey', name: 'row_id', type: 'text' })
  rowId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

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

  /** double precision: the annex sums the same numbers computeAnnexFromEvents sums in JavaScript. */
  @Column({ type: 'double precision' })
  amount!: number;

  @Column({ name: 'distinct_key', type: 'text', nullable: true })
  distinctKey!: string | null;

  @Column({ name: 'other_categories', type: 'text', array: true, nullable: true })
  otherCategories!: string[] | null;
}
