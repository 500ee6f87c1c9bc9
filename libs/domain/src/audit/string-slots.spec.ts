import { describe, expect, it } from '@jest/globals';
import { StringSlots } from './string-slots.js';

/** Looks up and adds `keys` in order, in the slots and in a Map, and answers whether every lookup agreed. */
function agreesWithMap(slots: StringSlots, keys: readonly string[]): boolean {
  const map = new Map<string, number>();
  for (const key of keys) {
    const expected = map.get(key) ?? -1;
    if (slots.find(key) !== expected) return false;
    if (expected === -1) {
      map.set(key, map.size);
      if (slots.add(key) !== map.size - 1) return false;
    }
  }
  return slots.size === map.size;
}

describe('string slots', () => {
  it('given 100,000 lookups of 60,000 subjects (past several growths), when each absent one is added, then every number is the one a Map gives', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const keys = Array.from({ length: 100_000 }, (_, i) => `hub.evt.samr.650100.lead.L${i < 60_000 ? i : next() % 60_000}`);
    expect(agreesWithMap(new StringSlots(), keys)).toBe(true);
  });

  it('given a hash under which every string collides, when looked up, then strings are told apart by their text', () => {
    const slots = new StringSlots(() => 7);
    const keys = ['a', 'b', 'a', 'c', 'b', 'ab', 'c', ''];
    expect(agreesWithMap(slots, keys)).toBe(true);
    expect(slots.find('abc')).toBe(-1);
  });

  it('given a string added already, when added again, then it is refused (its number would change)', () => {
    const slots = new StringSlots();
    slots.add('a');
    expect(() => slots.add('a')).toThrow(RangeError);
  });

  it('given strings equal in text but made apart (slices of larger texts), when looked up, then they find one number', () => {
    const slots = new StringSlots();
    const joined = 'hub.evt.a.1 hub.evt.b.2 hub.evt.a.1';
    const [first, second, third] = joined.split(' ') as [string, string, string];
    slots.add(first);
    slots.add(second);
    expect(slots.find(third)).toBe(0);
    expect(slots.find(`hub.evt.b.${1 + 1}`)).toBe(1);
  });
});
