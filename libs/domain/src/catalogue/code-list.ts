/**
 * Helpers shared by every code list. A code list is an `as const` tuple (the order is the order a UI
 * shows), a union type derived from it, a guard and a Chinese label per code. The guard takes
 * `unknown` because codes arrive in JSON from departmental systems and must be checked before use.
 */
export type CodeGuard<T extends string> = (value: unknown) => value is T;

/** Builds a guard backed by a Set so that checking 10,000 events stays O(1) per code. */
export function codeGuard<T extends string>(codes: readonly T[]): CodeGuard<T> {
  const known = new Set<string>(codes);
  return (value: unknown): value is T => typeof value === 'string' && known.has(value);
}
