// Mainland China telephone numbers: mobiles (11 digits) and fixed lines (area code + local).
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export type PhoneType = 'mobile' | 'landline';

export interface Phone {
  /** Mobile: 11 digits. Landline: "0AAA-NNNNNNN", always with the trunk 0 and one hyphen. */
  readonly canonical: string;
  readonly type: PhoneType;
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes are 010 and 020-029 (3 digits) or 0 + three digits starting 3-9 (4 digits).
// Knowing which is which lets "09911234567", "0991-1234567" and "(0991)1234567" agree even
// though the separator the reporter typed was stripped. A local number starting with 0 would
// be a doubled trunk prefix, i.e. a typo, so it is rejected.
const LANDLINE = /^(010|02\d|0[3-9]\d\d)([1-9]\d{6,7})$/;
// An explicit international prefix; the country code itself may then be followed by a
// landline without its trunk 0 ("+86 10 12345678") or, informally, with it ("+86 (0)10 ...").
const INTERNATIONAL = /^(?:\+|00)86(\d+)$/;

export function normalisePhone(raw: string): Parsed<Phone> {
  const cleaned = cleanText(raw).replace(/[\s\-()]/g, '');
  if (cleaned === '') {
    return fail('phone number is empty');
  }
  const intl = INTERNATIONAL.exec(cleaned);
  if (intl?.[1] !== undefined) {
    const rest = intl[1];
    return classify(MOBILE.test(rest) ? rest : rest.replace(/^0?/, '0'), raw);
  }
  // A bare "86" is only a country code if the rest is a full mobile number; otherwise it may
  // be the start of something else and must not be eaten.
  if (/^86\d{11}$/.test(cleaned)) {
    return classify(cleaned.slice(2), raw);
  }
  return classify(cleaned, raw);
}

function classify(digits: string, raw: string): Parsed<Phone> {
  if (MOBILE.test(digits)) {
    return ok({ canonical: digits, type: 'mobile' });
  }
  const landline = LANDLINE.exec(digits);
  if (landline?.[1] !== undefined && landline[2] !== undefined) {
    // 3-digit area codes (Beijing, 02x cities) only have 8-digit local numbers.
    if (landline[1].length === 4 || landline[2].length === 8) {
      return ok({ canonical: `${landline[1]}-${landline[2]}`, type: 'landline' });
    }
  }
  return fail(
    `phone ${quote(raw)} is neither a mainland mobile (1[3-9] + 9 digits) nor a landline (0 + area code + 7-8 digits)`,
  );
}
