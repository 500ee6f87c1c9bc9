import { describe, expect, it } from '@jest/globals';
import { StateCache } from './state-cache.js';

describe('StateCache', () => {
  it('evicts the least recently used entries beyond its capacity', () => {
    const cache = new StateCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a'); // a is now the most recent
    cache.set('c', 3);
    expect(cache.trim()).toBe(1);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('keeps everything within capacity', () => {
    const cache = new StateCache<number>(5);
    cache.set('a', 1);
    expect(cache.trim()).toBe(0);
    expect(cache.size).toBe(1);
  });
});
