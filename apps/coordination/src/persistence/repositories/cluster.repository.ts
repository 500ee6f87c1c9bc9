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
/** A cluster's row as a run of changes leaves it. */
export interface ClusterRow {
  clusterId: string;
  formedAt: string;
  updatedAt: string;
  keys: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  seq: number;
}

/**
 * What a run of changes writes into each cluster's row, as the changes one by one would have: formed at the
 * first (if new), the last one's time, flags and position, and every key any of them brought.
 */
export function clusterRowsOf(run: readonly ClusterEventInput[]): ClusterRow[] {
  const rows = new Map<string, ClusterRow & { keySet: Set<string> }>();
  for (const e of run) {
    const keys = e.type === 'cluster.unlinked' ? [] : e.keys;
    const row = rows.get(e.clusterId);
    if (row === undefined) {
      rows.set(e.clusterId, { clusterId: e.clusterId, formedAt: e.at, updatedAt: e.at, keys: [], keySet: new Set(keys), crossRegion: e.crossRegion, crossDepartment: e.crossDepartment, seq: e.seq });
      continue;
    }
    Object.assign(row, { updatedAt: e.at, crossRegion: e.crossRegion, crossDepartment: e.crossDepartment, seq: e.seq });
    for (const key of keys) row.keySet.add(key);
  }
  return [...rows.values()].map(({ keySet, ...row }) => ({ ...row, keys: [...keySet] }));
}

export class ClusterRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Folds a batch's membership changes (in fold order, inside the batch's transaction). Members move one change
   * at a time; a cluster's row is written once per run of changes (its first formation, its last state, every key):
   * a big cluster grows by hundreds of members a batch, and rewriting its row (and key array) per change made
   * coordination wait on PostgreSQL. Only the clusters that lost members can have been emptied, so only they are
   * looked at (and a run ends before a change reaches a cluster emptied earlier in it, so it starts afresh).
   */
  async applyAll(events: readonly ClusterEventInput[]): Promise<void> {
    let run: ClusterEventInput[] = [];
    const losers = new Set<string>();
    const flush = async (): Promise<void> => {
      await this.upsertRows(clusterRowsOf(run));
      if (losers.size > 0) {
        await this.sql.query('DELETE FROM clusters c WHERE c.cluster_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id)', [[...losers]]);
      }
      run = [];
      losers.clear();
    };
    for (const e of events) {
      if (losers.has(e.clusterId)) await flush();
      for (const loser of await this.moveMembers(e)) losers.add(loser);
      run.push(e);
    }
    await flush();
  }

  /** One change's members: out of the cluster (unlinked), or into it and out of any other. Returns the clusters that lost members. */
  private async moveMembers(e: ClusterEventInput): Promise<string[]> {
    if (e.type === 'cluster.unlinked') {
      await this.sql.query('DELETE FROM cluster_members WHERE cluster_id = $1 AND member = ANY($2::text[])', [e.clusterId, e.members]);
      return [e.clusterId];
    }
    const split = (refs: string[], part: 0 | 1) => refs.map((ref) => ref.split('/')[part] ?? '');
    // A member joins one cluster only: an absorbed cluster loses it (and disappears when emptied). Both halves in
    // one statement (the rows they touch differ in cluster_id); a CTE also brings the rows back over a TypeORM
    // DataSource, which answers a bare DELETE with a count.
    const moved = await this.sql.query<{ cluster_id: string }>(
      `WITH moved AS (DELETE FROM cluster_members WHERE member = ANY($2::text[]) AND cluster_id <> $1 RETURNING cluster_id),
       joined AS (
         INSERT INTO cluster_members (cluster_id, member, department, region, via, key, joined_at)
         SELECT $1, r.member, r.department, r.region, $5,
                (SELECT k FROM unnest($6::text[]) AS k WHERE k = ANY(cm.keys) LIMIT 1), $7
         FROM unnest($2::text[], $3::text[], $4::text[]) AS r(member, department, region)
         LEFT JOIN correlation_members cm ON cm.member = r.member
         ON CONFLICT (cluster_id, member) DO NOTHING)
       SELECT DISTINCT cluster_id FROM moved`,
      [e.clusterId, e.members, split(e.members, 0), split(e.members, 1), e.type === 'cluster.linked' ? 'manual' : 'key', e.keys, e.at],
    );
    return moved.map((row) => row.cluster_id);
  }

  private async upsertRows(rows: readonly ClusterRow[]): Promise<void> {
    if (rows.length === 0) return;
    // A known key set keeps its array (and its TOAST value) as it is: a grown cluster seldom brings a new key.
    await this.sql.query(
      `INSERT INTO clusters (cluster_id, formed_at, updated_at, keys, cross_region, cross_department, last_seq)
       SELECT r."clusterId", r."formedAt", r."updatedAt", ARRAY(SELECT jsonb_array_elements_text(r.keys)), r."crossRegion", r."crossDepartment", r.seq
       FROM jsonb_to_recordset($1::jsonb) AS r("clusterId" text, "formedAt" timestamptz, "updatedAt" timestamptz, keys jsonb, "crossRegion" boolean, "crossDepartment" boolean, seq bigint)
       ON CONFLICT (cluster_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, cross_region = EXCLUDED.cross_region,
         cross_department = EXCLUDED.cross_department, last_seq = EXCLUDED.last_seq,
         keys = CASE WHEN EXCLUDED.keys <@ clusters.keys THEN clusters.keys
                     ELSE (SELECT coalesce(array_agg(DISTINCT k), '{}') FROM unnest(clusters.keys || EXCLUDED.keys) AS k) END`,
      [JSON.stringify(rows)],
    );
  }

  /** Adds the joint cluster.* events, as stored (each at its `seq`), to their clusters' history. */
  async recordAll(events: readonly ClusterEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.query(
      `INSERT INTO cluster_history (seq, cluster_id, type, at, members, keys, reason)
       SELECT r.seq, r."clusterId", r.type, r.at, ARRAY(SELECT jsonb_array_elements_text(r.members)), ARRAY(SELECT jsonb_array_elements_text(r.keys)), r.reason
       FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, "clusterId" text, type text, at timestamptz, members jsonb, keys jsonb, reason text)
       ON CONFLICT (seq) DO NOTHING`,
      [JSON.stringify(events)],
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
