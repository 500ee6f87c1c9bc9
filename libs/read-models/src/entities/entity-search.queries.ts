import type { Sql } from '../table/sql.js';

/** One record carrying a key, with what its current row says (content is filtered by the caller's level). */
export interface EntityRecordRow {
  recordType: 'lead' | 'case';
  unit: string;
  recordId: string;
  department: string;
  region: string;
  /** As stored: null means the campaign's default. */
  distribution: string | null;
  status: string;
  category: string | null;
  at: string | null;
  summary: string | null;
  entities: { kind: string; value: string }[];
  caseNo: string | null;
  platform: string | null;
}

interface Row {
  record_type: 'lead' | 'case';
  unit: string;
  record_id: string;
  department: string;
  region: string;
  distribution: string | null;
  status: string | null;
  category: string | null;
  at: Date | null;
  summary: string | null;
  entities: { kind: string; value: string }[] | null;
  case_no: string | null;
  platform: string | null;
}

/**
 * One backward range scan of `entity_keys_key_idx` (key, seq) — newest recorded first — each hit joined to its
 * lead's or case's row by primary key, stopping at `limit`: the cost is bounded by the limit, not by the size
 * of the hub nor by how many leads a flooded value sits on. Voided records are withdrawn and not shown.
 */
const SEARCH = `
  SELECT k.record_type, k.unit, k.record_id, k.department, k.region,
         coalesce(l.distribution, c.distribution) AS distribution,
         coalesce(l.status, c.status) AS status,
         coalesce(l.category, c.primary_category) AS category,
         coalesce(l.reported_at, c.opened_at) AS at,
         l.summary, l.entities, c.case_no, coalesce(l.platform, c.platform) AS platform
    FROM entity_keys k
    LEFT JOIN leads l ON k.record_type = 'lead' AND l.unit = k.unit AND l.lead_id = k.record_id
    LEFT JOIN cases c ON k.record_type = 'case' AND c.unit = k.unit AND c.case_id = k.record_id
   WHERE k.key = $1 AND coalesce(l.status, c.status, '') <> 'voided'
   ORDER BY k.seq DESC
   LIMIT $2`;

/** `entity_keys` joined to `leads` and `cases`: the gateway's entity search (the projector writes through READ_MODELS). */
export class EntitySearchRepository {
  constructor(private readonly sql: Sql) {}

  /** Records carrying `key` (`<kind>:<canonical>`), most recently recorded first, at most `limit`. */
  async records(key: string, limit: number): Promise<EntityRecordRow[]> {
    const rows = await this.sql.query<Row>(SEARCH, [key, limit]);
    return rows.map((r) => ({
      recordType: r.record_type,
      unit: r.unit,
      recordId: r.record_id,
      department: r.department,
      region: r.region,
      distribution: r.distribution,
      status: r.status ?? 'unknown',
      category: r.category,
      at: r.at === null ? null : new Date(r.at).toISOString(),
      summary: r.summary,
      entities: r.entities ?? [],
      caseNo: r.case_no,
      platform: r.platform,
    }));
  }
}
