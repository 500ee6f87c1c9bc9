// Per-principal request limits: a token bucket for the rate and a counter of requests in flight. Pure
// bookkeeping (the clock is injected) so the rules are unit-tested; the HTTP edge applies them before a
// body is read, so one principal cannot tie up the gateway for everyone else.

export interface RequestLimits {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once above the sustained rate (the bucket's size). */
  burst: number;
  /** Requests of one principal being served at the same time. */
  concurrency: number;
}

/**
 * Generous on purpose: the demo, the fuzzing suite (10,000 sequential submissions) and a joint meeting's
 * browsers stay far below them; a runaway script or a stolen key does not.
 */
export const DEFAULT_LIMITS: RequestLimits = { ratePerSecond: 500, burst: 1_000, concurrency: 64 };

export type Admission = { ok: true; release: () => void } | { ok: false; reason: 'rate' | 'concurrency'; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  refilledAt: number;
  inFlight: number;
}

export class PrincipalLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limits: RequestLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits one request of `principal`, or says why not and when to retry (whole seconds, at least 1). */
  admit(principal: string): Admission {
    const bucket = this.refill(principal);
    if (bucket.inFlight >= this.limits.concurrency) return { ok: false, reason: 'concurrency', retryAfterSeconds: 1 };
    if (bucket.tokens < 1) {
      const seconds = (1 - bucket.tokens) / this.limits.ratePerSecond;
      return { ok: false, reason: 'rate', retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
    }
    bucket.tokens -= 1;
    bucket.inFlight += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return; // 'finish' and 'close' may both fire
        released = true;
        bucket.inFlight -= 1;
      },
    };
  }

  private refill(principal: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(principal);
    if (!bucket) {
      bucket = { tokens: this.limits.burst, refilledAt: now, inFlight: 0 };
      this.buckets.set(principal, bucket); // principals are the token registry's: a bounded set
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.refilledAt) / 1_000;
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + elapsed * this.limits.ratePerSecond);
    bucket.refilledAt = now;
    return bucket;
  }
}
