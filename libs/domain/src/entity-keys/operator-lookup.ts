// What of a lead's entities the operator register can be looked up by: the register keeps canonical USCCs
// and domains and a platform + shop id per shop, so a lead naming any of them shows the registered operator.
import { normaliseDomain } from './domain.js';
import { parseMarketplaceUrl } from './marketplace-url.js';
import { normaliseUscc } from './uscc.js';

export interface OperatorLookup {
  usccs: string[];
  domains: string[];
  shops: { platform: string; shopId: string }[];
}

// The names clerks write for the marketplaces whose shop URLs the correlation parses (淘宝 → taobao …).
const MARKETPLACE_NAMES: Readonly<Record<string, string>> = { 淘宝: 'taobao', 天猫: 'tmall', 京东: 'jd', 拼多多: 'pinduoduo', 抖音: 'douyin', 抖店: 'douyin' };

/** A register entry's platform as the shop-URL parser names it (taobao, tmall, jd …); other names as written, trimmed. */
export function canonicalPlatform(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  return MARKETPLACE_NAMES[trimmed] ?? trimmed.toLowerCase();
}

/** Pure: canonical look-up keys of entities `[{kind, value}]`; values that do not parse are left out. */
export function operatorLookupOf(entities: readonly { kind: string; value: string }[]): OperatorLookup {
  const lookup: OperatorLookup = { usccs: [], domains: [], shops: [] };
  for (const { kind, value } of entities) {
    if (kind === 'uscc') {
      const parsed = normaliseUscc(value);
      if (parsed.ok) lookup.usccs.push(parsed.value.canonical);
    } else if (kind === 'domain') {
      const parsed = normaliseDomain(value);
      if (parsed.ok) lookup.domains.push(parsed.value.canonical);
    } else if (kind === 'shop_url' || kind === 'listing_url') {
      const parsed = parseMarketplaceUrl(value);
      if (parsed.ok && parsed.value.kind === 'shop') lookup.shops.push({ platform: parsed.value.platform, shopId: parsed.value.id });
      else if (kind === 'shop_url' && !parsed.ok) {
        // A self-run site's shop URL: its host is the operator's domain.
        const domain = normaliseDomain(value);
        if (domain.ok) lookup.domains.push(domain.value.canonical);
      }
    }
  }
  return lookup;
}
