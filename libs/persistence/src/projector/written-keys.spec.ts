import { describe, expect, it } from '@jest/globals';
import { WrittenKeys } from './written-keys.js';

describe('WrittenKeys', () => {
  it('given tracking from empty tables, when a key was written, then only keys never written are known absent', () => {
    const keys = new WrittenKeys(2, 10);
    keys.start();
    keys.add(0, 'samr/653100\u0000L-1');

    expect(keys.absent(0, 'samr/653100\u0000L-1')).toBe(false);
    expect(keys.absent(0, 'samr/653100\u0000L-2')).toBe(true);
    expect(keys.absent(1, 'samr/653100\u0000L-1')).toBe(true);
  });

  it('given it was never started, then nothing is known absent', () => {
    const keys = new WrittenKeys(1, 10);
    keys.add(0, 'a');

    expect(keys.absent(0, 'b')).toBe(false);
  });

  it('given more keys than its capacity, when one more is added, then it forgets everything and knows nothing absent', () => {
    const keys = new WrittenKeys(1, 2);
    keys.start();
    keys.add(0, 'a');
    keys.add(0, 'b');
    keys.add(0, 'b'); // the same key again does not count
    expect(keys.absent(0, 'z')).toBe(true);

    keys.add(0, 'c');

    expect(keys.absent(0, 'z')).toBe(false);
    expect(keys.absent(0, 'a')).toBe(false);
  });

  it('given tracking, when forgotten (a careful commit, a failure), then nothing is known absent until started again', () => {
    const keys = new WrittenKeys(1, 10);
    keys.start();
    keys.forget();
    expect(keys.absent(0, 'a')).toBe(false);

    keys.start();
    expect(keys.absent(0, 'a')).toBe(true);
  });
});
