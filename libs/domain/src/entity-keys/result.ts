// Shared plumbing for the entity-key normalisers: a tiny result type and input cleaning.
// Normalisers never throw on bad input, because a single malformed entity must not abort
// the ingestion of an otherwise useful lead; callers decide what to do with the error.

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): Parsed<T> {
  return { ok: false, error };
}

// Zero-width characters and BOMs survive copy-paste from spreadsheets and chat apps and are
// invisible to the people reporting leads, so they must never make two keys differ.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * NFKC folds full-width forms (１２３, ＡＢＣ, （）, ：, －) that Chinese input methods
 * produce into their ASCII equivalents, so "９１１１..." and "9111..." become the same key.
 */
export function cleanText(raw: string): string {
  // ASCII is its own NFKC form and holds no invisible character: only the trim is left to do.
  return ASCII.test(raw) ? raw.trim() : raw.normalize('NFKC').replace(INVISIBLE, '').trim();
}

// eslint-disable-next-line no-control-regex -- every ASCII character, controls included
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Quotes user input for an error message. Error messages must stay ASCII (they end up in
 * logs and API responses read by non-Chinese tooling), so non-ASCII is \u-escaped and long
 * input is truncated rather than echoed verbatim.
 */
export function quote(raw: string, max = 40): string {
  const short = raw.length > max ? `${raw.slice(0, max)}...` : raw;
  return JSON.stringify(short).replace(/[^\x20-\x7E]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
