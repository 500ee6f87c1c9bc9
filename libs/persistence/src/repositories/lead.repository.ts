import { leadKey, type LeadState, type LeadStatus } from '../projections/lead.projection.js';
import { copyLines, json, num, text, textArray } from '../sql/copy-text.js';
import type { Sql } from '../sql/sql.js';
import { assignments, iso, isoRequired, keyColumns, numRequired } from './row-values.js';

interface LeadRow {
  unit: string;
  lead_id: string;
  department: string;
  region: string;
  status: string;
  category: string | null;
  channel: string | null;
  platform: string | null;
  product_category: string | null;
  summary: string | null;
  entities: { kind: string; value: string }[];
  reported_at: Date | null;
  referral_ids: string[];
  closed_outcome: string | null;
  closed_at: Date | null;
  case_id: string | null;
  version: number;
  last_seq: string;
  updated_at: Date;
}

const COLUMNS = [
  'unit',
  'lead_id',
  'department',
  'region',
  'status',
  'category',
  'channel',
  'platform',
  'product_category',
  'summary',
  'entities',
  'reported_at',
  'referral_ids',
  'closed_outcome',
  'closed_at',
  'case_id',
  'version',
  'last_seq',
  'updated_at',
] as const;
const LIST = COLUMNS.join(', ');

/** Column types for jsonb_to_recordset, in COLUMNS order. */
const RECORD = `unit text, lead_id text, department text, region text, status text, category text, channel text, platform text,
  product_category text, summary text, entities jsonb, reported_at timestamptz, referral_ids text[], closed_outcome text,
  closed_at timestamptz, case_id text, version integer, last_seq bigint, updated_at timestamptz`;


function toState(r: LeadRow): LeadState {
  return {
    unit: r.unit,
    leadId: r.lead_id,
    department: r.department,
    region: r.region,
    status: r.status as LeadStatus,
    category: r.category,
    channel: r.channel,
    platform: r.platform,
    productCategory: r.product_category,
    summary: r.summary,
    entities: r.entities,
    reportedAt: iso(r.reported_at),
    referralIds: r.referral_ids,
    closedOutcome: r.closed_outcome,
    closedAt: iso(r.closed_at),
    caseId: r.case_id,
    version: r.version,
    lastSeq: numRequired(r.last_seq),
    updatedAt: isoRequired(r.updated_at),
  };
}

function toRecord(s: LeadState): Record<(typeof COLUMNS)[number], unknown> {
  return {
    unit: s.unit,
    lead_id: s.leadId,
    department: s.department,
    region: s.region,
    status: s.status,
    category: s.category,
    channel: s.channel,
    platform: s.platform,
    product_category: s.productCategory,
    summary: s.summary,
    entities: s.entities,
    reported_at: s.reportedAt,
    referral_ids: s.referralIds,
    closed_outcome: s.closedOutcome,
    closed_at: s.closedAt,
    case_id: s.caseId,
    version: s.version,
    last_seq: s.lastSeq,
    updated_at: s.updatedAt,
  };
}

/** `leads`: current state per lead aggregate. */
export class LeadRepository {
  constructor(private readonly sql: Sql) {}

  /** The current states of the given leads, keyed by leadKey(unit, id); one query. */
  async findMany(keys: Iterable<{ unit: string; id: string }>): Promise<Map<string, LeadState>> {
    const [units, ids] = keyColumns(keys);
    const found = new Map<string, LeadState>();
    if (units.length === 0) return found;
    const rows = await this.sql.query<LeadRow>(`SELECT t.* FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ${LIST} FROM leads WHERE unit = k.a AND lead_id = k.b) t`, [
      units,
      ids,
    ]);
    for (const row of rows) found.set(leadKey(row.unit, row.lead_id), toState(row));
    return found;
  }

  /** COPY text of new rows (pure: computed while the previous batch is still being written). */
  static insertRows(states: readonly LeadState[]): string {
    return copyLines(
      states,
      (s) =>
        `${text(s.unit)}\t${text(s.leadId)}\t${text(s.department)}\t${text(s.region)}\t${text(s.status)}\t${text(s.category)}\t${text(s.channel)}\t` +
        `${text(s.platform)}\t${text(s.productCategory)}\t${text(s.summary)}\t${json(s.entities)}\t${text(s.reportedAt)}\t${textArray(s.referralIds)}\t` +
        `${text(s.closedOutcome)}\t${text(s.closedAt)}\t${text(s.caseId)}\t${num(s.version)}\t${num(s.lastSeq)}\t${text(s.updatedAt)}`,
    );
  }

  /** New rows, by COPY (the catch-up path: most events of an aggregate's first batch create it). */
  async insertRows(rows: string): Promise<void> {
    await this.sql.copyFrom(`leads (${LIST})`, rows);
  }

  async insertMany(states: readonly LeadState[]): Promise<void> {
    await this.insertRows(LeadRepository.insertRows(states));
  }

  /** The JSON document updateRows takes (pure). */
  static updateRows(states: readonly LeadState[]): string | null {
    return states.length === 0 ? null : JSON.stringify(states.map(toRecord));
  }

  /** Existing rows, rewritten with their folded state in one statement (one primary-key probe per row). */
  async updateRows(json: string | null): Promise<void> {
    if (json === null) return;
    await this.sql.query(
      // ON CONFLICT probes the primary key per row: an UPDATE … FROM would hash-join a full scan of the table.
      `INSERT INTO leads (${LIST}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD})
       ON CONFLICT (unit, lead_id) DO UPDATE SET ${assignments(COLUMNS.slice(2))}`,
      [json],
    );
  }

  async updateMany(states: readonly LeadState[]): Promise<void> {
    await this.updateRows(LeadRepository.updateRows(states));
  }

  async all(): Promise<LeadState[]> {
    return (await this.sql.query<LeadRow>(`SELECT ${LIST} FROM leads ORDER BY unit, lead_id`)).map(toState);
  }
}
