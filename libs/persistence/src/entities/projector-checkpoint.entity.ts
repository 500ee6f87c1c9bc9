import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last stream sequence whose effects are in these tables; written in the same transaction as them. */
@Entity({ name: 'projector_checkpoint' })
export class ProjectorCheckpointEntity {
  @PrimaryColumn({ primaryKeyConstraintName: 'projector_checkpoint_pkey', type: 'text' })
  name!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * CREATE INDEX statements of the secondary indexes dropped for a catch-up (cheaper bulk writes); they
   * are recreated when the projector has caught up, or at its next start if it died before.
   */
  @Column({ name: 'deferred_indexes', type: 'text', array: true, default: () => "'{}'" })
  deferredIndexes!: string[];

  /**
   * Set while catch-up mode defers the annex rollup: the checkpoint when it began. The contributions after
   * it are rolled up in one statement once caught up (or at the next start); null when batches roll up.
   */
  @Column({ name: 'rollup_deferred_after', type: 'bigint', nullable: true })
  rollupDeferredAfter!: string | null;
}
