import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * The annex rollup: annex_contributions added up per campaign × unit × local day (the campaign's zone) ×
 * annex row, maintained by the projector in the same transaction as the contributions. A period is a
 * run of whole local days and a scope a set of units, so an annex without "as of" is an aggregate over
 * these small tables; "as of" (recorded_at) still needs the contributions themselves.
 * Each table also holds, under unit and region '*' (ALL_UNITS), the rows of all units added together:
 * scope `all` reads those. The primary keys lead with campaign and unit (unit scope and `all`); the region
 * indexes serve region scope.
 */

/** Per campaign × unit × day × row: Σ amount and the number of contributions. */
@Entity({ name: 'annex_rollup' })
@Index('annex_rollup_region_idx', ['campaign', 'region', 'day'])
export class AnnexRollupEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_pkey', type: 'text' })
  campaign!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_pkey', type: 'text' })
  unit!: string;

  /** The local date (campaign zone) of the contributions' `time`. */
  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_pkey', type: 'date' })
  day!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_pkey', name: 'row_id', type: 'text' })
  rowId!: string;

  @Column({ type: 'text' })
  region!: string;

  /** double precision, like annex_contributions.amount. */
  @Column({ type: 'double precision' })
  amount!: number;

  @Column({ type: 'integer' })
  contributions!: number;
}

/**
 * Distinct-measure keys, deduplicated per campaign × unit × day × row: a key is counted once over any
 * period and scope by COUNT(DISTINCT distinct_key) over the days and units in it (a first-seen day alone
 * could not answer a period that starts after the key was first seen).
 */
@Entity({ name: 'annex_rollup_keys' })
@Index('annex_rollup_keys_region_idx', ['campaign', 'region', 'day'])
export class AnnexRollupKeyEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_keys_pkey', type: 'text' })
  campaign!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_keys_pkey', type: 'text' })
  unit!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_keys_pkey', type: 'date' })
  day!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_keys_pkey', name: 'row_id', type: 'text' })
  rowId!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_keys_pkey', name: 'distinct_key', type: 'text' })
  distinctKey!: string;

  @Column({ type: 'text' })
  region!: string;
}

/** Remark counts ("其中N件同时涉及…"): per campaign × unit × day × row × other category, the number of contributions. */
@Entity({ name: 'annex_rollup_remarks' })
@Index('annex_rollup_remarks_region_idx', ['campaign', 'region', 'day'])
export class AnnexRollupRemarkEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_remarks_pkey', type: 'text' })
  campaign!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_remarks_pkey', type: 'text' })
  unit!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_remarks_pkey', type: 'date' })
  day!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_remarks_pkey', name: 'row_id', type: 'text' })
  rowId!: string;

  @PrimaryColumn({ primaryKeyConstraintName: 'annex_rollup_remarks_pkey', type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'integer' })
  n!: number;
}
