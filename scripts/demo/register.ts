// Demo data for the operator register and the product focus codes, drawn from their own seeded PRNG so the rest
// of the demo campaign (leads, referrals, cases) is the same as before they existed. Pure: no I/O.
import { PRODUCT_CATEGORIES, usccCheckChar, USCC_CHARSET } from '@hub/domain';

/** The plan's focus products a lead of each violation category is usually about. */
const PRODUCTS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  counterfeit: ['clothing_shoes', 'cosmetics', 'vehicles_parts', 'furniture_home', 'cameras', 'elderly_children'],
  illegal_advertising: ['food', 'drugs', 'medical_devices', 'cosmetics'],
  food_safety: ['food'],
  drug_online_sales: ['drugs', 'epidemic_supplies'],
  device_online_sales: ['medical_devices', 'epidemic_supplies'],
  device_platform_obligation: ['medical_devices'],
  cosmetics_online_sales: ['cosmetics'],
  consumer_rights: ['elderly_children', 'furniture_home', 'clothing_shoes', 'other'],
  improper_pricing: ['food', 'clothing_shoes', 'other'],
};

/** A product focus code for a demo lead of `category` (a third of the other categories' leads name none). */
export function demoProduct(random: () => number, category: string): { productCategory?: string } {
  const choices = PRODUCTS_BY_CATEGORY[category];
  if (choices) return { productCategory: choices[Math.floor(random() * choices.length)] ?? 'other' };
  return random() < 0.66 ? { productCategory: PRODUCT_CATEGORIES[Math.floor(random() * PRODUCT_CATEGORIES.length)] ?? 'other' } : {};
}

export interface RegisterEvent {
  name: string;
  type: string;
  subject: string;
  day: number;
  data: Record<string, unknown>;
}

function demoUscc(random: () => number, region: string): string {
  const body = `91${region}${Array.from({ length: 9 }, () => USCC_CHARSET[Math.floor(random() * 10)] ?? '0').join('')}`;
  return `${body}${usccCheckChar(body)}`;
}

const pickOne = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const DISPLAY = (random: () => number): string => (random() < 0.7 ? 'shown' : 'missing');

/**
 * A unit's register entries: market regulation registers the shared operators of its region (shops on Taobao, as
 * the demo's leads name them, so leads show the registered operator) and a platform or two; telecom surveys its
 * region's IDC, access and CDN providers. About a third of the entries with something missing are updated later.
 */
export function demoRegister(random: () => number, department: string, region: string, shops: readonly { uscc: string; shop: string }[]): RegisterEvent[] {
  const entries: RegisterEvent[] = [];
  const register = (id: string, day: number, data: Record<string, unknown>): void => {
    entries.push({ name: `operator:${id}`, type: 'operator.registered', subject: `operator/${id}`, day, data: { ...data, region } });
    if (data['markDisplay'] === 'missing' && random() < 0.35) {
      entries.push({ name: `operator:${id}:updated`, type: 'operator.updated', subject: `operator/${id}`, day: day + 10 + Math.floor(random() * 30), data: { note: '经行政指导已公示亮标', markDisplay: 'shown' } });
    }
  };
  if (department === 'samr') {
    shops.forEach((operator, index) => {
      const shopId = /shop(\d+)\./.exec(operator.shop)?.[1] ?? String(index);
      register(`OP-S-${index + 1}`, Math.floor(random() * 40), {
        kind: 'platform_shop',
        name: `${pickOne(random, ['某某服饰', '某某美妆', '某某母婴', '某某家居', '某某数码'])}专营店${index + 1}`,
        uscc: operator.uscc,
        platform: '淘宝',
        shopId,
        licenceDisplay: DISPLAY(random),
        permitDisplay: random() < 0.5 ? 'not_required' : DISPLAY(random),
        markDisplay: DISPLAY(random),
      });
    });
    const kind = pickOne(random, ['platform', 'app', 'mini_program', 'self_run_site']);
    register('OP-P-1', Math.floor(random() * 20), {
      kind,
      ...(kind === 'platform' ? { selfOperatedLabelling: pickOne(random, ['labelled', 'unlabelled', 'no_self_operated']) } : {}),
      name: '本地生活服务平台',
      selfDeclared: true,
      licenceDisplay: DISPLAY(random),
      permitDisplay: 'not_required',
      markDisplay: DISPLAY(random),
    });
  }
  if (department === 'telecom') {
    (['idc', 'access_provider', 'cdn'] as const).forEach((kind, index) => {
      if (random() < 0.7) {
        register(`OP-T-${index + 1}`, 20 + Math.floor(random() * 40), {
          kind,
          name: `${kind === 'idc' ? '某某数据中心' : kind === 'cdn' ? '某某内容分发' : '某某宽带接入'}（${region}）`,
          licenceDisplay: 'shown',
          permitDisplay: DISPLAY(random),
          markDisplay: 'not_required',
          domain: `${kind.replace("_", "-")}-${region}.example.cn`,
          icpFiling: `新ICP备${region}${index + 10}号-1`,
          uscc: demoUscc(random, region),
        });
      }
    });
  }
  return entries;
}
