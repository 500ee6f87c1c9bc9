import { assertSchemaName, readModelDataSourceOptions, READ_MODEL_SCHEMA, type Sql } from '@hub/persistence';
import type { DataSourceOptions } from 'typeorm';

/** The schema the coordination service keeps the clusters in (it alone writes them). */
export const CLUSTERS_SCHEMA = 'coordination';

/**
 * Read-only DataSource options for the clusters: the coordination schema first on the search path, the
 * projector's read models after it, so member details join `leads` by its unqualified name. No entities and
 * no migrations: the coordination service migrates its own schema.
 */
export function clustersDataSourceOptions(
  url: string,
  options: { schema?: string; readModelSchema?: string; poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  const schema = assertSchemaName(options.schema ?? CLUSTERS_SCHEMA);
  const readModels = assertSchemaName(options.readModelSchema ?? READ_MODEL_SCHEMA);
  const base = readModelDataSourceOptions(url, { schema, poolSize: options.poolSize ?? 2, applicationName: options.applicationName ?? 'hub-clusters' });
  return { ...base, entities: [], migrations: [], extra: { options: `-c search_path=${schema},${readModels}` } };
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
  /** The member's sharing level as stored (null: the campaign's default). */
  distribution: string | null;
  /** The lead's entities as reported (warning-listed values are shown next to it); [] for cases. */
  entities: unknown[];
}

export interface ClusterFilter {
  /** Only clusters with a member of this department (a line's view). */
  department?: string;
  /** Only clusters with a member of this region (a prefecture's view). */
  region?: string;
  /** Only clusters with a member of this unit `<dept>/<region>` (a unit's view). */
  unit?: string;
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
 * What the API reads of `clusters`, `cluster_members`, `cluster_history`, `jurisdiction_suggestions` and
 * `correlation_over` (the coordination service's tables; it writes them, see its ClusterRepository).
 */
export class ClusterQueries {
  constructor(private readonly sql: Sql) {}

  async list(filter: ClusterFilter): Promise<{ total: number; items: ClusterSummary[] }> {
    const params: unknown[] = [];
    const conditions = ['EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id)'];
    if (filter.crossRegion !== undefined) conditions.push(`c.cross_region = $${params.push(filter.crossRegion)}`);
    if (filter.crossDepartment !== undefined) conditions.push(`c.cross_department = $${params.push(filter.crossDepartment)}`);
    if (filter.since !== undefined) conditions.push(`c.formed_at >= $${params.push(filter.since.toISOString())}`);
    if (filter.department !== undefined) conditions.push(`EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id AND m.department = $${params.push(filter.department)})`);
    if (filter.region !== undefined) conditions.push(`EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id AND m.region = $${params.push(filter.region)})`);
    if (filter.unit !== undefined) {
      const [department = '', region = ''] = filter.unit.split('/');
      conditions.push(`EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = c.cluster_id AND m.department = $${params.push(department)} AND m.region = $${params.push(region)})`);
    }
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
      distribution: string | null;
      entities: unknown[] | null;
    }>(
      `SELECT m.member, m.department, m.region, m.via, m.key, m.joined_at, coalesce(l.category, cs.primary_category) AS category, l.summary,
              coalesce(l.reported_at, cs.opened_at) AS reported_at, coalesce(l.distribution, cs.distribution) AS distribution, l.entities
       FROM cluster_members m
       LEFT JOIN leads l ON m.member LIKE '%/lead/%' AND l.unit = m.department || '/' || m.region AND l.lead_id = split_part(m.member, '/', 4)
       LEFT JOIN cases cs ON m.member LIKE '%/case/%' AND cs.unit = m.department || '/' || m.region AND cs.case_id = split_part(m.member, '/', 4)
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
      distribution: r.distribution,
      entities: Array.isArray(r.entities) ? r.entities : [],
    }));
  }

  /** The correlation keys (entity index) each of `members` (qualified records) carries. */
  async keysOf(members: readonly string[]): Promise<Map<string, string[]>> {
    if (members.length === 0) return new Map();
    const rows = await this.sql.query<{ member: string; key: string }>(
      `SELECT k.unit || '/' || k.record_type || '/' || k.record_id AS member, k.key FROM entity_keys k
        WHERE (k.unit, k.record_type, k.record_id) IN (SELECT split_part(m, '/', 1) || '/' || split_part(m, '/', 2), split_part(m, '/', 3), split_part(m, '/', 4) FROM unnest($1::text[]) AS m)`,
      [members],
    );
    const keys = new Map<string, string[]>();
    for (const row of rows) keys.set(row.member, [...(keys.get(row.member) ?? []), row.key]);
    return keys;
  }

  /** Per cluster, the members of one unit `<dept>/<region>` (a unit's own leads and cases in each). */
  async membersOfUnit(clusterIds: readonly string[], unit: string): Promise<Map<string, string[]>> {
    if (clusterIds.length === 0) return new Map();
    const [department = '', region = ''] = unit.split('/');
    const rows = await this.sql.query<{ cluster_id: string; member: string }>(
      'SELECT cluster_id, member FROM cluster_members WHERE cluster_id = ANY($1::text[]) AND department = $2 AND region = $3',
      [clusterIds, department, region],
    );
    const members = new Map<string, string[]>();
    for (const row of rows) members.set(row.cluster_id, [...(members.get(row.cluster_id) ?? []), row.member]);
    return members;
  }

  /** The cluster each of `members` (qualified records) belongs to, when it belongs to one. */
  async clustersOf(members: readonly string[]): Promise<Map<string, string>> {
    if (members.length === 0) return new Map();
    const rows = await this.sql.query<{ member: string; cluster_id: string }>('SELECT member, cluster_id FROM cluster_members WHERE member = ANY($1::text[])', [members]);
    return new Map(rows.map((r) => [r.member, r.cluster_id]));
  }

  async history(clusterId: string): Promise<{ type: string; at: string; members: string[]; keys: string[]; reason: string | null }[]> {
    const rows = await this.sql.query<{ type: string; at: Date; members: string[]; keys: string[]; reason: string | null }>(
      'SELECT type, at, members, keys, reason FROM cluster_history WHERE cluster_id = $1 ORDER BY seq',
      [clusterId],
    );
    return rows.map((r) => ({ type: r.type, at: r.at.toISOString(), members: r.members, keys: r.keys, reason: r.reason }));
  }

  async suggestions(members: readonly string[]): Promise<{ leadRef: string; toDepartment: string; toRegion: string; basis: string; note: string | null }[]> {
    if (members.length === 0) return [];
    return this.sql.query(
      'SELECT lead_ref AS "leadRef", to_department AS "toDepartment", to_region AS "toRegion", basis, note FROM jurisdiction_suggestions WHERE lead_ref = ANY($1::text[]) ORDER BY lead_ref',
      [members],
    );
  }

  /** Values carried by more leads than the cap: they link nothing more. */
  async overCorrelating(): Promise<{ key: string; count: number }[]> {
    return this.sql.query<{ key: string; count: number }>('SELECT key, count FROM correlation_over ORDER BY count DESC, key');
  }
}
