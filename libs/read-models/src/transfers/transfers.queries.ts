import { TRANSFERS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { TransferState } from './transfers.evolve.js';

export interface TransferFilter {
  /** A unit sees the transfers it made and those addressed to it; null: every transfer. */
  party?: string | null;
  /** A line supervisor: transfers made by its department's units or received by them; a prefecture: by units of its region. */
  partyDepartment?: string | null;
  partyRegion?: string | null;
  fromUnit?: string | null;
  toUnit?: string | null;
  status?: string | null;
}

export interface TransferRow extends TransferState {
  caseNo: string | null;
  primaryCategory: string | null;
}

const COLUMNS = Object.keys(TRANSFERS_MODEL.table.columns).map((column) => `t.${column}`).join(', ');

/** `transfers`: the gateway's reads (the projector writes through READ_MODELS). */
export class TransferRepository {
  constructor(private readonly sql: Sql) {}

  async list(filter: TransferFilter, limit: number, offset: number): Promise<{ total: number; items: TransferRow[] }> {
    const where = `WHERE t.recorded_at IS NOT NULL AND ($1::text IS NULL OR t.from_unit = $1 OR t.to_unit = $1) AND ($2::text IS NULL OR t.from_unit = $2)
      AND ($3::text IS NULL OR t.to_unit = $3) AND ($4::text IS NULL OR t.status = $4)
      AND ($5::text IS NULL OR split_part(t.from_unit, '/', 1) = $5 OR $5 = 'police')
      AND ($6::text IS NULL OR split_part(t.from_unit, '/', 2) = $6 OR t.to_region = $6)`;
    const params = [filter.party ?? null, filter.fromUnit ?? null, filter.toUnit ?? null, filter.status ?? null, filter.partyDepartment ?? null, filter.partyRegion ?? null];
    const [count] = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM transfers t ${where}`, params);
    // Unanswered first (what the police must act on), then newest.
    const rows = await this.sql.query<Record<string, unknown>>(
      `SELECT ${COLUMNS}, c.case_no, c.primary_category FROM transfers t LEFT JOIN cases c ON c.unit = t.from_unit AND c.case_id = t.case_id
        ${where} ORDER BY (t.status = 'transferred') DESC, t.recorded_at DESC, t.from_unit, t.case_id LIMIT $7 OFFSET $8`,
      [...params, limit, offset],
    );
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((row) => ({ ...TRANSFERS_MODEL.rows.codec.fromRow(row), caseNo: (row['case_no'] as string | null) ?? null, primaryCategory: (row['primary_category'] as string | null) ?? null })),
    };
  }
}
