/**
 * Helpers shared by every code list. A code list is declared once as `{code: Chinese label}` (the order
 * is the order a UI shows); its codes, their union type and a guard are derived from it. The guard takes
 * `unknown` because codes arrive in JSON from departmental systems and must be checked before use.
 */
export type CodeGuard<T extends string> = (value: unknown) => value is T;

/** Builds a guard backed by a Set so that checking 10,000 events stays O(1) per code. */
export function codeGuard<T extends string>(codes: readonly T[]): CodeGuard<T> {
  const known = new Set<string>(codes);
  return (value: unknown): value is T => typeof value === 'string' && known.has(value);
}

/** A code list declared once, as its codes with their Chinese labels in display order. */
export interface CodeList<T extends string> {
  readonly codes: readonly T[];
  readonly is: CodeGuard<T>;
  readonly labels: Readonly<Record<T, string>>;
}

/** Derives the codes (in the labels' order), their guard and the labels from one `{code: label}` declaration. */
export function codeList<const L extends Readonly<Record<string, string>>>(labels: L): CodeList<Extract<keyof L, string>> {
  const codes = Object.keys(labels) as Extract<keyof L, string>[];
  return { codes, is: codeGuard(codes), labels };
}
