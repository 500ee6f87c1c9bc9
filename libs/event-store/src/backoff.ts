/** A doubling back-off: `min` ms after the first failure, twice that after each further one, never above `max`. */
export interface Backoff {
  min: number;
  max: number;
}

/** The wait after the `failures`-th failure in a row (1-based). */
export function backoffMs({ min, max }: Backoff, failures: number): number {
  return Math.min(max, min * 2 ** Math.min(Math.max(failures, 1) - 1, 20));
}
