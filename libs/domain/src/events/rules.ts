import { REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { ENTITY_KINDS, isEntityKind } from '../catalogue/entity-kinds.js';
import { isRegion, LATEST_REGION_YEAR, regionsFor } from '../catalogue/regions.js';
import type { CodeGuard } from '../catalogue/code-list.js';
import type { ItemRule, Rule } from './decorators.js';
import { isAggregateId, parseAggregateRef } from './subject.js';
import { checkTimestamp, TIMESTAMP_EXAMPLE } from './time.js';
import type { AggregateType } from '../catalogue/aggregates.js';

/** Limits from the submission contract (lengths count UTF-16 code units, as JSON consumers do). */
export const LIMITS = {
  summary: 4000,
  reason: 2000,
  id: 128,
  name: 128,
  count: 1e9,
  money: 1e12,
  entities: 200,
  entityValue: 512,
} as const;

/**
 * validate.ts stamps the event's year on each data instance under this symbol (invisible to the
 * whitelist, which walks Object.keys) so region codes are checked against the table in force then.
 */
export const EVENT_YEAR = Symbol('eventYear');

export function eventYearOf(object: object): number {
  const year = (object as { [EVENT_YEAR]?: unknown })[EVENT_YEAR];
  return typeof year === 'number' ? year : LATEST_REGION_YEAR;
}

/** A short rendering of a received value for messages; long strings are cut. */
export function shown(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * Free text: a string that is not blank and at most `max` characters. Values are stored as sent
 * (never trimmed) because the hub hashes the submitted JSON; blank strings are rejected so that
 * "no value" is always spelt by omitting an optional field.
 */
export function text(max: number): Rule {
  return (value) => {
    if (typeof value !== 'string') return `must be a string (got ${shown(value)})`;
    if (value.trim().length === 0) return 'must not be blank';
    if (value.length > max) return `must be at most ${max} characters (got ${value.length})`;
    return unstorableCharacter(value);
  };
}

// NUL cannot be stored in PostgreSQL text or jsonb, other C0 controls are never meant in free text, and an
// unpaired surrogate is not Unicode at all (it would not survive UTF-8): refused before anything is signed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorableCharacter(value: string): string | undefined {
  const found = UNSTORABLE.exec(value);
  if (!found) return undefined;
  const code = `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `must not contain control characters (other than tab and line breaks) or unpaired surrogates (found ${code} at position ${found.index})`;
}

/** The id of another aggregate (referralId, caseId, leadId …): the same form as a subject's id. */
export const aggregateId: Rule = (value) =>
  isAggregateId(value) ? undefined : `must be an id of 1-${LIMITS.id} characters from A-Z a-z 0-9 _ - (got ${shown(value)})`;

export function integer(max: number): Rule {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
      ? undefined
      : `must be an integer from 0 to ${max} (got ${shown(value)})`;
}

export const count: Rule = integer(LIMITS.count);

/** Yuan with at most two decimals (fen); the tolerance absorbs binary floating point (0.1 * 100). */
export const money: Rule = (value) => {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= LIMITS.money &&
    Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
  return ok ? undefined : `must be an amount in yuan from 0 to ${LIMITS.money} with at most 2 decimals (got ${shown(value)})`;
};

export const flag: Rule = (value) => (typeof value === 'boolean' ? undefined : `must be true or false (got ${shown(value)})`);

export function oneOf(guard: CodeGuard<string>, codes: readonly string[]): Rule {
  return (value) => (guard(value) ? undefined : `must be one of ${codes.join(', ')} (got ${shown(value)})`);
}

export function equals(expected: string): Rule {
  return (value) => (value === expected ? undefined : `must be "${expected}" (got ${shown(value)})`);
}

/** A reporting department (the joint office is never a referral or transfer target). */
export const reportingDepartment: Rule = (value) =>
  typeof value === 'string' && (REPORTING_DEPARTMENTS as readonly string[]).includes(value)
    ? undefined
    : `must be a reporting department code: ${REPORTING_DEPARTMENTS.join(', ')} (got ${shown(value)})`;

export const region: Rule = (value, object) => {
  const year = eventYearOf(object);
  if (isRegion(value, year)) return undefined;
  const known = regionsFor(year).length > 0;
  return known
    ? `must be a GB/T 2260 region code of the ${year} table, e.g. 653100 (got ${shown(value)})`
    : `is not checkable: there is no region table for ${year}`;
};

export const timestamp: Rule = (value) => {
  switch (checkTimestamp(value)) {
    case 'ok':
      return undefined;
    case 'impossible':
      return `is not a real date and time (got ${shown(value)})`;
    case 'invalid':
      return `must be an ISO-8601 timestamp with seconds and an offset or Z, e.g. ${TIMESTAMP_EXAMPLE} (got ${shown(value)})`;
  }
};

/** A reference to another unit's aggregate: `<dept>/<region>/<aggregateType>/<aggregateId>`. */
export function aggregateRef(types: readonly AggregateType[]): Rule {
  return (value, object) => {
    const ref = typeof value === 'string' ? parseAggregateRef(value, eventYearOf(object)) : undefined;
    if (ref && types.includes(ref.type)) return undefined;
    return `must be a reference <department>/<region>/<${types.join('|')}>/<id>, e.g. samr/653100/${types[0] ?? 'lead'}/L-1 (got ${shown(value)})`;
  };
}

/**
 * A correlation key as the coordination service derives it: `<entity kind>:<normalised value>`.
 * Only the shape is checked here; normalisation rules live with the entity-key normalisers.
 */
export const entityKey: Rule = (value) => {
  if (typeof value === 'string' && value.length <= LIMITS.entityValue + 32) {
    const colon = value.indexOf(':');
    if (colon > 0 && isEntityKind(value.slice(0, colon)) && value.length > colon + 1) return undefined;
  }
  return `must be an entity key <kind>:<value> with kind one of ${ENTITY_KINDS.join(', ')} (got ${shown(value)})`;
};

/** Lifts a field rule to array items. */
export function each(rule: Rule): ItemRule {
  return (item, _index, _items, object) => (item === null || item === undefined ? 'must not be null' : rule(item, object));
}

// First index of each value per array, built once per array so `unique` stays linear.
const firstIndexes = new WeakMap<readonly unknown[], Map<unknown, number>>();
function firstIndexOf(items: readonly unknown[], item: unknown): number {
  let indexes = firstIndexes.get(items);
  if (!indexes) {
    indexes = new Map();
    for (const [index, value] of items.entries()) if (!indexes.has(value)) indexes.set(value, index);
    firstIndexes.set(items, indexes);
  }
  return indexes.get(item) ?? -1;
}

/** Items must not repeat an earlier item (reported on the repeat, not the first occurrence). */
export function unique(rule: ItemRule): ItemRule {
  return (item, index, items, object) =>
    rule(item, index, items, object) ?? (firstIndexOf(items, item) < index ? `repeats ${shown(item)}` : undefined);
}
