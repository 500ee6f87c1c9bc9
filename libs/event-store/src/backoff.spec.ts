import { describe, expect, it } from '@jest/globals';
import { backoffMs } from './backoff.js';

describe('backoffMs', () => {
  it('given failures in a row, then the wait doubles from min and stops at max', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((failures) => backoffMs({ min: 500, max: 5_000 }, failures));
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('given a very long run of failures, then the wait is still max (no overflow)', () => {
    expect(backoffMs({ min: 200, max: 30_000 }, 10_000)).toBe(30_000);
  });
});
