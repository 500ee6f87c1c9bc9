import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../integrity/canonical-json.js';
import { cloneJson } from './json.js';

describe('cloneJson (the validated copy of submitted data)', () => {
  it('given data in another key order with undefined members, when copied, then the copy is equal, sorted at every level, without undefined, and shares nothing', () => {
    const data = { summary: '网店', entities: [{ value: 'v', kind: 'phone' }], category: 'x', gone: undefined, nested: { b: [1, { d: null, c: true }], a: 2 } };
    const copy = cloneJson(data) as Record<string, unknown>;
    expect(copy).toEqual({ category: 'x', entities: [{ kind: 'phone', value: 'v' }], nested: { a: 2, b: [1, { c: true, d: null }] }, summary: '网店' });
    expect(JSON.stringify(copy)).toBe(canonicalJson(data));
    expect(Object.keys(copy)).toEqual(['category', 'entities', 'nested', 'summary']);
    expect(copy['entities']).not.toBe(data.entities);
    expect(copy['nested']).not.toBe(data.nested);
  });

  it('given integer-like keys, when copied, then the copy holds the same members and canonicalises as the original', () => {
    const data = { b: 1, '10': 'x', '2': { z: 1, a: 2 } };
    expect(canonicalJson(cloneJson(data))).toBe(canonicalJson(data));
  });
});
