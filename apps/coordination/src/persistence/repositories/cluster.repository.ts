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
   * Folds a batch's membership changes (in fold order, inside the batch's transaction). Members move in one
   * statement for the whole batch where that does what one change at a time does (moveAllAtOnce), else change by
   * change; a cluster's row is written once per run of changes (its first formation, its last state, every key):
   * a big cluster grows by hundreds of members a batch, and rewriting its row (and key array) per change made
   * coordination wait on PostgreSQL. Only the clusters that lost members can have been emptied, so only they are
   * looked at (and a run ends before a change reaches a cluster emptied earlier in it, so it starts afresh).
   */
  async applyAll(events: readonly ClusterEventInput[]): Promise<void> {
    const moves = ClusterRepository.movesAtOnce(events);
    const moved = moves === undefined ? undefined : await this.sql.query<MovesOutcome>(moves.text, moves.values);
    if (moved !== undefined && (await this.settleMoved(events, moved))) return;
    return this.applyOneByOne(events);
  }

  /**
   * applyAll in two halves, for a caller that sends the moves last in one round trip and the rest in the next: the
   * one statement that moves every change's members (undefined when the batch must go change by change), whose rows
   * go to settleMoved.
   */
  static movesAtOnce(events: readonly ClusterEventInput[]): { text: string; values: unknown[] } | undefined {
    return events.length === 0 ? undefined : moveAllAtOnce(events);
  }

  /**
   * The rest of applyAll after movesAtOnce's statement returned `moved`: the run's rows and the emptied clusters
   * (writes only, so `this.sql` may be a script); false, with nothing written, when the statement moved nothing and
   * the batch must go change by change (applyOneByOne).
   */
  async settleMoved(events: readonly ClusterEventInput[], moved: readonly MovesOutcome[]): Promise<boolean> {
    const [outcome] = moved;
    if (outcome?.together !== true) return false;
    await this.settle(events, outcome.losers);
    return true;
  }

  /** applyAll change by change: where the one statement cannot be shown to do the same, and the reference it must match. */
  async applyOneByOne(events: readonly ClusterEventInput[]): Promise<void> {
    let run: ClusterEventInput[] = [];
    const lost = new Set<string>();
    const flush = async (): Promise<void> => {
      await this.settle(run, [...lost]);
      run = [];
      lost.clear();
    };
    for (const e of events) {
      if (lost.has(e.clusterId)) await flush();
      for (const loser of await this.moveMembers(e)) lost.add(loser);
      run.push(e);
    }
    await flush();
  }

  /** A run's end: each cluster's row written once, and the clusters that lost members deleted if that emptied them. */
  private async settle(run: readonly ClusterEventInput[], losers: readonly string[]): Promise<void> {
    await this.upsertRows(clusterRowsOf(run));
    if (losers.length > 0) {
      await this.sql.query('DELETE FROM clusters c WHERE c.cluster_id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id)', [losers]);
    }
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

/** What the one-statement move answers: whether it moved the members (else it moved nothing), and the clusters that lost some. */
export interface MovesOutcome {
  together: boolean;
  losers: string[];
}

/**
 * The statement that moves every change's members at once, as moving them change by change would have (its row
 * says whether it did, and which clusters lost members), or undefined when that cannot be shown. A batch of single-event
 * requests grows a cluster by one member per event, and moving them one statement each (planned each time) was
 * most of coordination's PostgreSQL time per event and a round trip each.
 *
 * One statement does what the changes in order do when (checked here) no change is an unlink and no member is in
 * two changes: each member's rows in other clusters go, whichever change moves it, and its row in its own cluster
 * comes, so the order of the changes does not matter — except where the change-by-change path would end a run
 * (applyAll): a change into a cluster that an earlier change took members from. The statement checks for that
 * first and then moves nothing, and the caller moves them one by one.
 */
function moveAllAtOnce(events: readonly ClusterEventInput[]): { text: string; values: unknown[] } | undefined {
  const seen = new Set<string>();
  const rows = { change: [] as number[], clusterId: [] as string[], member: [] as string[], department: [] as string[], region: [] as string[] };
  const perChange = { via: [] as string[], at: [] as string[], keysFrom: [] as number[], keysTo: [] as number[] };
  const keys: string[] = [];
  for (const [change, e] of events.entries()) {
    if (e.type === 'cluster.unlinked') return undefined;
    for (const member of e.members) {
      if (seen.has(member)) return undefined;
      seen.add(member);
      const [department = '', region = ''] = member.split('/');
      rows.change.push(change);
      rows.clusterId.push(e.clusterId);
      rows.member.push(member);
      rows.department.push(department);
      rows.region.push(region);
    }
    perChange.via.push(e.type === 'cluster.linked' ? 'manual' : 'key');
    perChange.at.push(e.at);
    // The change's keys as a slice of one array (1-based bounds; an empty slice when it has none).
    perChange.keysFrom.push(keys.length + 1);
    keys.push(...e.keys);
    perChange.keysTo.push(keys.length);
  }
  // `via`, the time and the key slice are looked up by the change's index (1-based) in their arrays. A member's key
  // is the first of its change's keys that its correlation record carries, as moveMembers finds it.
  // Every look-up goes by a batch member through an index (LATERAL … OFFSET 0 keeps the planner from turning it into
  // a join), and the rows that leave are found once (`lost`, materialised) and deleted by their row id: planned as
  // joins, `together` joined the batch with every member of its clusters (batch × cluster size: 420 ms for 270
  // members into a cluster of 6,750) and the delete and the key look-up scanned both tables whole each batch.
  return {
    text: `WITH r AS (SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(change, cluster_id, member, department, region)),
     lost AS MATERIALIZED (
       SELECT cm.row_id, cm.cluster_id, r.change FROM r
       CROSS JOIN LATERAL (SELECT c.ctid AS row_id, c.cluster_id FROM cluster_members c WHERE c.member = r.member AND c.cluster_id <> r.cluster_id OFFSET 0) cm),
     together AS (SELECT NOT EXISTS (SELECT 1 FROM lost JOIN r ON r.cluster_id = lost.cluster_id AND r.change > lost.change) AS ok),
     moved AS (DELETE FROM cluster_members cm WHERE (SELECT ok FROM together) AND cm.ctid = ANY (ARRAY(SELECT row_id FROM lost)) RETURNING cm.cluster_id),
     joined AS (
       INSERT INTO cluster_members (cluster_id, member, department, region, via, key, joined_at)
       SELECT r.cluster_id, r.member, r.department, r.region, ($6::text[])[r.change + 1],
              (SELECT k FROM unnest(($9::text[])[($7::int[])[r.change + 1]:($8::int[])[r.change + 1]]) WITH ORDINALITY AS u(k, ord)
                WHERE k = ANY(cm.keys) ORDER BY ord LIMIT 1),
              ($10::timestamptz[])[r.change + 1]
       FROM r LEFT JOIN LATERAL (SELECT c.keys FROM correlation_members c WHERE c.member = r.member OFFSET 0) cm ON true
       WHERE (SELECT ok FROM together)
       ON CONFLICT (cluster_id, member) DO NOTHING)
     SELECT (SELECT ok FROM together) AS together, ARRAY(SELECT DISTINCT cluster_id FROM moved) AS losers`,
    values: [rows.change, rows.clusterId, rows.member, rows.department, rows.region, perChange.via, perChange.keysFrom, perChange.keysTo, keys, perChange.at],
  };
}
