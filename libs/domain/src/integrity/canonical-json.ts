/**
 * Canonical JSON (the subset of RFC 8785 our events use): object keys sorted by UTF-16 code units,
 * no insignificant whitespace, `undefined` members dropped. Two parties that hold the same event
 * therefore hash the same bytes, whatever order their JSON library wrote the keys in.
 *
 * Fast path: a copy whose objects have their keys in sorted order, written by the native JSON.stringify
 * (several times faster than building the text here; verifying a million events hashes each one). It
 * writes the same text as {@link canonicalJsonSlow} for every value this accepts; a value it cannot copy
 * exactly (an object with integer-like keys, which JavaScript always enumerates first) takes the slow path.
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === INTEGER_KEYS ? canonicalJsonSlow(value) : JSON.stringify(copy);
}

/** Marks a value whose objects cannot be copied with their keys in sorted order. */
const INTEGER_KEYS = Symbol('integer-like keys');
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** The value with every object's keys in sorted order, the same value where they already are; throws where canonicalJson does. */
function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold a non-finite number');
      return value;
    case 'object':
      return Array.isArray(value) ? sortedArray(value) : sortedObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function sortedArray(items: readonly unknown[]): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    // undefined (and holes) are written as null, as JSON.stringify writes them.
    const sorted = item === undefined ? undefined : sortedCopy(item);
    if (sorted === INTEGER_KEYS) return INTEGER_KEYS;
    if (sorted !== item && copy === undefined) copy = items.slice(0, i);
    copy?.push(sorted);
  }
  return copy ?? items;
}

function sortedObject(obj: Record<string, unknown>): unknown {
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    // Only a key that starts with a digit can be integer-like: the pattern ran on every key of every event.
    const first = key.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39 && ARRAY_INDEX.test(key)) return INTEGER_KEYS;
  }
  const prototype: unknown = Object.getPrototypeOf(obj);
  const inOrder = sortKeysInPlace(keys) && (prototype === Object.prototype || prototype === null);
  // A plain object already in order is written as it is (a toJSON, as on a Date, is not: it becomes a copy). The
  // copy is built member by member, and only once a member differs: no entries array per object on the hash path.
  let copy: Record<string, unknown> | undefined = inOrder && typeof obj.toJSON !== 'function' ? undefined : {};
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const member = obj[key];
    // An undefined member is dropped; JSON.stringify drops it from an object written as it is too.
    if (member === undefined) continue;
    const sorted = sortedCopy(member);
    if (sorted === INTEGER_KEYS) return INTEGER_KEYS;
    if (copy === undefined && sorted !== member) copy = membersBefore(obj, keys, i);
    if (copy !== undefined) define(copy, key, sorted);
  }
  return copy ?? obj;
}

/** A new object with the members of `obj` under `keys[0..end)` (those already known to need no copy). */
function membersBefore(obj: Record<string, unknown>, keys: readonly string[], end: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < end; i += 1) {
    const key = keys[i] as string;
    if (obj[key] !== undefined) define(copy, key, obj[key]);
  }
  return copy;
}

/** An own member, `__proto__` included (assigning that name would set the prototype instead). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Sorts distinct keys (an object's) in place by UTF-16 code units, as Array#sort orders strings, and says whether
 * they were in that order already. Insertion sort for the few keys of an event's objects: Array#sort allocates its
 * work arrays on every call (~900 bytes per submitted event's data, a fifth of what validating it allocated).
 */
export function sortKeysInPlace(keys: string[]): boolean {
  let sorted = true;
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if ((keys[i - 1] as string) < key) continue;
    sorted = false;
    if (keys.length > 32) {
      keys.sort();
      return false;
    }
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j -= 1) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return sorted;
}

/** The reference definition, member by member: what canonicalJson writes for every value. */
export function canonicalJsonSlow(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold a non-finite number');
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  // Array.from visits holes too (map would skip them and write `[1,,2]`, which is not JSON): null, as JSON.stringify writes them.
  return `[${Array.from(items, (item) => (item === undefined ? 'null' : canonicalJsonSlow(item))).join(',')}]`;
}

function canonicalObject(obj: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const member = obj[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJsonSlow(member)}`);
  }
  return `{${members.join(',')}}`;
}
