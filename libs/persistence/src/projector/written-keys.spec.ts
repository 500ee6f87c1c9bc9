import { describe, expect, it } from '@jest/globals';
import { WrittenKeys } from './written-keys.js';

const leadKey = (n: number): string => `samr/653100\u0000L-${n}`;

describe('WrittenKeys', () => {
  it('given tracking from empty tables, when keys were written, then none of them is ever called absent', () => {
    const keys = new WrittenKeys(16);
    keys.start();
    for (let n = 0; n < 5_000; n++) keys.add(n % 3, leadKey(n));

    const absent = Array.from({ length: 5_000 }, (_, n) => keys.absent(n % 3, leadKey(n))).filter(Boolean);

    expect(absent).toEqual([]);
  });

  it('given tracking from empty tables, when other keys are asked about, then almost all are known absent', () => {
    const keys = new WrittenKeys(16);
    keys.start();
    for (let n = 0; n < 5_000; n++) keys.add(0, leadKey(n));

    const notWritten = Array.from({ length: 10_000 }, (_, n) => keys.absent(0, leadKey(5_000 + n))).filter(Boolean).length;

    // 5,000 keys in 2^16 bits with four probes: ~0.2% false "probably written".
    expect(notWritten).toBeGreaterThan(9_900);
  });

  it('given a key written for one model, then it is known absent for another', () => {
    const keys = new WrittenKeys(16);
    keys.start();
    keys.add(0, leadKey(1));

    expect(keys.absent(0, leadKey(1))).toBe(false);
    expect(keys.absent(1, leadKey(1))).toBe(true);
  });

  it('given it was never started, then nothing is known absent', () => {
    const keys = new WrittenKeys(16);
    keys.add(0, leadKey(1));

    expect(keys.absent(0, leadKey(2))).toBe(false);
  });

  it('given tracking, when forgotten (a careful commit, a failure), then nothing is known absent until started again, which starts empty', () => {
    const keys = new WrittenKeys(16);
    keys.start();
    keys.add(0, leadKey(1));
    keys.forget();
    keys.add(0, leadKey(2));
    expect(keys.absent(0, leadKey(3))).toBe(false);

    keys.start();
    expect([keys.absent(0, leadKey(1)), keys.absent(0, leadKey(2))]).toEqual([true, true]);
  });
});
