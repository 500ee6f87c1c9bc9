// Shop and listing URLs on the major Chinese marketplaces, reduced to "<platform>:<kind>:<id>"
// so that the same shop or item reported from desktop, mobile, http or https, with or
// without tracking parameters, correlates as one key.
import { douyin, douyinWeb, jd, pinduoduo, taobao, tmall, type MarketplaceUrlKind, type Rule } from './marketplace-rules.js';
import { readUrl, type HttpUrl, type UrlReader } from './plain-url.js';
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export type { MarketplaceUrlKind } from './marketplace-rules.js';
export { TAOBAO_SELLER_PREFIX } from './marketplace-rules.js';

export const MARKETPLACE_PLATFORMS = ['taobao', 'tmall', 'jd', 'pinduoduo', 'douyin'] as const;
export type MarketplacePlatform = (typeof MARKETPLACE_PLATFORMS)[number];

export interface MarketplaceRef {
  readonly platform: MarketplacePlatform;
  readonly kind: MarketplaceUrlKind;
  readonly id: string;
  /** "<platform>:<kind>:<id>", e.g. "jd:listing:100012043978". */
  readonly canonical: string;
}

// Registrable domains (matched on label boundaries, so "eviltaobao.com" is not Taobao).
const HOSTS: readonly (readonly [domain: string, platform: MarketplacePlatform, rule: Rule])[] = [
  ['taobao.com', 'taobao', taobao],
  ['tmall.com', 'tmall', tmall],
  ['tmall.hk', 'tmall', tmall],
  ['jd.com', 'jd', jd],
  ['jd.hk', 'jd', jd],
  ['yangkeduo.com', 'pinduoduo', pinduoduo],
  ['pinduoduo.com', 'pinduoduo', pinduoduo],
  ['jinritemai.com', 'douyin', douyin],
  ['haohuo.snssdk.com', 'douyin', douyin],
  ['douyin.com', 'douyin', douyinWeb],
];

// Share/redirect links hide the target; resolving them needs network I/O, which this pure
// module must not do, so the reporter is asked for the resolved URL instead.
const SHORT_LINK_HOSTS = ['tb.cn', '3.cn', 'u.jd.com', 'v.douyin.com', 's.click.taobao.com'];

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const TRAILING_DOT = /\.$/;
const TRAILING_SLASHES = /\/+$/;
const LEADING_SLASHES = /^\/\//;

/**
 * Identifies the platform, page kind and id of a marketplace URL. `read` is how the URL is parsed: the default
 * for every caller; the spec passes the WHATWG parser alone to hold the default to it.
 */
export function parseMarketplaceUrl(raw: string, read: UrlReader = readUrl): Parsed<MarketplaceRef> {
  const url = parseUrl(cleanText(raw), read);
  if (!url.ok) {
    return url;
  }
  const host = url.value.hostname.replace(TRAILING_DOT, '');
  if (isShortLink(host)) {
    return fail(`${quote(host)} is a short or redirect link; report the resolved shop or listing URL`);
  }
  for (const [domain, platform, rule] of HOSTS) {
    const sub = subOf(host, domain);
    if (sub === undefined) {
      continue;
    }
    const path = url.value.pathname.replace(TRAILING_SLASHES, '') || '/';
    const found = rule({ sub, path, query: url.value.searchParams });
    if (found === undefined) {
      return fail(`${platform} URL ${quote(raw, 80)} is not a recognised shop or listing page`);
    }
    if (!found.ok) {
      return fail(`${platform} URL: ${found.error}`);
    }
    const { kind, id } = found.value;
    return ok({ platform, kind, id, canonical: `${platform}:${kind}:${id}` });
  }
  return fail(`host ${quote(host)} is not a supported marketplace (${MARKETPLACE_PLATFORMS.join(', ')})`);
}

/**
 * Like parseMarketplaceUrl, but also checks the URL against the kind the reporter claimed
 * (shop_url vs listing_url): a mismatch usually means the wrong field was filled in, and
 * silently re-filing it would hide that from the reporting department.
 */
export function normaliseMarketplaceUrl(raw: string, claimed: MarketplaceUrlKind, read: UrlReader = readUrl): Parsed<MarketplaceRef> {
  const parsed = parseMarketplaceUrl(raw, read);
  if (parsed.ok && parsed.value.kind !== claimed) {
    const { platform, kind, canonical } = parsed.value;
    return fail(`reported as a ${claimed} URL but it is a ${platform} ${kind} URL (${canonical})`);
  }
  return parsed;
}

function parseUrl(input: string, read: UrlReader): Parsed<HttpUrl> {
  if (input === '') {
    return fail('URL is empty');
  }
  const scheme = SCHEME.exec(input)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return fail(`URL scheme ${quote(scheme)} is not supported (use http or https)`);
  }
  // Reporters often paste "item.jd.com/123.html" without a scheme.
  const url = read(scheme === undefined ? `https://${input.replace(LEADING_SLASHES, '')}` : input);
  return url === undefined ? fail(`${quote(input, 80)} is not a parseable URL`) : ok(url);
}

function isShortLink(host: string): boolean {
  for (const domain of SHORT_LINK_HOSTS) if (subOf(host, domain) !== undefined) return true;
  return false;
}

/** The labels left of `domain` ('' for the domain itself), or undefined if host is not under it. */
function subOf(host: string, domain: string): string | undefined {
  if (host === domain) {
    return '';
  }
  // host.endsWith(`.${domain}`), without a string made per host and domain.
  const dot = host.length - domain.length - 1;
  return dot >= 0 && host.charCodeAt(dot) === 0x2e && host.endsWith(domain) ? host.slice(0, dot) : undefined;
}
