import { sortKeysInPlace } from '../integrity/canonical-json.js';

/**
 * Plain JSON objects only: class instances, Dates, Maps etc. are not something a client can send.
 * "Plain" = the prototype is null or a root prototype, which also accepts objects made in another
 * realm (a vm context, a worker's structured clone) whose Object.prototype is a different object.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

/**
 * A deep copy of validated JSON data. The copy is what gets hashed and stored, so later mutation of
 * the caller's object cannot change it; keys holding undefined are dropped (JSON has no undefined).
 * Each object's keys are copied in sorted order: the event's canonical form (canonicalJson) then finds
 * them in order and writes the copy as it is, where it made a second, sorted copy of every object a
 * client sent in another order (a lead's `summary` before its `entities`) on each append.
 */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    sortKeysInPlace(keys);
    const copy: Record<string, unknown> = {};
    for (const key of keys) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) copy[key] = cloneJson(entry);
    }
    return copy;
  }
  return value;
}
