import { CASES_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { CaseState } from './cases.evolve.js';

const LIST = CASES_MODEL.table.list;
const toState = CASES_MODEL.rows.codec.fromRow;

/** `cases`: the gateway's reads (the projector writes through READ_MODELS). */
export class CaseRepository {
  constructor(private readonly sql: Sql) {}

  async all(): Promise<CaseState[]> {
    return (await this.sql.query(`SELECT ${LIST} FROM cases ORDER BY unit, case_id`)).map(toState);
  }

  /** A page of cases (newest opened first) matching the filter, with the total. Assistance records are not cases. */
  async page(filter: CaseFilter, limit: number, offset: number): Promise<{ total: number; items: CaseState[] }> {
    const where = `WHERE status <> 'assisted' AND ($1::text IS NULL OR unit = $1) AND ($2::text IS NULL OR department = $2)
      AND ($3::text IS NULL OR region = $3) AND ($4::boolean IS NULL OR typical = $4) AND ($5::text IS NULL OR kind = $5)
      AND ($6::boolean IS NULL OR (decision_no IS NOT NULL) = $6) AND ($7::text IS NULL OR campaign = $7)`;
    const params = [filter.unit ?? null, filter.department ?? null, filter.region ?? null, filter.typical ?? null, filter.kind ?? null, filter.decided ?? null, filter.campaign ?? null];
    const [count] = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM cases ${where}`, params);
    const rows = await this.sql.query(`SELECT ${LIST} FROM cases ${where} ORDER BY opened_at DESC NULLS LAST, unit, case_id LIMIT $8 OFFSET $9`, [
      ...params,
      limit,
      offset,
    ]);
    return { total: Number(count?.n ?? 0), items: rows.map(toState) };
  }

  /** Per unit: its typical cases of `campaign` (a voided case is no longer one), and how many of them are administrative cases with a penalty decision. */
  async typicalPerUnit(campaign: string): Promise<Map<string, { typical: number; withPenaltyDecision: number }>> {
    const rows = await this.sql.query<{ unit: string; typical: string; decided: string }>(
      `SELECT unit, count(*) AS typical, count(*) FILTER (WHERE kind = 'administrative' AND decision_no IS NOT NULL) AS decided
         FROM cases WHERE typical AND status <> 'voided' AND campaign = $1 GROUP BY unit`,
      [campaign],
    );
    return new Map(rows.map((r) => [r.unit, { typical: Number(r.typical), withPenaltyDecision: Number(r.decided) }]));
  }
}

export interface CaseFilter {
  unit?: string | null;
  department?: string | null;
  region?: string | null;
  typical?: boolean | null;
  kind?: string | null;
  /** Only cases with (true) / without (false) a penalty decision. */
  decided?: boolean | null;
  /** Only the cases of this campaign (cases.campaign). */
  campaign?: string | null;
}
