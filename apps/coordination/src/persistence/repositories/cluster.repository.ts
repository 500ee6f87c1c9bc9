import type { Sql } from '@hub/persistence';

export interface ClusterEventInput {
  seq: number;
  type: 'cluster.formed' | 'cluster.grown' | 'cluster.linked' | 'cluster.unlinked';
  at: string;
  clusterId: string;
  members: string[];
  keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  reason: string | null;
}

/**
 * Writes `clusters`, `cluster_members`, `cluster_history`, `jurisdiction_suggestions`: published clusters as
 * the coordination fold changes them (findings and manual decisions in fold order), and the history of the
 * joint office's cluster.* events as stored. The API reads them through @hub/read-models' ClusterQueries.
 */
export class ClusterRepository {
  constructor(private readonly sql: Sql) {}

  /** Folds one membership change (in fold order, inside the batch's transaction); `seq`: where in the log it was decided. */
  async apply(e: ClusterEventInput): Promise<void> {
    const split = (refs: string[], part: 0 | 1) => refs.map((ref) => ref.split('/')[part] ?? '');
    // The clusters that lost members with this change: only they can have been emptied (looking at every
    // cluster after each change made a batch's cost grow with all the clusters ever formed).
    let losers: string[];
    if (e.type === 'cluster.unlinked') {
      await this.sql.query('DELETE FROM cluster_members WHERE cluster_id = $1 AND member = ANY($2::text[])', [e.clusterId, e.members]);
      losers = [e.clusterId];
    } else {
      // A member joins one cluster only: an absorbed cluster loses it (and disappears when emptied).
      // (A CTE so the rows come back over a TypeORM DataSource too, which answers a bare DELETE with a count.)
      const moved = await this.sql.query<{ cluster_id: string }>(
        'WITH moved AS (DELETE FROM cluster_members WHERE member = ANY($1::text[]) AND cluster_id <> $2 RETURNING cluster_id) SELECT DISTINCT cluster_id FROM moved',
        [e.members, e.clusterId],
      );
      losers = moved.map((row) => row.cluster_id);
      await this.sql.query(
        `INSERT INTO cluster_members (cluster_id, member, department, region, via, key, joined_at)
         SELECT $1, r.member, r.department, r.region, $5,
                (SELECT k FROM unnest($6::text[]) AS k WHERE k = ANY(cm.keys) LIMIT 1), $7
         FROM unnest($2::text[], $3::text[], $4::text[]) AS r(member, department, region)
         LEFT JOIN correlation_members cm ON cm.member = r.member
         ON CONFLICT (cluster_id, member) DO NOTHING`,
        [e.clusterId, e.members, split(e.members, 0), split(e.members, 1), e.type === 'cluster.linked' ? 'manual' : 'key', e.keys, e.at],
      );
    }
    await this.sql.query(
      `INSERT INTO clusters (cluster_id, formed_at, updated_at, keys, cross_region, cross_department, last_seq)
       VALUES ($1, $2, $2, $3, $4, $5, $6)
       ON CONFLICT (cluster_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, cross_region = EXCLUDED.cross_region,
         cross_department = EXCLUDED.cross_department, last_seq = EXCLUDED.last_seq,
         keys = (SELECT coalesce(array_agg(DISTINCT k), '{}') FROM unnest(clusters.keys || EXCLUDED.keys) AS k)`,
      [e.clusterId, e.at, e.type === 'cluster.unlinked' ? [] : e.keys, e.crossRegion, e.crossDepartment, e.seq],
    );
    if (losers.length === 0) return;
    await this.sql.query('DELETE FROM clusters c WHERE c.cluster_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id)', [losers]);
  }

  /** Adds a joint cluster.* event, as stored at `seq`, to its cluster's history. */
  async record(e: ClusterEventInput): Promise<void> {
    await this.sql.query(
      `INSERT INTO cluster_history (seq, cluster_id, type, at, members, keys, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (seq) DO NOTHING`,
      [e.seq, e.clusterId, e.type, e.at, e.members, e.keys, e.reason],
    );
  }

  async upsertSuggestions(rows: readonly { leadRef: string; toDepartment: string; toRegion: string; basis: string; note: string | null; seq: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.query(
      `INSERT INTO jurisdiction_suggestions (lead_ref, to_department, to_region, basis, note, seq)
       SELECT "leadRef", "toDepartment", "toRegion", basis, note, seq FROM jsonb_to_recordset($1::jsonb)
         AS r("leadRef" text, "toDepartment" text, "toRegion" text, basis text, note text, seq bigint)
       ON CONFLICT (lead_ref) DO UPDATE SET to_department = EXCLUDED.to_department, to_region = EXCLUDED.to_region, basis = EXCLUDED.basis, note = EXCLUDED.note, seq = EXCLUDED.seq`,
      [JSON.stringify(rows)],
    );
  }
}
