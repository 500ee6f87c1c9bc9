import type { ReferralStatus } from '@hub/domain';
import { REFERRALS_MODEL } from '../read-models.js';
import type { Sql } from '../table/sql.js';
import type { ReferralState } from './referrals.evolve.js';

const LIST = REFERRALS_MODEL.table.list;
const toState = REFERRALS_MODEL.rows.codec.fromRow;

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
  /** Sent in [sentFrom, sentBefore) (a campaign's span); absent: unbounded on that side. */
  sentFrom?: string;
  sentBefore?: string;
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
  if (filter.sentFrom !== undefined) conditions.push(`sent_at >= ${param(filter.sentFrom)}::timestamptz`);
  if (filter.sentBefore !== undefined) conditions.push(`sent_at < ${param(filter.sentBefore)}::timestamptz`);
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

/** `referrals`: one row per referral, keyed by sending unit and referral id (the projector writes through READ_MODELS). */
export class ReferralRepository {
  constructor(private readonly sql: Sql) {}

  /** One page of referrals matching `filter`, newest sent first, and how many match in all. */
  async list(filter: ReferralFilter): Promise<{ total: number; items: ReferralState[] }> {
    const { where, params } = whereOf(filter);
    const rows = await this.sql.query<Record<string, unknown> & { total: string }>(
      `SELECT ${LIST}, count(*) OVER () AS total FROM referrals ${where}
       ORDER BY sent_at DESC NULLS LAST, from_unit, referral_id LIMIT ${filter.limit} OFFSET ${filter.offset}`,
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
   * The senders of the referrals `referralIds` addressed to `toUnit` whose lead.referred the log knows, by
   * id: a bare id an answer names is resolved to its sender here (normally one; more is ambiguous).
   */
  async sendersTo(toUnit: string, referralIds: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (referralIds.length === 0) return found;
    const rows = await this.sql.query<{ referral_id: string; from_unit: string }>(
      'SELECT referral_id, from_unit FROM referrals WHERE to_unit = $1 AND referral_id = ANY($2::text[]) AND sent_at IS NOT NULL ORDER BY referral_id, from_unit',
      [toUnit, referralIds],
    );
    for (const row of rows) found.set(row.referral_id, [...(found.get(row.referral_id) ?? []), row.from_unit]);
    return found;
  }

  async all(): Promise<ReferralState[]> {
    return (await this.sql.query(`SELECT ${LIST} FROM referrals ORDER BY from_unit, referral_id`)).map(toState);
  }
}
