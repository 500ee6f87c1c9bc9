// Unified social credit code (统一社会信用代码), GB 32100-2015.
// Layout (1-based): 1 registration authority, 2 entity type, 3-8 GB/T 2260 administrative
// division code, 9-17 organisation code, 18 check character.
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

// The code alphabet omits I, O, Z, S, V because they are easily confused with 1, 0, 2, 5, U.
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
const AREA_CODE = /^\d{6}$/;

export interface Uscc {
  readonly canonical: string;
  /** False when character 18 does not match; such leads are flagged, never rejected. */
  readonly checksumValid: boolean;
  /** GB/T 2260 region code of the registering authority (characters 3-8). */
  readonly areaCode: string;
}

/** Computes the check character for the first 17 characters (which must be in the charset). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * weight;
  });
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function normaliseUscc(raw: string): Parsed<Uscc> {
  // Separators are only ever presentation ("9111 0000 ..." / "91110000-600037341L").
  const canonical = cleanText(raw).toUpperCase().replace(/[\s-]/g, '');
  if (canonical.length !== 18) {
    return fail(`USCC must be 18 characters, got ${canonical.length}`);
  }
  if (!USCC_SHAPE.test(canonical)) {
    return fail(`USCC ${quote(canonical)} contains characters outside ${USCC_CHARSET}`);
  }
  const areaCode = canonical.slice(2, 8);
  // The region code is what cross-region correlation keys on; a non-numeric one cannot be a
  // real USCC (the standard fixes these positions to GB/T 2260 digits), so it is a format error.
  if (!AREA_CODE.test(areaCode)) {
    return fail(`USCC characters 3-8 must be a 6-digit region code, got ${quote(areaCode)}`);
  }
  // A wrong check character usually means a typo by the reporting officer; the rest of the
  // lead is still valuable, so we keep it and let the caller flag it.
  const checksumValid = usccCheckChar(canonical) === canonical.charAt(17);
  return ok({ canonical, checksumValid, areaCode });
}
