import { describe, expect, it } from '@jest/globals';
import { canonicalJson, canonicalJsonSlow, sortKeysInPlace } from './canonical-json.js';

const sparse: unknown[] = [1];
sparse[3] = 'x';

/** Values of every shape an event's data may take, and some it should not. */
const VALUES: unknown[] = [
  null,
  'text',
  0,
  -0,
  1.5e-7,
  true,
  [],
  {},
  { b: 1, a: { d: [1, 'x', { z: null, y: [] }], c: null } },
  { a: 1, b: { c: 2, d: 3 } },
  { z: '网剑', é: 1, a: undefined, '\uFF01': 2, '😀': 3, A: 4, _: 5 },
  { '10': 'a', '2': 'b', x: { '1': true, '01': false } },
  { nested: [{ '7': 1 }] },
  { '4294967295': 1, b: 2 },
  [undefined, 1, { b: undefined, a: 2 }],
  sparse,
  { when: new Date('2021-10-08T01:30:00Z'), list: [new Date(0)] },
  Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 }),
  // An own `__proto__` member (as JSON.parse makes it) stays a member of the sorted copy, not its prototype.
  JSON.parse('{"z":1,"__proto__":{"b":1,"a":2},"a":[{"d":1,"c":2}]}') as unknown,
  { a: 1, b: undefined, c: { e: 1, d: undefined } },
  { a: 1, b: { d: 1, c: 2 }, e: undefined, f: 3 },
];

describe('canonical JSON, fast path', () => {
  it.each(VALUES.map((value) => [JSON.stringify(value) ?? String(value), value]))('given %s, when canonicalised, then the text is the reference definition\'s', (_, value) => {
    expect(canonicalJson(value)).toBe(canonicalJsonSlow(value));
  });

  it('given keys in sorted order already, when canonicalised, then the value is not altered and the text is the same', () => {
    const value = { a: { b: [1, { c: 2 }] }, d: 'e' };
    const before = JSON.stringify(value);
    expect(canonicalJson(value)).toBe(before);
    expect(JSON.stringify(value)).toBe(before);
  });

  it.each([[{ f: () => 1 }], [[Symbol('s')]], [{ n: Number.POSITIVE_INFINITY }], [undefined], [{ big: BigInt(1) }]])('given %p, when canonicalised, then it throws as the reference does', (value) => {
    expect(() => canonicalJsonSlow(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('sortKeysInPlace', () => {
  const ALPHABET = ['a', 'B', 'z', '_', 'é', '网', '剑', '😀', '\uFF01', '-', '10', 'aa', 'Z'];
  it.each([0, 1, 2, 7, 32, 33, 80])('given %i distinct keys in any order, when sorted, then the order is Array#sort\'s and it says whether they were sorted', (count) => {
    let seed = count + 1;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 20; round += 1) {
      const keys = [...new Set(Array.from({ length: count * 2 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')))].slice(0, count);
      const expected = [...keys].sort();
      const wasSorted = keys.every((key, i) => key === expected[i]);
      expect(sortKeysInPlace(keys)).toBe(wasSorted);
      expect(keys).toEqual(expected);
      expect(sortKeysInPlace(keys)).toBe(true);
    }
  });
});
