import { CLOSURES_MODEL, GUIDANCE_MODEL, SAMPLINGS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { ClosureState, GuidanceState, SamplingState } from './actions.evolve.js';

/** Who is asking: null lists every unit (coordinators, auditors); else the units whose rows the caller sees. */
export interface ActionScope {
  unit?: string | null;
  department?: string | null;
  region?: string | null;
}

export interface GuidanceFilter extends ActionScope {
  kind?: string | null;
  /** held_at ≥ from, < before (ISO instants). */
  from?: string | null;
  before?: string | null;
  /** Words in the operator's name or the topic. */
  search?: string | null;
}

export interface SamplingFilter extends ActionScope {
  productCategory?: string | null;
  /** true: only published results, false: only unpublished. */
  published?: boolean | null;
  from?: string | null;
  before?: string | null;
}

export interface ClosureFilter {
  /** A unit sees the requests it made and those addressed to it; null: every request. */
  party?: string | null;
  /** A line supervisor: requests made or received by its department; a prefecture: by units of its region. */
  partyDepartment?: string | null;
  partyRegion?: string | null;
  fromUnit?: string | null;
  toUnit?: string | null;
  status?: string | null;
  /** Only requests the joint office found overdue (true) or not (false). */
  overdue?: boolean | null;
}

const page = async <S>(sql: Sql, table: string, list: string, where: string, order: string, params: unknown[], limit: number, offset: number, toState: (row: Record<string, unknown>) => S) => {
  const [count] = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} ${where}`, params);
  const rows = await sql.query(`SELECT ${list} FROM ${table} ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset]);
  return { total: Number(count?.n ?? 0), items: rows.map(toState) };
};

const SCOPE = `($1::text IS NULL OR unit = $1) AND ($2::text IS NULL OR department = $2) AND ($3::text IS NULL OR region = $3)`;
const scopeParams = (f: ActionScope): unknown[] => [f.unit ?? null, f.department ?? null, f.region ?? null];

/** `guidance`, `samplings`, `closures`: the gateway's reads (the projector writes through READ_MODELS). */
export class ActionRepository {
  constructor(private readonly sql: Sql) {}

  guidance(filter: GuidanceFilter, limit: number, offset: number): Promise<{ total: number; items: GuidanceState[] }> {
    const where = `WHERE ${SCOPE} AND ($4::text IS NULL OR kind = $4) AND ($5::timestamptz IS NULL OR held_at >= $5) AND ($6::timestamptz IS NULL OR held_at < $6)
      AND ($7::text IS NULL OR strpos(lower(operator_name || ' ' || topic), lower($7)) > 0)`;
    const params = [...scopeParams(filter), filter.kind ?? null, filter.from ?? null, filter.before ?? null, filter.search ?? null];
    return page(this.sql, 'guidance', GUIDANCE_MODEL.table.list, where, 'held_at DESC, unit, guidance_id', params, limit, offset, GUIDANCE_MODEL.rows.codec.fromRow);
  }

  samplings(filter: SamplingFilter, limit: number, offset: number): Promise<{ total: number; items: SamplingState[] }> {
    const where = `WHERE ${SCOPE} AND ($4::text IS NULL OR product_category = $4) AND ($5::boolean IS NULL OR (published_at IS NOT NULL) = $5)
      AND ($6::timestamptz IS NULL OR sampled_at >= $6) AND ($7::timestamptz IS NULL OR sampled_at < $7)`;
    const params = [...scopeParams(filter), filter.productCategory ?? null, filter.published ?? null, filter.from ?? null, filter.before ?? null];
    return page(this.sql, 'samplings', SAMPLINGS_MODEL.table.list, where, 'sampled_at DESC, unit, sampling_id', params, limit, offset, SAMPLINGS_MODEL.rows.codec.fromRow);
  }

  closures(filter: ClosureFilter, limit: number, offset: number): Promise<{ total: number; items: ClosureState[] }> {
    const where = `WHERE ($1::text IS NULL OR from_unit = $1 OR to_unit = $1) AND ($2::text IS NULL OR from_unit = $2) AND ($3::text IS NULL OR to_unit = $3)
      AND ($4::text IS NULL OR status = $4) AND ($5::boolean IS NULL OR (overdue_due_at IS NOT NULL) = $5) AND recorded_at IS NOT NULL
      AND ($6::text IS NULL OR split_part(from_unit, '/', 1) = $6 OR to_department = $6) AND ($7::text IS NULL OR split_part(from_unit, '/', 2) = $7 OR to_region = $7)`;
    const params = [filter.party ?? null, filter.fromUnit ?? null, filter.toUnit ?? null, filter.status ?? null, filter.overdue ?? null, filter.partyDepartment ?? null, filter.partyRegion ?? null];
    // Unanswered first (what the addressed duty must act on), then newest.
    return page(this.sql, 'closures', CLOSURES_MODEL.table.list, where, `(status = 'requested') DESC, recorded_at DESC, from_unit, closure_id`, params, limit, offset, CLOSURES_MODEL.rows.codec.fromRow);
  }

  /** One request by its requester and id, or undefined. */
  async closure(fromUnit: string, closureId: string): Promise<ClosureState | undefined> {
    const [row] = await this.sql.query(`SELECT ${CLOSURES_MODEL.table.list} FROM closures WHERE from_unit = $1 AND closure_id = $2`, [fromUnit, closureId]);
    return row === undefined ? undefined : CLOSURES_MODEL.rows.codec.fromRow(row);
  }
}
