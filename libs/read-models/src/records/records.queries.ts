import { ANNEX_RECORDS_MODEL } from '../read-models.js';
import type { AnnexRecordState } from '../annex/annex-records.evolve.js';
import type { Sql } from '../table/sql.js';

const toState = ANNEX_RECORDS_MODEL.rows.codec.fromRow;
const LIST = ANNEX_RECORDS_MODEL.table.columnNames.map((c) => `r.${c}`).join(', ');

export interface RecordFilter {
  unit: string;
  kind?: string | null;
  /** recorded | corrected | voided */
  status?: string | null;
  /** occurred_at ≥ from, < before (ISO instants). */
  from?: string | null;
  before?: string | null;
  /** Words in the id or any value (case-insensitive substring). */
  search?: string | null;
  /** Only leads tagged with this key period (重要时间节点). */
  keyPeriod?: string | null;
}

/** A record with its lead's or case's lifecycle status (null for other kinds). */
export interface RecordRow extends AnnexRecordState {
  stage: string | null;
  /** A monitoring lead's key period (leads.key_period), null otherwise. */
  keyPeriod: string | null;
}

// Status from the columns: voided wins, then corrected. The stage joins the lead or case read model.
const WHERE = `WHERE r.unit = $1 AND ($2::text IS NULL OR r.kind = $2)
  AND ($3::text IS NULL OR (CASE WHEN r.voided THEN 'voided' WHEN r.corrections > 0 THEN 'corrected' ELSE 'recorded' END) = $3)
  AND ($4::timestamptz IS NULL OR r.occurred_at >= $4) AND ($5::timestamptz IS NULL OR r.occurred_at < $5)
  AND ($6::text IS NULL OR strpos(lower(r.subject || ' ' || (r.event -> 'data')::text), lower($6)) > 0)
  AND ($7::text IS NULL OR (r.kind = 'lead' AND EXISTS (SELECT 1 FROM leads l WHERE l.unit = r.unit AND l.lead_id = substr(r.subject, 6) AND l.key_period = $7)))`;
const STAGE = `CASE r.kind WHEN 'lead' THEN (SELECT l.status FROM leads l WHERE l.unit = r.unit AND l.lead_id = substr(r.subject, 6))
  WHEN 'case' THEN (SELECT c.status FROM cases c WHERE c.unit = r.unit AND c.case_id = substr(r.subject, 6)) END AS stage,
  CASE r.kind WHEN 'lead' THEN (SELECT l.key_period FROM leads l WHERE l.unit = r.unit AND l.lead_id = substr(r.subject, 6)) END AS key_period`;

/** `annex_records` as a unit's 我的记录: its leads, cases and actions with current values (the projector writes through READ_MODELS). */
export class RecordRepository {
  constructor(private readonly sql: Sql) {}

  async page(filter: RecordFilter, limit: number, offset: number): Promise<{ total: number; items: RecordRow[] }> {
    const params = [filter.unit, filter.kind ?? null, filter.status ?? null, filter.from ?? null, filter.before ?? null, filter.search ?? null, filter.keyPeriod ?? null];
    const [count] = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM annex_records r ${WHERE}`, params);
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT ${LIST}, ${STAGE} FROM annex_records r ${WHERE} ORDER BY r.occurred_at DESC, r.subject LIMIT $8 OFFSET $9`,
      [...params, limit, offset],
    );
    const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    return { total: Number(count?.n ?? 0), items: rows.map((row) => ({ ...toState(row), stage: textOrNull(row['stage']), keyPeriod: textOrNull(row['key_period']) })) };
  }
}
