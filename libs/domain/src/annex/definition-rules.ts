import { getMetadataStorage } from '../events/class-validator-parts.js';
import { eventSpec, type EventType, isEventType, mayPublish } from '../events/catalogue.js';
import { EVENT_EXAMPLES } from '../events/examples.js';
import { shown } from '../events/rules.js';
import { validateEvent } from '../events/validate.js';
import { isPlainObject } from '../events/json.js';
import type { ProblemSink } from './problems.js';

/**
 * Checks of each row's rule against the event catalogue. A rule that names a field or a code the
 * events do not have would silently count zero for the whole campaign, so field names are checked
 * against the event's DTO and filter values are run through the event validator itself.
 */

const RULE_KEYS = ['eventType', 'where', 'whereNot', 'measure', 'scale', 'remarkOtherCategories'];
const MEASURE_KINDS = ['count', 'sum', 'distinct'];
/** The case.opened field the remarks read; a remark row must count an event type that has it. */
const OTHER_CATEGORIES_FIELD = 'otherCategories';

type Filter = Map<string, readonly string[]>;

interface RemarkRow {
  index: number;
  id: string;
  eventType: string;
  departments: readonly string[];
  where: Filter;
  whereNot: Filter;
}

const fieldCache = new Map<EventType, ReadonlySet<string>>();
/** The data fields of an event type, read from its DTO's class-validator metadata (inherited ones included). */
export function dataFieldsOf(type: EventType): ReadonlySet<string> {
  let fields = fieldCache.get(type);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(eventSpec(type).dataClass, '', true, false);
    fields = new Set(metadata.map((m) => m.propertyName));
    fieldCache.set(type, fields);
  }
  return fields;
}

/**
 * What the event validator says about `value` in `field`, tried inside the catalogue's valid example
 * of `type`; undefined when the value is acceptable there.
 */
function probe(type: EventType, field: string, value: unknown): string | undefined {
  const example = EVENT_EXAMPLES[type];
  const event = { ...example.event, data: { ...example.event.data, [field]: value } };
  const result = validateEvent(event, example.department);
  return result.ok ? undefined : result.errors.find((error) => error.path === `data.${field}`)?.message;
}

export function checkRowRules(rows: readonly unknown[], groupDepartments: ReadonlyMap<string, readonly string[]>, at: ProblemSink): void {
  const remarkRows: RemarkRow[] = [];
  rows.forEach((row, index) => {
    if (!isPlainObject(row) || row.rule === undefined) {
      if (isPlainObject(row)) at.add(`rows[${index}].rule`, 'is required');
      return;
    }
    const path = `rows[${index}].rule`;
    const rule = at.object(row.rule, path, RULE_KEYS);
    if (!rule) return;

    const type = isEventType(rule.eventType) ? rule.eventType : undefined;
    if (!type) at.add(`${path}.eventType`, `must be an event type of the catalogue (EVENT_TYPES), got ${shown(rule.eventType)}`);
    const departments = typeof row.group === 'string' ? groupDepartments.get(row.group) : undefined;
    if (type && departments && departments.length > 0 && !departments.some((dept) => mayPublish(dept, type))) {
      at.add(`${path}.eventType`, `${type} is never published by the group's departments (${departments.join(', ')})`);
    }

    const where = checkFilter(rule.where, `${path}.where`, type, at);
    const whereNot = checkFilter(rule.whereNot, `${path}.whereNot`, type, at);
    for (const [field, values] of where) {
      const excluded = whereNot.get(field) ?? [];
      const both = values.filter((value) => excluded.includes(value));
      if (both.length > 0) at.add(`${path}.whereNot.${field}`, `${both.join(', ')} both required and excluded: the row could never count`);
    }

    const kind = checkMeasure(rule.measure, `${path}.measure`, type, at);

    if (rule.scale !== undefined) {
      if (typeof rule.scale !== 'number' || !Number.isFinite(rule.scale) || rule.scale <= 0) {
        at.add(`${path}.scale`, `must be a number > 0, got ${shown(rule.scale)}`);
      } else if (kind === 'distinct') at.add(`${path}.scale`, 'applies to count and sum measures only');
    }

    if (rule.remarkOtherCategories !== undefined) {
      if (typeof rule.remarkOtherCategories !== 'boolean') {
        at.add(`${path}.remarkOtherCategories`, `must be true or false, got ${shown(rule.remarkOtherCategories)}`);
      } else if (rule.remarkOtherCategories) {
        // The remark says "其中N件…": it counts events, so only a count row can carry it.
        if (kind !== undefined && kind !== 'count') at.add(`${path}.remarkOtherCategories`, 'needs a count measure (the remark counts cases)');
        if (type && !dataFieldsOf(type).has(OTHER_CATEGORIES_FIELD)) {
          at.add(`${path}.remarkOtherCategories`, `${type} data has no ${OTHER_CATEGORIES_FIELD}`);
        }
        if (type && departments && typeof row.id === 'string') remarkRows.push({ index, id: row.id, eventType: type, departments, where, whereNot });
      }
    }
  });
  checkCountedOnce(remarkRows, at);
}

/** `where`/`whereNot`: data field → a code or a non-empty list of codes, each valid for that field. */
function checkFilter(value: unknown, path: string, type: EventType | undefined, at: ProblemSink): Filter {
  const filter: Filter = new Map();
  if (value === undefined) return filter;
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    at.add(path, `must be a non-empty object {field: value | [values]}, got ${shown(value)}`);
    return filter;
  }
  for (const [field, accepted] of Object.entries(value)) {
    const fieldPath = `${path}.${field}`;
    if (type && !dataFieldsOf(type).has(field)) {
      at.add(fieldPath, `${type} data has no field ${shown(field)} (fields: ${[...dataFieldsOf(type)].join(', ')})`);
      continue;
    }
    const values = typeof accepted === 'string' ? [accepted] : accepted;
    if (!Array.isArray(values) || values.length === 0 || !values.every((v): v is string => typeof v === 'string')) {
      at.add(fieldPath, `must be a string or a non-empty array of strings, got ${shown(accepted)}`);
      continue;
    }
    if (new Set(values).size !== values.length) at.add(fieldPath, 'lists a value twice');
    values.forEach((code, i) => {
      const problem = type ? probe(type, field, code) : undefined;
      if (problem) at.add(typeof accepted === 'string' ? fieldPath : `${fieldPath}[${i}]`, `${shown(code)} is not a valid ${type} value: ${problem}`);
    });
    filter.set(field, values);
  }
  return filter;
}

/** `{kind: count}` | `{kind: sum, field}` (a numeric field) | `{kind: distinct, field}`. */
function checkMeasure(value: unknown, path: string, type: EventType | undefined, at: ProblemSink): string | undefined {
  const measure = at.object(value, path, ['kind', 'field']);
  if (!measure) return undefined;
  const kind = measure.kind;
  if (typeof kind !== 'string' || !MEASURE_KINDS.includes(kind)) {
    at.add(`${path}.kind`, `must be one of ${MEASURE_KINDS.join(', ')}, got ${shown(kind)}`);
    return undefined;
  }
  if (kind === 'count') {
    if (measure.field !== undefined) at.add(`${path}.field`, 'a count measure counts events and takes no field');
    return kind;
  }
  const field = at.string(measure.field, `${path}.field`);
  if (field === undefined || !type) return kind;
  if (!dataFieldsOf(type).has(field)) at.add(`${path}.field`, `${type} data has no field ${shown(field)}`);
  else if (kind === 'sum' && probe(type, field, 1) !== undefined) at.add(`${path}.field`, `${type} data.${field} is not numeric; sum needs a number`);
  return kind;
}

/**
 * The printed note: a case counts once, under its primary violation. Two remark rows that the same
 * department could fill from the same event type must exclude each other through their filters.
 */
function checkCountedOnce(rows: readonly RemarkRow[], at: ProblemSink): void {
  rows.forEach((b, j) => {
    for (const a of rows.slice(0, j)) {
      if (a.eventType !== b.eventType || !a.departments.some((dept) => b.departments.includes(dept))) continue;
      if (!exclusive(a, b)) {
        at.add(`rows[${b.index}].rule`, `could count the same ${b.eventType} as rows[${a.index}] (${a.id}); a case counts once, so their where/whereNot must exclude each other`);
      }
    }
  });
}

/** True when some field proves no event can match both rows. */
function exclusive(a: RemarkRow, b: RemarkRow): boolean {
  const fields = new Set([...a.where.keys(), ...b.where.keys()]);
  for (const field of fields) {
    const aw = a.where.get(field);
    const bw = b.where.get(field);
    if (aw && bw && !aw.some((v) => bw.includes(v))) return true;
    const bn = b.whereNot.get(field);
    if (aw && bn && aw.every((v) => bn.includes(v))) return true;
    const an = a.whereNot.get(field);
    if (bw && an && bw.every((v) => an.includes(v))) return true;
  }
  return false;
}
