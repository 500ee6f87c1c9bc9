import type { Sql } from '../../sql/sql.js';

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

export interface ClusterSummary {
  clusterId: string;
  formedAt: string;
  updatedAt: string;
  keys: { kind: string; value: string }[];
  regions: string[];
  departments: string[];
  crossRegion: boolean;
  crossDepartment: boolean;
  leadCount: number;
  memberCount: number;
}

export interface ClusterMember {
  member: string;
  department: string;
  region: string;
  via: 'key' | 'manual';
  key: string | null;
  joinedAt: string;
  category: string | null;
  summary: string | null;
  reportedAt: string | null;
}

export interface ClusterFilter {
  crossRegion?: boolean;
  crossDepartment?: boolean;
  since?: Date;
  limit: number;
  offset: number;
}

/** `kind:canonical` → {kind, value} (the canonical value may itself contain ':'). */
export function splitKey(key: string): { kind: string; value: string } {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at), value: key.slice(at + 1) };
}

interface SummaryRow {
  cluster_id: string;
  formed_at: Date;
  updated_at: Date;
  keys: string[];
  regions: string[] | null;
  departments: string[] | null;
  cross_region: boolean;
  cross_department: boolean;
  lead_count: string;
  member_count: string;
  total?: string;
}

const SUMMARY = `SELECT c.cluster_id, c.formed_at, c.updated_at, c.keys, c.cross_region, c.cross_department,
    (SELECT array_agg(DISTINCT m.region ORDER BY m.region) FROM cluster_members m WHERE m.cluster_id = c.cluster_id) AS regions,
    (SELECT array_agg(DISTINCT m.department ORDER BY m.department) FROM cluster_members m WHERE m.cluster_id = c.cluster_id) AS departments,
    (SELECT count(*) FROM cluster_members m WHERE m.cluster_id = c.cluster_id AND m.member LIKE '%/lead/%') AS lead_count,
    (SELECT count(*) FROM cluster_members m WHERE m.cluster_id = c.cluster_id) AS member_count`;

function summaryOf(row: SummaryRow): ClusterSummary {
  return {
    clusterId: row.cluster_id,
    formedAt: row.formed_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    keys: row.keys.map(splitKey),
    regions: row.regions ?? [],
    departments: row.departments ?? [],
    crossRegion: row.cross_region,
    crossDepartment: row.cross_department,
    leadCount: Number(row.lead_count),
    memberCount: Number(row.member_count),
  };
}

/**
 * `clusters`, `cluster_members`, `cluster_history`: published clusters folded from the joint office's
 * cluster.* events. Member details come from the projector's `leads` (on the search path after the
 * coordination schema).
 */
export class ClusterRepository {
  constructor(private readonly sql: Sql) {}

  /** Folds one cluster event (in stream order, inside the batch's transaction). */
  async apply(e: ClusterEventInput): Promise<void> {
    const split = (refs: string[], part: 0 | 1) => refs.map((ref) => ref.split('/')[part] ?? '');
    if (e.type === 'cluster.unlinked') {
      await this.sql.query('DELETE FROM cluster_members WHERE cluster_id = $1 AND member = ANY($2::text[])', [e.clusterId, e.members]);
    } else {
      // A member joins one cluster only: an absorbed cluster loses it (and disappears when emptied).
      await this.sql.query('DELETE FROM cluster_members WHERE member = ANY($1::text[]) AND cluster_id <> $2', [e.members, e.clusterId]);
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
    await this.sql.query('DELETE FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id) AND c.cluster_id <> $1', [e.clusterId]);
    await this.sql.query(
      `INSERT INTO cluster_history (seq, cluster_id, type, at, members, keys, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (seq) DO NOTHING`,
      [e.seq, e.clusterId, e.type, e.at, e.members, e.keys, e.reason],
    );
  }

  async list(filter: ClusterFilter): Promise<{ total: number; items: ClusterSummary[] }> {
    const params: unknown[] = [];
    const conditions = ['EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id)'];
    if (filter.crossRegion !== undefined) conditions.push(`c.cross_region = $${params.push(filter.crossRegion)}`);
    if (filter.crossDepartment !== undefined) conditions.push(`c.cross_department = $${params.push(filter.crossDepartment)}`);
    if (filter.since !== undefined) conditions.push(`c.formed_at >= $${params.push(filter.since.toISOString())}`);
    const where = `WHERE ${conditions.join(' AND ')}`;
    const rows = await this.sql.query<SummaryRow>(
      `${SUMMARY}, count(*) OVER () AS total FROM clusters c ${where} ORDER BY c.updated_at DESC, c.cluster_id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    const [count] = rows.length > 0 ? [{ total: rows[0]?.total ?? '0' }] : await this.sql.query<{ total: string }>(`SELECT count(*) AS total FROM clusters c ${where}`, params);
    return { total: Number(count?.total ?? 0), items: rows.map(summaryOf) };
  }

  async get(clusterId: string): Promise<ClusterSummary | undefined> {
    const [row] = await this.sql.query<SummaryRow>(`${SUMMARY} FROM clusters c WHERE c.cluster_id = $1`, [clusterId]);
    return row === undefined ? undefined : summaryOf(row);
  }

  /** The cluster that holds `member` now, if any. */
  async clusterOf(member: string): Promise<string | undefined> {
    const [row] = await this.sql.query<{ cluster_id: string }>('SELECT cluster_id FROM cluster_members WHERE member = $1 LIMIT 1', [member]);
    return row?.cluster_id;
  }

  async members(clusterId: string): Promise<ClusterMember[]> {
    const rows = await this.sql.query<{
      member: string;
      department: string;
      region: string;
      via: 'key' | 'manual';
      key: string | null;
      joined_at: Date;
      category: string | null;
      summary: string | null;
      reported_at: Date | null;
    }>(
      `SELECT m.member, m.department, m.region, m.via, m.key, m.joined_at, l.category, l.summary, l.reported_at
       FROM cluster_members m
       LEFT JOIN leads l ON m.member LIKE '%/lead/%' AND l.unit = m.department || '/' || m.region AND l.lead_id = split_part(m.member, '/', 4)
       LEFT JOIN correlation_members cm ON cm.member = m.member
       WHERE m.cluster_id = $1 ORDER BY m.joined_at, cm.position, m.member`,
      [clusterId],
    );
    return rows.map((r) => ({
      member: r.member,
      department: r.department,
      region: r.region,
      via: r.via,
      key: r.key,
      joinedAt: r.joined_at.toISOString(),
      category: r.category,
      summary: r.summary,
      reportedAt: r.reported_at?.toISOString() ?? null,
    }));
  }

  async history(clusterId: string): Promise<{ type: string; at: string; members: string[]; keys: string[]; reason: string | null }[]> {
    const rows = await this.sql.query<{ type: string; at: Date; members: string[]; keys: string[]; reason: string | null }>(
      'SELECT type, at, members, keys, reason FROM cluster_history WHERE cluster_id = $1 ORDER BY seq',
      [clusterId],
    );
    return rows.map((r) => ({ type: r.type, at: r.at.toISOString(), members: r.members, keys: r.keys, reason: r.reason }));
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

  async suggestions(members: readonly string[]): Promise<{ leadRef: string; toDepartment: string; toRegion: string; basis: string; note: string | null }[]> {
    if (members.length === 0) return [];
    return this.sql.query(
      'SELECT lead_ref AS "leadRef", to_department AS "toDepartment", to_region AS "toRegion", basis, note FROM jurisdiction_suggestions WHERE lead_ref = ANY($1::text[]) ORDER BY lead_ref',
      [members],
    );
  }
}
