import { createHash } from 'node:crypto';
import { type AggregateType, isAggregateType } from '../catalogue/aggregates.js';
import { isDepartment, type Department } from '../catalogue/departments.js';
import { isRegion } from '../catalogue/regions.js';

/**
 * An aggregate id becomes one token of the NATS subject `hub.evt.<dept>.<region>.<type>.<id>`, so it
 * may not contain `.` (token separator), `*` / `>` (wildcards) or whitespace. A conservative ASCII
 * set also keeps ids safe in URLs and file names.
 */
export const AGGREGATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function isAggregateId(value: unknown): value is string {
  return typeof value === 'string' && AGGREGATE_ID_PATTERN.test(value);
}

const HASHED_ID_PREFIX = 'h-';

/**
 * An aggregate id naming a qualified reference, for a joint-office aggregate about another unit's one
 * (lead ids are unique per unit only): samr/653100/lead/L-1 → samr-653100-lead-L-1. Injective, because
 * department codes, region codes and aggregate types never contain '-' (the first three '-' are the
 * separators); references too long for an aggregate id (128) become a hash, and 'h' is no department
 * code, so the two forms cannot collide. Deterministic, so a replay derives the same ids.
 */
export function qualifiedAggregateId(ref: string): string {
  const readable = ref.replaceAll('/', '-');
  if (AGGREGATE_ID_PATTERN.test(readable)) return readable;
  return `${HASHED_ID_PREFIX}${createHash('sha256').update(ref, 'utf8').digest('hex').slice(0, 40)}`;
}

/** The reference a readable qualified id was derived from; undefined for hashed ids. */
export function refOfQualifiedId(id: string): string | undefined {
  if (id.startsWith(HASHED_ID_PREFIX)) return undefined;
  const parts = id.split('-');
  if (parts.length < 4) return undefined;
  const [department, region, type] = parts as [string, string, string];
  return `${department}/${region}/${type}/${parts.slice(3).join('-')}`;
}

export interface AggregateAddress {
  type: AggregateType;
  id: string;
}

/** `lead/L-1` → `{type: 'lead', id: 'L-1'}`; undefined when the subject is malformed. */
export function aggregateOf(subject: string): AggregateAddress | undefined {
  const slash = subject.indexOf('/');
  if (slash < 0) return undefined;
  const type = subject.slice(0, slash);
  const id = subject.slice(slash + 1);
  return isAggregateType(type) && isAggregateId(id) ? { type, id } : undefined;
}

export function subjectOf(type: AggregateType, id: string): string {
  return `${type}/${id}`;
}

/**
 * A subject is only unique within its publishing unit (each unit writes its own stream subjects), so
 * an event that points at another unit's aggregate uses a qualified reference
 * `<dept>/<region>/<aggregateType>/<aggregateId>`, e.g. `samr/653100/lead/L-1`.
 */
export interface AggregateRef extends AggregateAddress {
  department: Department;
  region: string;
}

export function parseAggregateRef(value: string, year: number = 2021): AggregateRef | undefined {
  const parts = value.split('/');
  if (parts.length !== 4) return undefined;
  const [department, region, type, id] = parts as [string, string, string, string];
  if (!isDepartment(department) || !isRegion(region, year) || !isAggregateType(type) || !isAggregateId(id)) return undefined;
  return { department, region, type, id };
}

/**
 * A referral's reference `<dept>/<region>/referral/<id>`: referral ids are chosen by the sender, so only
 * the sending unit and the id together name one referral (two units may both pick `R-1`).
 */
export function referralRef(fromUnit: string, referralId: string): string {
  return `${fromUnit}/referral/${referralId}`;
}

/**
 * The subject id of a referral's answers, feedback and overdue notices: its reference as one id
 * (samr/653100/referral/R-1 → samr-653100-referral-R-1), so the chain is the sender's referral, not an id
 * another unit could also pick.
 */
export function referralSubjectId(fromUnit: string, referralId: string): string {
  return qualifiedAggregateId(referralRef(fromUnit, referralId));
}

/** The sender and id a readable referral subject id names; undefined for a bare id or a hashed one. */
export function referralOfSubjectId(id: string): { fromUnit: string; referralId: string } | undefined {
  const ref = refOfQualifiedId(id);
  const parsed = ref === undefined ? undefined : parseAggregateRef(ref);
  if (parsed === undefined || parsed.type !== 'referral') return undefined;
  return { fromUnit: `${parsed.department}/${parsed.region}`, referralId: parsed.id };
}
