// Express waybill numbers, reported as "<carrier>:<number>". The carrier is part of the key
// because waybill numbers are only unique within one carrier.
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export const WAYBILL_CARRIERS = ['SF', 'ZTO', 'STO', 'YTO', 'YD', 'EMS', 'JD'] as const;
export type WaybillCarrier = (typeof WAYBILL_CARRIERS)[number];

// Departments type carriers however their own system spells them: pinyin names, common
// English abbreviations, or the Chinese brand name. Keys are matched after uppercasing.
const CARRIER_ALIASES: Readonly<Record<string, WaybillCarrier>> = {
  SHUNFENG: 'SF',
  SFEXPRESS: 'SF',
  '顺丰': 'SF',
  '顺丰速运': 'SF',
  ZHONGTONG: 'ZTO',
  '中通': 'ZTO',
  SHENTONG: 'STO',
  '申通': 'STO',
  YUANTONG: 'YTO',
  '圆通': 'YTO',
  YUNDA: 'YD',
  '韵达': 'YD',
  '邮政EMS': 'EMS',
  JDL: 'JD',
  JINGDONG: 'JD',
  '京东': 'JD',
  '京东物流': 'JD',
};

const NUMBER = /^[A-Z0-9]{8,20}$/;

export interface Waybill {
  readonly carrier: WaybillCarrier;
  readonly number: string;
  /** "<CARRIER>:<NUMBER>", e.g. "SF:SF1234567890123". */
  readonly canonical: string;
}

export function resolveCarrier(raw: string): WaybillCarrier | undefined {
  const code = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  return (WAYBILL_CARRIERS as readonly string[]).includes(code) ? (code as WaybillCarrier) : CARRIER_ALIASES[code];
}

export function normaliseWaybill(raw: string): Parsed<Waybill> {
  // cleanText folds the full-width colon "：" that Chinese input methods produce.
  const text = cleanText(raw);
  const colon = text.indexOf(':');
  if (colon < 0) {
    return fail('waybill must be "<carrier>:<number>", e.g. "SF:SF1234567890123"');
  }
  const carrier = resolveCarrier(text.slice(0, colon));
  if (carrier === undefined) {
    return fail(`waybill carrier ${quote(text.slice(0, colon))} is not one of ${WAYBILL_CARRIERS.join(', ')}`);
  }
  // Spaces and hyphens are only grouping ("SF 1234 5678 9012 3") and never part of the number.
  const number = text.slice(colon + 1).toUpperCase().replace(/[\s-]/g, '');
  if (!NUMBER.test(number)) {
    return fail(`waybill number ${quote(number)} must be 8-20 letters or digits`);
  }
  return ok({ carrier, number, canonical: `${carrier}:${number}` });
}
