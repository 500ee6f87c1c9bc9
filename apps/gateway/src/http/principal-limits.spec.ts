import { describe, expect, it } from '@jest/globals';
import { PrincipalLimits } from './principal-limits.js';

const clock = (): { now: () => number; advance: (ms: number) => void } => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
};

describe('PrincipalLimits', () => {
  it('given a burst of 3 at 1/s, when a 4th request comes at once, then it is refused for rate with Retry-After 1', () => {
    const time = clock();
    const limits = new PrincipalLimits({ ratePerSecond: 1, burst: 3, concurrency: 10 }, time.now);
    for (let i = 0; i < 3; i++) {
      const admission = limits.admit('samr/653100');
      expect(admission.ok).toBe(true);
      if (admission.ok) admission.release();
    }
    expect(limits.admit('samr/653100')).toEqual({ ok: false, reason: 'rate', retryAfterSeconds: 1 });
  });

  it('given an emptied bucket, when time passes, then it refills at the rate and never beyond the burst', () => {
    const time = clock();
    const limits = new PrincipalLimits({ ratePerSecond: 2, burst: 2, concurrency: 10 }, time.now);
    for (let i = 0; i < 2; i++) expect(limits.admit('coordinator').ok).toBe(true);
    expect(limits.admit('coordinator').ok).toBe(false);
    time.advance(500); // one token back
    expect(limits.admit('coordinator').ok).toBe(true);
    expect(limits.admit('coordinator').ok).toBe(false);
    time.advance(60_000);
    expect([limits.admit('coordinator').ok, limits.admit('coordinator').ok, limits.admit('coordinator').ok]).toEqual([true, true, false]);
  });

  it('given a slow rate, when refused, then Retry-After covers the wait for one token', () => {
    const time = clock();
    const limits = new PrincipalLimits({ ratePerSecond: 0.2, burst: 1, concurrency: 10 }, time.now);
    expect(limits.admit('auditor').ok).toBe(true);
    expect(limits.admit('auditor')).toMatchObject({ ok: false, retryAfterSeconds: 5 });
  });

  it('given requests in flight up to the concurrency, when one more comes, then it is refused until one is released (released twice counts once)', () => {
    const limits = new PrincipalLimits({ ratePerSecond: 1_000, burst: 1_000, concurrency: 2 }, clock().now);
    const first = limits.admit('police/650100');
    const second = limits.admit('police/650100');
    expect(limits.admit('police/650100')).toEqual({ ok: false, reason: 'concurrency', retryAfterSeconds: 1 });
    if (!first.ok || !second.ok) throw new Error('expected both admitted');
    first.release();
    first.release();
    expect(limits.admit('police/650100').ok).toBe(true);
    expect(limits.admit('police/650100').ok).toBe(false);
  });

  it('given one principal at its limit, when another asks, then the other is admitted (limits are per principal)', () => {
    const limits = new PrincipalLimits({ ratePerSecond: 1, burst: 1, concurrency: 1 }, clock().now);
    expect(limits.admit('samr/653100').ok).toBe(true);
    expect(limits.admit('samr/653100').ok).toBe(false);
    expect(limits.admit('police/650100').ok).toBe(true);
  });
});
