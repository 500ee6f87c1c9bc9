// Personal data in handouts (issue 12 §6): the joint-meeting briefing is printed, mailed and archived
// outside the hub, so the phone numbers, platform accounts and waybill numbers it carries (cluster keys,
// free-text reasons) are masked there. Enough stays to recognise a value one already knows — 138****5678
// — but not to call, log in or track a parcel. USCCs, domains and shop URLs name businesses, not people,
// and stay whole. The hub's own screens for investigators (clusters, timelines) keep the full values.
//
// Pure and idempotent: masking a masked value changes nothing, so a renderer may mask what a service
// already masked.

const STAR = '*';

/** Keeps `head` leading and `tail` trailing characters of `value` and stars the rest (same length). */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return STAR.repeat(Math.max(chars.length, 1));
  return chars.slice(0, head).join('') + STAR.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** A mobile keeps its first 3 and last 4 digits (138****5678); a landline its area code and last 4 (0991-***4567). */
export function maskPhone(phone: string): string {
  const landline = /^(0\d{2,3})-(\d+)$/.exec(phone);
  if (landline?.[1] !== undefined && landline[2] !== undefined) return `${landline[1]}-${keepEnds(landline[2], 0, 4)}`;
  return keepEnds(phone, 3, 4);
}

/** An account name keeps its first and last character (zh***8); one of 1–2 characters is only stars. */
export function maskAccount(account: string): string {
  return keepEnds(account, 1, 1);
}

/** A waybill number keeps its first 4 and last 4 characters (SF12*******0123), its carrier prefix whole. */
export function maskWaybill(waybill: string): string {
  const colon = waybill.indexOf(':');
  return colon < 0 ? keepEnds(waybill, 4, 4) : `${waybill.slice(0, colon + 1)}${keepEnds(waybill.slice(colon + 1), 4, 4)}`;
}

/**
 * A correlation key as clusters carry it (`<kind>:<canonical>`, see coordination keyString): phones,
 * platform accounts (`platform_account:<platform>:<account>`, the platform stays) and waybills
 * (`waybill:<carrier>:<number>`) masked, other kinds unchanged.
 */
export function maskEntityKey(key: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (kind === 'phone') return `phone:${maskPhone(value)}`;
  if (kind === 'waybill') return `waybill:${maskWaybill(value)}`;
  if (kind === 'platform_account') {
    const platformEnd = value.indexOf(':');
    return platformEnd < 0 ? `${kind}:${maskAccount(value)}` : `${kind}:${value.slice(0, platformEnd + 1)}${maskAccount(value.slice(platformEnd + 1))}`;
  }
  return key;
}

// Free text (a referral's reason, a remark) may quote a number. Mobiles (optionally +86 / 86, with the
// spaces or hyphens people type: 138 1234 5678) and landlines with an area code are found and masked;
// digits inside a longer number (an order or case number) are left alone.
const MOBILE_IN_TEXT = /(?<![\d*])((?:\+?86[\s-]?)?)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d*])/g;
const LANDLINE_IN_TEXT = /(?<![\d*])(0\d{2,3})[-\s]?([1-9]\d{6,7})(?![\d*])/g;

/** `text` with every phone number in it masked (138****5678, 0991-***4567). */
export function maskPersonalData(text: string): string {
  return text
    .replace(MOBILE_IN_TEXT, (_match, prefix: string, head: string, _middle: string, tail: string) => `${prefix}${head}****${tail}`)
    .replace(LANDLINE_IN_TEXT, (_match, area: string, local: string) => `${area}-${keepEnds(local, 0, 4)}`);
}
