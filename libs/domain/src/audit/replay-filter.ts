import { isDepartment } from '../catalogue/departments.js';
import { validationFailed } from '../errors.js';
import { eventSubjectFilter } from '../integrity/stream-subjects.js';
import type { FieldError } from '../events/types.js';
import { isTimestamp } from '../events/time.js';

/** What an auditor replays: one aggregate, a department, a region, an event type, a range of sequences or instants. */
export interface ReplayQuery {
  /** `<aggregateType>/<aggregateId>`, e.g. `lead/L-2021-0001`. */
  subject?: string;
  /** Aggregate type alone, e.g. `case`. */
  aggregateType?: string;
  department?: string;
  region?: string;
  /** Event type, e.g. `referral.answered` (filtered after reading: it is not part of the NATS subject). */
  type?: string;
  fromSeq?: number;
  toSeq?: number;
  /** Stored at or after this instant (the stream's own clock; the consumer starts there). */
  since?: string;
  /** Stored at or before this instant. */
  until?: string;
}

export interface ReplayPlan {
  /** One NATS subject filter (nats-server 2.9 has no multi-filter consumers), wildcards where not constrained. */
  filter: string;
  type?: string;
  fromSeq?: number;
  toSeq?: number;
  since?: number;
  until?: number;
}

const TOKEN = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]*$/;
const NO_DOTS = /^[A-Za-z0-9_:-]+$/;

/**
 * Validates the query (400 naming each bad parameter) and turns it into a subject filter:
 * `hub.evt.<department|*>.<region|*>.<aggregateType|*>.<aggregateId|*>`, or `hub.evt.>` for everything.
 */
export function planReplay(query: ReplayQuery): ReplayPlan {
  const errors: FieldError[] = [];
  const bad = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  let aggregateType = query.aggregateType;
  let aggregateId: string | undefined;
  if (query.subject !== undefined) {
    const [type, id, ...rest] = query.subject.split('/');
    if (!type || !id || rest.length > 0 || !NO_DOTS.test(type) || !NO_DOTS.test(id)) bad('subject', `subject must be <aggregateType>/<aggregateId>, got ${JSON.stringify(query.subject)}`);
    else if (aggregateType !== undefined && aggregateType !== type) bad('aggregateType', `aggregateType ${aggregateType} contradicts subject ${query.subject}`);
    else {
      aggregateType = type;
      aggregateId = id;
    }
  }
  if (aggregateType !== undefined && !NO_DOTS.test(aggregateType)) bad('aggregateType', `not an aggregate type: ${JSON.stringify(aggregateType)}`);
  if (query.department !== undefined && !isDepartment(query.department)) bad('department', `not a department code: ${JSON.stringify(query.department)}`);
  if (query.region !== undefined && !/^\d{6}$/.test(query.region)) bad('region', `region must be a 6-digit GB/T 2260 code, got ${JSON.stringify(query.region)}`);
  if (query.type !== undefined && !TOKEN.test(query.type)) bad('type', `not an event type: ${JSON.stringify(query.type)}`);
  for (const field of ['fromSeq', 'toSeq'] as const) {
    const value = query[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) bad(field, `${field} must be a positive integer`);
  }
  if (query.fromSeq !== undefined && query.toSeq !== undefined && query.toSeq < query.fromSeq) bad('toSeq', 'toSeq must not be before fromSeq');
  for (const field of ['since', 'until'] as const) {
    const value = query[field];
    if (value !== undefined && !isTimestamp(value)) bad(field, `${field} must be an RFC 3339 instant, got ${JSON.stringify(value)}`);
  }
  if (errors.length > 0) throw validationFailed(errors);

  const filter = eventSubjectFilter({
    ...(query.department === undefined ? {} : { department: query.department }),
    ...(query.region === undefined ? {} : { region: query.region }),
    ...(aggregateType === undefined ? {} : { aggregateType }),
    ...(aggregateId === undefined ? {} : { aggregateId }),
  });
  return {
    filter,
    ...(query.type === undefined ? {} : { type: query.type }),
    ...(query.fromSeq === undefined ? {} : { fromSeq: query.fromSeq }),
    ...(query.toSeq === undefined ? {} : { toSeq: query.toSeq }),
    ...(query.since === undefined ? {} : { since: Date.parse(query.since) }),
    ...(query.until === undefined ? {} : { until: Date.parse(query.until) }),
  };
}

/** Whether a stored message belongs to the replay (the parts its subject filter cannot express). */
export function replayIncludes(plan: ReplayPlan, seq: number, storedAt: number, type: string | undefined): boolean {
  if (plan.toSeq !== undefined && seq > plan.toSeq) return false;
  if (plan.until !== undefined && storedAt > plan.until) return false;
  return plan.type === undefined || plan.type === type;
}

/** Whether the replay can stop: nothing after this message can match. */
export function replayExhausted(plan: ReplayPlan, seq: number, storedAt: number): boolean {
  return (plan.toSeq !== undefined && seq >= plan.toSeq) || (plan.until !== undefined && storedAt > plan.until);
}
