import { referralKey, type ReferralState, type ReferralStatus } from '../projections/referral.projection.js';
import { copyLines, num, text } from '../sql/copy-text.js';
import type { Sql } from '../sql/sql.js';
import { assignments, iso, isoRequired, keyColumns, numRequired } from './row-values.js';

interface ReferralRow {
  to_unit: string;
  referral_id: string;
  to_department: string;
  to_region: string;
  from_unit: string | null;
  lead_id: string | null;
  reason: string | null;
  sent_at: Date | null;
  due_at: Date | null;
  status: string;
  decision: string | null;
  decision_reason: string | null;
  answered_at: Date | null;
  feedback_due_at: Date | null;
  feedback_outcome: string | null;
  feedback_case_id: string | null;
  feedback_at: Date | null;
  last_seq: string;
  updated_at: Date;
}

const COLUMNS = [
  'to_unit',
  'referral_id',
  'to_department',
  'to_region',
  'from_unit',
  'lead_id',
  'reason',
  'sent_at',
  'due_at',
  'status',
  'decision',
  'decision_reason',
  'answered_at',
  'feedback_due_at',
  'feedback_outcome',
  'feedback_case_id',
  'feedback_at',
  'last_seq',
  'updated_at',
] as const;
const LIST = COLUMNS.join(', ');

const RECORD = `to_unit text, referral_id text, to_department text, to_region text, from_unit text, lead_id text, reason text,
  sent_at timestamptz, due_at timestamptz, status text, decision text, decision_reason text, answered_at timestamptz, feedback_due_at timestamptz,
  feedback_outcome text, feedback_case_id text, feedback_at timestamptz, last_seq bigint, updated_at timestamptz`;


function toState(r: ReferralRow): ReferralState {
  return {
    toUnit: r.to_unit,
    referralId: r.referral_id,
    toDepartment: r.to_department,
    toRegion: r.to_region,
    fromUnit: r.from_unit,
    leadId: r.lead_id,
    reason: r.reason,
    sentAt: iso(r.sent_at),
    dueAt: iso(r.due_at),
    status: r.status as ReferralStatus,
    decision: r.decision,
    decisionReason: r.decision_reason,
    answeredAt: iso(r.answered_at),
    feedbackDueAt: iso(r.feedback_due_at),
    feedbackOutcome: r.feedback_outcome,
    feedbackCaseId: r.feedback_case_id,
    feedbackAt: iso(r.feedback_at),
    lastSeq: numRequired(r.last_seq),
    updatedAt: isoRequired(r.updated_at),
  };
}

function toRecord(s: ReferralState): Record<(typeof COLUMNS)[number], unknown> {
  return {
    to_unit: s.toUnit,
    referral_id: s.referralId,
    to_department: s.toDepartment,
    to_region: s.toRegion,
    from_unit: s.fromUnit,
    lead_id: s.leadId,
    reason: s.reason,
    sent_at: s.sentAt,
    due_at: s.dueAt,
    status: s.status,
    decision: s.decision,
    decision_reason: s.decisionReason,
    answered_at: s.answeredAt,
    feedback_due_at: s.feedbackDueAt,
    feedback_outcome: s.feedbackOutcome,
    feedback_case_id: s.feedbackCaseId,
    feedback_at: s.feedbackAt,
    last_seq: s.lastSeq,
    updated_at: s.updatedAt,
  };
}

/** Filters of the referral lists; every field optional except the page and `now` (for overdue). */
export interface ReferralFilter {
  toUnit?: string;
  toDepartment?: string;
  toRegion?: string;
  fromDepartment?: string;
  fromRegion?: string;
  /** Either side: sender's or receiver's department. */
  department?: string;
  /** Either side: sender's or receiver's region. */
  region?: string;
  status?: ReferralStatus;
  overdue?: boolean;
  crossRegion?: boolean;
  crossDepartment?: boolean;
  now: Date;
  limit: number;
  offset: number;
}

/** SQL conditions and parameters of a filter (the row's from_unit is `<dept>/<region>`). */
function whereOf(filter: ReferralFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const fromDepartment = "split_part(from_unit, '/', 1)";
  const fromRegion = "split_part(from_unit, '/', 2)";
  if (filter.toUnit !== undefined) conditions.push(`to_unit = ${param(filter.toUnit)}`);
  if (filter.toDepartment !== undefined) conditions.push(`to_department = ${param(filter.toDepartment)}`);
  if (filter.toRegion !== undefined) conditions.push(`to_region = ${param(filter.toRegion)}`);
  if (filter.fromDepartment !== undefined) conditions.push(`${fromDepartment} = ${param(filter.fromDepartment)}`);
  if (filter.fromRegion !== undefined) conditions.push(`${fromRegion} = ${param(filter.fromRegion)}`);
  if (filter.department !== undefined) {
    const p = param(filter.department);
    conditions.push(`(to_department = ${p} OR ${fromDepartment} = ${p})`);
  }
  if (filter.region !== undefined) {
    const p = param(filter.region);
    conditions.push(`(to_region = ${p} OR ${fromRegion} = ${p})`);
  }
  if (filter.status !== undefined) conditions.push(`status = ${param(filter.status)}`);
  if (filter.overdue !== undefined) {
    const now = param(filter.now.toISOString());
    // The running clock: the answer while sent, the feedback while accepted (see referralView).
    const overdue = `((status = 'sent' AND due_at <= ${now}::timestamptz) OR (status = 'accepted' AND feedback_due_at <= ${now}::timestamptz))`;
    conditions.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.crossRegion !== undefined) {
    conditions.push(filter.crossRegion ? `(from_unit IS NOT NULL AND ${fromRegion} <> to_region)` : `(from_unit IS NULL OR ${fromRegion} = to_region)`);
  }
  if (filter.crossDepartment !== undefined) {
    conditions.push(
      filter.crossDepartment ? `(from_unit IS NOT NULL AND ${fromDepartment} <> to_department)` : `(from_unit IS NULL OR ${fromDepartment} = to_department)`,
    );
  }
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

/** `referrals`: one row per referral, keyed by receiving unit and referral id. */
export class ReferralRepository {
  constructor(private readonly sql: Sql) {}

  /** Current states keyed by referralKey(toUnit, referralId); `unit` in each key is the receiving unit. */
  async findMany(keys: Iterable<{ unit: string; id: string }>): Promise<Map<string, ReferralState>> {
    const [units, ids] = keyColumns(keys);
    const found = new Map<string, ReferralState>();
    if (units.length === 0) return found;
    const rows = await this.sql.query<ReferralRow>(
      `SELECT t.* FROM unnest($1::text[], $2::text[]) AS k(a, b) CROSS JOIN LATERAL (SELECT ${LIST} FROM referrals WHERE to_unit = k.a AND referral_id = k.b) t`,
      [units, ids],
    );
    for (const row of rows) found.set(referralKey(row.to_unit, row.referral_id), toState(row));
    return found;
  }

  /** COPY text of new rows (pure: computed while the previous batch is still being written). */
  static insertRows(states: readonly ReferralState[]): string {
    return copyLines(
      states,
      (s) =>
        `${text(s.toUnit)}\t${text(s.referralId)}\t${text(s.toDepartment)}\t${text(s.toRegion)}\t${text(s.fromUnit)}\t${text(s.leadId)}\t${text(s.reason)}\t` +
        `${text(s.sentAt)}\t${text(s.dueAt)}\t${text(s.status)}\t${text(s.decision)}\t${text(s.decisionReason)}\t${text(s.answeredAt)}\t${text(s.feedbackDueAt)}\t` +
        `${text(s.feedbackOutcome)}\t${text(s.feedbackCaseId)}\t${text(s.feedbackAt)}\t${num(s.lastSeq)}\t${text(s.updatedAt)}`,
    );
  }

  /** New rows, by COPY (the catch-up path: most events of an aggregate's first batch create it). */
  async insertRows(rows: string): Promise<void> {
    await this.sql.copyFrom(`referrals (${LIST})`, rows);
  }

  async insertMany(states: readonly ReferralState[]): Promise<void> {
    await this.insertRows(ReferralRepository.insertRows(states));
  }

  /** The JSON document updateRows takes (pure). */
  static updateRows(states: readonly ReferralState[]): string | null {
    return states.length === 0 ? null : JSON.stringify(states.map(toRecord));
  }

  /** Existing rows, rewritten with their folded state in one statement (one primary-key probe per row). */
  async updateRows(json: string | null): Promise<void> {
    if (json === null) return;
    await this.sql.query(
      // ON CONFLICT probes the primary key per row: an UPDATE … FROM would hash-join a full scan of the table.
      `INSERT INTO referrals (${LIST}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD})
       ON CONFLICT (to_unit, referral_id) DO UPDATE SET ${assignments(COLUMNS.slice(2))}`,
      [json],
    );
  }

  async updateMany(states: readonly ReferralState[]): Promise<void> {
    await this.updateRows(ReferralRepository.updateRows(states));
  }

  /** One page of referrals matching `filter`, newest sent first, and how many match in all. */
  async list(filter: ReferralFilter): Promise<{ total: number; items: ReferralState[] }> {
    const { where, params } = whereOf(filter);
    const rows = await this.sql.query<ReferralRow & { total: string }>(
      `SELECT ${LIST}, count(*) OVER () AS total FROM referrals ${where}
       ORDER BY sent_at DESC NULLS LAST, to_unit, referral_id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
      params,
    );
    if (rows.length === 0 && filter.offset > 0) {
      // Past the last page: the window count has no row to ride on.
      const [count] = await this.sql.query<{ total: string }>(`SELECT count(*) AS total FROM referrals ${where}`, params);
      return { total: Number(count?.total ?? 0), items: [] };
    }
    return { total: Number(rows[0]?.total ?? 0), items: rows.map(toState) };
  }

  /**
   * The receiving units of referral `referralId` that the log knows a lead.referred for (normally one;
   * a row created by an answer alone has no sender and does not count).
   */
  async addressees(referralIds: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (referralIds.length === 0) return found;
    const rows = await this.sql.query<{ referral_id: string; to_unit: string }>(
      'SELECT referral_id, to_unit FROM referrals WHERE referral_id = ANY($1::text[]) AND from_unit IS NOT NULL ORDER BY referral_id, to_unit',
      [referralIds],
    );
    for (const row of rows) found.set(row.referral_id, [...(found.get(row.referral_id) ?? []), row.to_unit]);
    return found;
  }

  async all(): Promise<ReferralState[]> {
    return (await this.sql.query<ReferralRow>(`SELECT ${LIST} FROM referrals ORDER BY to_unit, referral_id`)).map(toState);
  }
}
