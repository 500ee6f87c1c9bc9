import { validateSync, type ValidatorOptions } from './class-validator-parts.js';
import { AGGREGATE_TYPES, isAggregateType } from '../catalogue/aggregates.js';
import { isDepartment, JOINT_OFFICE, REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { LATEST_REGION_YEAR } from '../catalogue/regions.js';
import { aggregateTypesOf, EVENT_TYPES, type EventSpec, eventSpec, type EventType, isEventType, mayPublish } from './catalogue.js';
import { nounOf } from './decorators.js';
import { collectFieldErrors } from './field-errors.js';
import { passesCompiled } from './compiled-validator.js';
import { instantiate } from './instantiate.js';
import { cloneJson, isPlainObject } from './json.js';
import { EVENT_YEAR, LIMITS, shown, timestamp } from './rules.js';
import { aggregateOf, isAggregateId, qualifiedAggregateId, referralSubjectId } from './subject.js';
import { yearOf } from './time.js';
import type { FieldError, SubmittedEvent, ValidationResult } from './types.js';

/** Path used for errors about the request body as a whole. */
export const BODY_PATH = '(body)';

const ENVELOPE_FIELDS = ['id', 'type', 'subject', 'time', 'expectedVersion', 'data'];
const ENVELOPE_FIELD_SET = new Set(ENVELOPE_FIELDS);
// Fields of the stored event that only the hub may set; naming them helps a publisher that echoes events back.
const HUB_FIELDS = new Set(['source', 'version', 'prevHash', 'hash', 'sig', 'recordedAt']);

/** UUID of any RFC 9562 version (1-8) and variant; v7 is recommended so ids sort by creation time. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The event-id rule for other client-chosen ids (e.g. a coordinator's link request). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

// One options object for every call: class-validator reads it, never mutates it.
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: true, value: true },
};

const fail = <T>(errors: FieldError[]): ValidationResult<T> => ({ ok: false, errors });

/**
 * Validates one submitted event for `department` (the submitting unit's department). `pathPrefix`
 * is prepended to every path (`[3]` gives `[3].data.count`). Every problem is reported, not just the
 * first. On success the value is a fresh plain JSON object holding exactly the submitted fields.
 */
export function validateEvent(raw: unknown, department: string, pathPrefix = ''): ValidationResult<SubmittedEvent> {
  if (!isPlainObject(raw)) {
    return fail([{ path: pathPrefix === '' ? BODY_PATH : pathPrefix, message: `event must be an object {${ENVELOPE_FIELDS.join(', ')}} (got ${shown(raw)})` }]);
  }
  // Paths (fieldPath) are made only when a problem is reported: a valid event needs none.
  const errors: FieldError[] = [];

  const { id, type, subject, time, expectedVersion, data } = raw;
  if (typeof id !== 'string' || !UUID.test(id)) {
    errors.push({ path: fieldPath(pathPrefix, 'id'), message: `id must be a UUID (v7 recommended), e.g. 0190f3c2-7a4b-7cde-8f01-23456789abcd (got ${shown(id)})` });
  }

  const spec = checkType(type, department, pathPrefix, errors);
  checkSubject(subject, spec, pathPrefix, errors);

  const timeProblem = timestamp(time, raw);
  if (timeProblem !== undefined) errors.push({ path: fieldPath(pathPrefix, 'time'), message: `time ${timeProblem}` });
  const year = timeProblem === undefined ? yearOf(time as string) : LATEST_REGION_YEAR;

  if (expectedVersion !== undefined && !(typeof expectedVersion === 'number' && Number.isSafeInteger(expectedVersion) && expectedVersion >= 0)) {
    errors.push({
      path: fieldPath(pathPrefix, 'expectedVersion'),
      message: `expectedVersion must be an integer ≥ 0 (0 = the aggregate must not exist yet), or be omitted (got ${shown(expectedVersion)})`,
    });
  }

  if (data === undefined) errors.push({ path: fieldPath(pathPrefix, 'data'), message: 'data is required' });
  else if (!isPlainObject(data)) errors.push({ path: fieldPath(pathPrefix, 'data'), message: `data must be an object (got ${shown(data)})` });
  else if (spec) checkData(data, spec.type, spec.spec, year, subject, pathPrefix, errors);

  for (const key of Object.keys(raw)) {
    if (ENVELOPE_FIELD_SET.has(key)) continue;
    const message = HUB_FIELDS.has(key)
      ? `"${key}" is set by the hub and must not be submitted`
      : `unknown field "${key}": an event has only ${ENVELOPE_FIELDS.join(', ')}`;
    errors.push({ path: fieldPath(pathPrefix, key), message });
  }

  if (errors.length > 0) return fail(errors);
  // Two literals rather than a spread of an optional part: the same keys in the same order, without the extra object.
  const copy = cloneJson(data) as Record<string, unknown>;
  const value: SubmittedEvent =
    expectedVersion === undefined
      ? { id: id as string, type: type as EventType, subject: subject as string, time: time as string, data: copy }
      : { id: id as string, type: type as EventType, subject: subject as string, time: time as string, expectedVersion: expectedVersion as number, data: copy };
  return { ok: true, value };
}

/**
 * Validates a request body: one event object or a non-empty array of at most `opts.maxBatch` events.
 * Paths are `data.x` for a single object and `[i].data.x` for an array. A batch over the limit fails
 * fast with `tooLarge: true` (→ 413) and the events are not inspected. Duplicate ids inside a batch are
 * allowed: idempotency is decided by the store.
 */
export function validateSubmission(body: unknown, department: string, opts: { maxBatch: number }): ValidationResult<SubmittedEvent[]> {
  if (!Number.isSafeInteger(opts.maxBatch) || opts.maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${opts.maxBatch}`);
  if (isPlainObject(body)) {
    const result = validateEvent(body, department);
    return result.ok ? { ok: true, value: [result.value] } : result;
  }
  if (!Array.isArray(body) || body.length === 0) {
    return fail([{ path: BODY_PATH, message: `body must be one event object or a non-empty array of events (got ${Array.isArray(body) ? 'an empty array' : shown(body)})` }]);
  }
  if (body.length > opts.maxBatch) {
    return {
      ok: false,
      tooLarge: true,
      errors: [{ path: BODY_PATH, message: `batch too large: ${body.length} events, at most ${opts.maxBatch} per request` }],
    };
  }
  const events: SubmittedEvent[] = [];
  const errors: FieldError[] = [];
  body.forEach((raw: unknown, index) => {
    const result = validateEvent(raw, department, `[${index}]`);
    if (result.ok) events.push(result.value);
    else errors.push(...result.errors);
  });
  return errors.length > 0 ? fail(errors) : { ok: true, value: events };
}

/** `prefix`'s `field`: `field` itself for an event that is the whole body, `[3].field` for the fourth of a batch. */
function fieldPath(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

function checkType(type: unknown, department: string, prefix: string, errors: FieldError[]): { type: EventType; spec: EventSpec } | undefined {
  if (!isEventType(type)) {
    errors.push({ path: fieldPath(prefix, 'type'), message: `type must be one of ${EVENT_TYPES.join(', ')} (got ${shown(type)})` });
    return undefined;
  }
  const spec = eventSpec(type);
  if (!mayPublish(department, type)) {
    const who = spec.publishers.includes(JOINT_OFFICE)
      ? 'only the joint office (joint)'
      : spec.publishers.length === REPORTING_DEPARTMENTS.length
        ? 'only the 13 reporting departments'
        : `only ${spec.publishers.join(', ')}`;
    const dept = isDepartment(department) ? `department ${department}` : `unknown department ${shown(department)}`;
    errors.push({ path: fieldPath(prefix, 'type'), message: `${dept} may not publish ${type}: ${who} may` });
  }
  // Data is still checked when the publisher is wrong, so one round trip reports every problem.
  return { type, spec };
}

/** The subjects an event of `found`'s type may have, for messages (made only for one: a valid subject needs none). */
function expectedSubject(found: { type: EventType } | undefined): string {
  return found ? `${aggregateTypesOf(found.type).join('|')}/<id>` : '<aggregateType>/<id>';
}

function checkSubject(subject: unknown, found: { type: EventType; spec: EventSpec } | undefined, prefix: string, errors: FieldError[]): void {
  if (typeof subject !== 'string' || !subject.includes('/')) {
    errors.push({ path: fieldPath(prefix, 'subject'), message: `subject must be ${expectedSubject(found)}, e.g. ${found?.spec.aggregateType ?? 'lead'}/X-2021-0001 (got ${shown(subject)})` });
    return;
  }
  const slash = subject.indexOf('/');
  const aggregateType = subject.slice(0, slash);
  const aggregateId = subject.slice(slash + 1);
  if (!isAggregateType(aggregateType)) {
    errors.push({ path: fieldPath(prefix, 'subject'), message: `subject must start with an aggregate type (${AGGREGATE_TYPES.join(', ')}), got ${shown(aggregateType)}` });
  } else if (found && !(aggregateTypesOf(found.type) as readonly string[]).includes(aggregateType)) {
    errors.push({ path: fieldPath(prefix, 'subject'), message: `subject of a ${found.type} event must be ${expectedSubject(found)}, not ${aggregateType}/…` });
  }
  if (!isAggregateId(aggregateId)) {
    errors.push({
      path: fieldPath(prefix, 'subject'),
      message: `subject id must be 1-${LIMITS.id} characters from A-Z a-z 0-9 _ - (no dots, spaces, slashes or wildcards; got ${shown(aggregateId)})`,
    });
  }
}

function checkData(
  data: Record<string, unknown>,
  type: EventType,
  spec: EventSpec,
  year: number,
  subject: unknown,
  prefix: string,
  errors: FieldError[],
): void {
  const path = fieldPath(prefix, 'data');
  const before = errors.length;
  if (!passesCompiled(spec.dataClass, data, year)) checkDataFields(data, spec, year, path, `${type} data`, errors);

  // Cross-check only when both the subject and the field are valid (otherwise they are already reported).
  const field = spec.subjectIdField;
  const aggregate = typeof subject === 'string' ? aggregateOf(subject) : undefined;
  if (field === undefined || aggregate === undefined) return;
  const idPath = `${path}.${field}`;
  for (let i = before; i < errors.length; i++) if (errors[i]?.path === idPath) return;
  const value = data[field];
  const subjectId = aggregate.id;
  if (spec.subjectIdForm === 'referral') {
    checkSenderSubject(spec.aggregateType, data, field, subjectId, path, errors.slice(before), errors);
    return;
  }
  const referencedId = typeof value !== 'string' ? undefined : spec.subjectIdForm === 'qualified' ? qualifiedAggregateId(value) : value.slice(value.lastIndexOf('/') + 1);
  if (referencedId !== subjectId) {
    errors.push({ path: idPath, message: `${field} must name the subject's aggregate id ${shown(subjectId)} (got ${shown(value)})` });
  }
}

/** The data's own fields through class-validator: every problem, each with its path and message. */
export function checkDataFields(data: Record<string, unknown>, spec: Pick<EventSpec, 'dataClass'>, year: number, path: string, noun: string, errors: FieldError[]): void {
  const instance = instantiate(spec.dataClass, data, path, (keyPath, key, cls) => {
    errors.push({ path: keyPath, message: `unknown field "${key}": it is not part of ${cls === spec.dataClass ? noun : (nounOf(cls) ?? 'this object')}` });
  });
  Object.defineProperty(instance, EVENT_YEAR, { value: year });
  collectFieldErrors(validateSync(instance, VALIDATOR_OPTIONS), path, noun, errors);
}

/** A referral's (a closure request's) events live under `referral/<sender>-referral-<id>`: the subject must be the one its data names. */
function checkSenderSubject(type: string, data: Record<string, unknown>, field: string, subjectId: string, path: string, found: FieldError[], errors: FieldError[]): void {
  const { fromDepartment, fromRegion } = data;
  if (found.some((error) => error.path === `${path}.fromDepartment` || error.path === `${path}.fromRegion`)) return;
  if (typeof fromDepartment !== 'string' || typeof fromRegion !== 'string') return;
  const from = `${fromDepartment}/${fromRegion}`;
  const expected = type === 'referral' ? referralSubjectId(from, String(data[field])) : qualifiedAggregateId(`${from}/${type}/${String(data[field])}`);
  if (expected !== subjectId) {
    errors.push({
      path: `${path}.${field}`,
      message: `${field} with fromDepartment/fromRegion names the subject ${type}/${expected}, not ${type}/${subjectId} (a ${type} is named by its sender)`,
    });
  }
}
