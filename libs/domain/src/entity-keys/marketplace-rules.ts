// Per-platform URL shapes for shop and listing pages. Each rule looks only at the host,
// path and the one parameter that carries the id, which is what makes tracking parameters
// (spm, scm, utm_*, pvid, ...), schemes, ports and fragments irrelevant to the key.
// A rule returns undefined when the URL is not a page it recognises.
import { fail, ok, quote, type Parsed } from './result.js';

export type MarketplaceUrlKind = 'shop' | 'listing';

export interface Found {
  readonly kind: MarketplaceUrlKind;
  readonly id: string;
}

export interface UrlParts {
  /** Host labels left of the platform's registrable domain: "item.m" for item.m.jd.com. */
  readonly sub: string;
  /** Path without trailing slashes ("/" for the root). */
  readonly path: string;
  /** Only getAll is read: a plain URL's query is parsed only when a rule asks for a parameter. */
  readonly query: Pick<URLSearchParams, 'getAll'>;
}

export type Rule = (parts: UrlParts) => Parsed<Found> | undefined;

// All five platforms use positive decimal ids for items and (numeric) shops; a leading zero
// would let "0123" and "123" become different keys for the same thing, so it is rejected.
const NUMERIC_ID = /^[1-9]\d{0,19}$/;
// Douyin shop ids in share URLs are short case-sensitive tokens such as "GceCTPIk".
const DOUYIN_SHOP_ID = /^[A-Za-z0-9]{1,32}$/;
// Tmall named shops are a single DNS label, e.g. "nike" in nike.tmall.com.
const SHOP_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Taobao's user_number_id is the seller's user id, a different number space from shop ids.
 * Putting both under the same bare number would correlate unrelated shops, so seller ids
 * get their own prefix and only ever match other seller-id reports.
 */
export const TAOBAO_SELLER_PREFIX = 'seller-';

function fromValue(value: string, kind: MarketplaceUrlKind, what: string, shape = NUMERIC_ID, prefix = ''): Parsed<Found> {
  return shape.test(value) ? ok({ kind, id: `${prefix}${value}` }) : fail(`${what} ${quote(value)} is not a valid id`);
}

function fromParam(
  parts: UrlParts,
  name: string,
  kind: MarketplaceUrlKind,
  shape = NUMERIC_ID,
  prefix = '',
): Parsed<Found> | undefined {
  const values = [...new Set(parts.query.getAll(name))];
  if (values.length > 1) {
    return fail(`URL has conflicting "${name}" parameters`);
  }
  const value = values[0];
  return value === undefined ? undefined : fromValue(value, kind, `"${name}" parameter`, shape, prefix);
}

// The rules' patterns, made once (a literal in a rule makes a new RegExp object on every call).
const TAOBAO_SHOP_HOST = /^shop(\d+)(?:\.m)?$/;
const TAOBAO_SHOP_PAGE_HOST = /^(?:shop|store)(?:\.m)?$/;
const MOBILE_SUFFIX = /\.m$/;
const JD_ITEM_HOST = /^(?:item|item\.m|npcitem|i-item)$/;
const JD_SKU_PATH = /^\/(?:product\/)?(\d+)\.html$/;
const JD_SHOP_HOST = /^(?:mall|shop)(?:\.m)?$/;
const JD_SHOP_PATH = /^\/index-(\d+)\.html$/;
const PDD_GOODS_PATH = /^\/goods\d*\.html$/;
const DOUYIN_PRODUCT_PATH = /^\/views\/product\/[a-z0-9]+$/i;

// item.taobao.com/item.htm, h5.m.taobao.com/awp/core/detail.htm, m.intl.taobao.com/detail/detail.html,
// main.m.taobao.com/detail/index.html - all carry the item id in ?id=.
const ALI_ITEM_PAGE = /\/(?:item|detail)\.html?$|^\/detail\/index\.html$/;
// world.taobao.com/item/123.htm style.
const ALI_ITEM_PATH = /^\/item\/(\d+)\.html?$/;

function aliListing(parts: UrlParts): Parsed<Found> | undefined {
  if (ALI_ITEM_PAGE.test(parts.path)) {
    return fromParam(parts, 'id', 'listing') ?? fail('item page URL has no "id" parameter');
  }
  const inPath = ALI_ITEM_PATH.exec(parts.path)?.[1];
  return inPath === undefined ? undefined : fromValue(inPath, 'listing', 'item id');
}

export const taobao: Rule = (parts) => {
  const listing = aliListing(parts);
  if (listing !== undefined) {
    return listing;
  }
  // shop123456.taobao.com and its mobile twin shop123456.m.taobao.com.
  const shopHost = TAOBAO_SHOP_HOST.exec(parts.sub)?.[1];
  if (shopHost !== undefined) {
    return fromValue(shopHost, 'shop', 'shop id');
  }
  if (TAOBAO_SHOP_PAGE_HOST.test(parts.sub) || parts.path.startsWith('/shop/')) {
    return (
      fromParam(parts, 'shop_id', 'shop') ??
      fromParam(parts, 'user_number_id', 'shop', NUMERIC_ID, TAOBAO_SELLER_PREFIX)
    );
  }
  return undefined;
};

// Service hosts on tmall.com that are not shop names.
const TMALL_RESERVED = new Set([
  'www', 'm', 'h5', 'detail', 'mdetail', 'list', 'shop', 'login', 'buy', 'cart', 'pages', 'search', 's', 'world',
  'err', 'help', 'service', 'vip', 'brand',
]);

export const tmall: Rule = (parts) => {
  const listing = aliListing(parts);
  if (listing !== undefined) {
    return listing;
  }
  // nike.tmall.com and nike.m.tmall.com are the same shop. The name is preferred over a
  // shop_id parameter because the bare subdomain is by far the most commonly reported form.
  const name = parts.sub.replace(MOBILE_SUFFIX, '');
  if (SHOP_NAME.test(name) && !TMALL_RESERVED.has(name)) {
    return fromValue(name, 'shop', 'shop name', SHOP_NAME);
  }
  return fromParam(parts, 'shop_id', 'shop');
};

export const jd: Rule = (parts) => {
  // item.jd.com/123.html, item.m.jd.com/product/123.html, item.jd.hk/123.html, npcitem.jd.hk/123.html.
  if (JD_ITEM_HOST.test(parts.sub)) {
    const sku = JD_SKU_PATH.exec(parts.path)?.[1];
    if (sku !== undefined) {
      return fromValue(sku, 'listing', 'JD sku');
    }
    return parts.path === '/ware/view.action' ? fromParam(parts, 'wareId', 'listing') : undefined;
  }
  if (parts.sub === 'wqitem' && parts.path === '/item/view') {
    return fromParam(parts, 'sku', 'listing');
  }
  // mall.jd.com/index-1000004123.html, shop.m.jd.com/?shopId=1000004123. venderId is a different
  // number space (the merchant account) and is deliberately not accepted as a shop id.
  if (JD_SHOP_HOST.test(parts.sub)) {
    const shopId = JD_SHOP_PATH.exec(parts.path)?.[1];
    return shopId !== undefined ? fromValue(shopId, 'shop', 'JD shop id') : fromParam(parts, 'shopId', 'shop');
  }
  return undefined;
};

// mobile.yangkeduo.com and the pinduoduo.com hosts serve the same pages.
export const pinduoduo: Rule = (parts) => {
  if (PDD_GOODS_PATH.test(parts.path)) {
    return fromParam(parts, 'goods_id', 'listing') ?? fail('goods page URL has no "goods_id" parameter');
  }
  if (parts.path === '/mall_page.html') {
    return fromParam(parts, 'mall_id', 'shop') ?? fail('mall page URL has no "mall_id" parameter');
  }
  return undefined;
};

// haohuo.jinritemai.com/views/product/item2?id=..., /views/shop/index?id=... (or shop_id=).
export const douyin: Rule = (parts) => {
  if (DOUYIN_PRODUCT_PATH.test(parts.path)) {
    return fromParam(parts, 'id', 'listing') ?? fail('product page URL has no "id" parameter');
  }
  if (parts.path === '/views/shop/index') {
    return (
      fromParam(parts, 'shop_id', 'shop', DOUYIN_SHOP_ID) ??
      fromParam(parts, 'id', 'shop', DOUYIN_SHOP_ID) ??
      fail('shop page URL has no "id" or "shop_id" parameter')
    );
  }
  return undefined;
};

// douyin.com pages (videos, live rooms, profiles) do not carry a stable product or shop id.
export const douyinWeb: Rule = () =>
  fail('douyin.com page URLs are not supported; report the haohuo.jinritemai.com product or shop URL');
