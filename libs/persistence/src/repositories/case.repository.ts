import { caseKey, type CaseState, type CaseStatus } from '../projections/case.projection.js';
import { bool, copyLines, num as copyNum, text, textArray } from '../sql/copy-text.js';
import type { Sql } from '../sql/sql.js';
import { assignments, iso, isoRequired, keyColumns, num, numRequired } from './row-values.js';

interface CaseRow {
  unit: string;
  case_id: string;
  department: string;
  region: string;
  status: string;
  case_no: string | null;
  kind: string | null;
  primary_category: string | null;
  other_categories: string[];
  platform: string | null;
  target_kind: string | null;
  lead_ids: string[];
  opened_at: Date | null;
  decision_no: string | null;
  fine: string | null;
  confiscation: string | null;
  decided_at: Date | null;
  transferred: boolean;
  transferred_at: Date | null;
  closed: boolean;
  closed_at: Date | null;
  close_outcome: string | null;
  typical: boolean;
  assisted_case_ref: string | null;
  assisted_department: string | null;
  version: number;
  last_seq: string;
  updated_at: Date;
}

const COLUMNS = [
  'unit',
  'case_id',
  'department',
  'region',
  'status',
  'case_no',
  'kind',
  'primary_category',
  'other_categories',
  'platform',
  'target_kind',
  'lead_ids',
  'opened_at',
  'decision_no',
  'fine',
  'confiscation',
  'decided_at',
  'transferred',
  'transferred_at',
  'closed',
  'closed_at',
  'close_outcome',
  'typical',
  'assisted_case_ref',
  'assisted_department',
  'version',
  'last_seq',
  'updated_at',
] as const;
const LIST = COLUMNS.join(', ');

const RECORD = `unit text, case_id text, department text, region text, status text, case_no text, kind text, primary_category text,
  other_categories text[], platform text, target_kind text, lead_ids text[], opened_at timestamptz, decision_no text,
  fine numeric, confiscation numeric, decided_at timestamptz, transferred boolean, transferred_at timestamptz, closed boolean,
  closed_at timestamptz, close_outcome text, typical boolean, assisted_case_ref text, assisted_department text, version integer,
  last_seq bigint, updated_at timestamptz`;


function toState(r: CaseRow): CaseState {
  return {
    unit: r.unit,
    caseId: r.case_id,
    department: r.department,
    region: r.region,
    status: r.status as CaseStatus,
    caseNo: r.case_no,
    kind: r.kind,
    primaryCategory: r.primary_category,
    otherCategories: r.other_categories,
    platform: r.platform,
    targetKind: r.target_kind,
    leadIds: r.lead_ids,
    openedAt: iso(r.opened_at),
    decisionNo: r.decision_no,
    fine: num(r.fine),
    confiscation: num(r.confiscation),
    decidedAt: iso(r.decided_at),
    transferred: r.transferred,
    transferredAt: iso(r.transferred_at),
    closed: r.closed,
    closedAt: iso(r.closed_at),
    closeOutcome: r.close_outcome,
    typical: r.typical,
    assistedCaseRef: r.assisted_case_ref,
    assistedDepartment: r.assisted_department,
    version: r.version,
    lastSeq: numRequired(r.last_seq),
    updatedAt: isoRequired(r.updated_at),
  };
}

function toRecord(s: CaseState): Record<(typeof COLUMNS)[number], unknown> {
  return {
    unit: s.unit,
    case_id: s.caseId,
    department: s.department,
    region: s.region,
    status: s.status,
    case_no: s.caseNo,
    kind: s.kind,
    primary_category: s.primaryCategory,
    other_categories: s.otherCategories,
    platform: s.platform,
    target_kind: s.targetKind,
    lead_ids: s.leadIds,
    opened_at: s.openedAt,
    decision_no: s.decisionNo,
    fine: s.fine,
    confiscation: s.confiscation,
    decided_at: s.decidedAt,
    transferred: s.transferred,
    transferred_at: s.transferredAt,
    closed: s.closed,
    closed_at: s.closedAt,
    close_outcome: s.closeOutcome,
    typical: s.typical,
    assisted_case_ref: s.assistedCaseRef,
    assisted_department: s.assistedDepartment,
    version: s.version,
    last_seq: s.lastSeq,
    updated_at: s.updatedAt,
  };
}

/** `cases`: current state per case aggregate. */
export class CaseRepository {
  constructor(private readonly sql: Sql) {}

  async findMany(keys: Iterable<{ unit: string; id: string }>): Promise<Map<string, CaseState>> {
    const [units, ids] = keyColumns(keys);
    const found = new Map<string, CaseState>();
    if (units.length === 0) return found;
    const rows = await this.sql.query<CaseRow>(`SELECT t.* FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ${LIST} FROM cases WHERE unit = k.a AND case_id = k.b) t`, [
      units,
      ids,
    ]);
    for (const row of rows) found.set(caseKey(row.unit, row.case_id), toState(row));
    return found;
  }

  /** COPY text of new rows (pure: computed while the previous batch is still being written). */
  static insertRows(states: readonly CaseState[]): string {
    return copyLines(
      states,
      (s) =>
        `${text(s.unit)}\t${text(s.caseId)}\t${text(s.department)}\t${text(s.region)}\t${text(s.status)}\t${text(s.caseNo)}\t${text(s.kind)}\t` +
        `${text(s.primaryCategory)}\t${textArray(s.otherCategories)}\t${text(s.platform)}\t${text(s.targetKind)}\t${textArray(s.leadIds)}\t` +
        `${text(s.openedAt)}\t${text(s.decisionNo)}\t${copyNum(s.fine)}\t${copyNum(s.confiscation)}\t${text(s.decidedAt)}\t${bool(s.transferred)}\t` +
        `${text(s.transferredAt)}\t${bool(s.closed)}\t${text(s.closedAt)}\t${text(s.closeOutcome)}\t${bool(s.typical)}\t${text(s.assistedCaseRef)}\t` +
        `${text(s.assistedDepartment)}\t${copyNum(s.version)}\t${copyNum(s.lastSeq)}\t${text(s.updatedAt)}`,
    );
  }

  /** New rows, by COPY (the catch-up path: most events of an aggregate's first batch create it). */
  async insertRows(rows: string): Promise<void> {
    await this.sql.copyFrom(`cases (${LIST})`, rows);
  }

  async insertMany(states: readonly CaseState[]): Promise<void> {
    await this.insertRows(CaseRepository.insertRows(states));
  }

  /** The JSON document updateRows takes (pure). */
  static updateRows(states: readonly CaseState[]): string | null {
    return states.length === 0 ? null : JSON.stringify(states.map(toRecord));
  }

  /** Existing rows, rewritten with their folded state in one statement (one primary-key probe per row). */
  async updateRows(json: string | null): Promise<void> {
    if (json === null) return;
    await this.sql.query(
      // ON CONFLICT probes the primary key per row: an UPDATE … FROM would hash-join a full scan of the table.
      `INSERT INTO cases (${LIST}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD})
       ON CONFLICT (unit, case_id) DO UPDATE SET ${assignments(COLUMNS.slice(2))}`,
      [json],
    );
  }

  async updateMany(states: readonly CaseState[]): Promise<void> {
    await this.updateRows(CaseRepository.updateRows(states));
  }

  async all(): Promise<CaseState[]> {
    return (await this.sql.query<CaseRow>(`SELECT ${LIST} FROM cases ORDER BY unit, case_id`)).map(toState);
  }

  /** A page of cases (newest opened first) matching the filter, with the total. Assistance records are not cases. */
  async page(filter: CaseFilter, limit: number, offset: number): Promise<{ total: number; items: CaseState[] }> {
    const where = `WHERE status <> 'assisted' AND ($1::text IS NULL OR unit = $1) AND ($2::text IS NULL OR department = $2)
      AND ($3::text IS NULL OR region = $3) AND ($4::boolean IS NULL OR typical = $4) AND ($5::text IS NULL OR kind = $5)
      AND ($6::boolean IS NULL OR (decision_no IS NOT NULL) = $6)`;
    const params = [filter.unit ?? null, filter.department ?? null, filter.region ?? null, filter.typical ?? null, filter.kind ?? null, filter.decided ?? null];
    const [count] = await this.sql.query<{ n: string }>(`SELECT count(*) AS n FROM cases ${where}`, params);
    const rows = await this.sql.query<CaseRow>(`SELECT ${LIST} FROM cases ${where} ORDER BY opened_at DESC NULLS LAST, unit, case_id LIMIT $7 OFFSET $8`, [
      ...params,
      limit,
      offset,
    ]);
    return { total: Number(count?.n ?? 0), items: rows.map(toState) };
  }

  /** Per unit: its typical cases, and how many of them are administrative cases with a penalty decision. */
  async typicalPerUnit(): Promise<Map<string, { typical: number; withPenaltyDecision: number }>> {
    const rows = await this.sql.query<{ unit: string; typical: string; decided: string }>(
      `SELECT unit, count(*) AS typical, count(*) FILTER (WHERE kind = 'administrative' AND decision_no IS NOT NULL) AS decided
         FROM cases WHERE typical GROUP BY unit`,
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
}
