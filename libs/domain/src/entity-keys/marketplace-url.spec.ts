import { describe, expect, it } from '@jest/globals';
import { normaliseMarketplaceUrl, parseMarketplaceUrl, TAOBAO_SELLER_PREFIX } from './marketplace-url.js';

function canonicalOf(url: string): string {
  const result = parseMarketplaceUrl(url);
  if (!result.ok) {
    throw new Error(`expected ${url} to parse, got: ${result.error}`);
  }
  return result.value.canonical;
}

describe('parseMarketplaceUrl', () => {
  describe('given listing URLs', () => {
    it.each([
      ['https://item.taobao.com/item.htm?id=623456789012&spm=a21bo.jianhua.201876.1', 'taobao:listing:623456789012'],
      ['https://h5.m.taobao.com/awp/core/detail.htm?id=623456789012', 'taobao:listing:623456789012'],
      ['https://m.intl.taobao.com/detail/detail.html?id=623456789012', 'taobao:listing:623456789012'],
      ['https://world.taobao.com/item/623456789012.htm', 'taobao:listing:623456789012'],
      ['https://detail.tmall.com/item.htm?id=612345678901&skuId=4567&ali_refid=x', 'tmall:listing:612345678901'],
      ['https://detail.m.tmall.com/item.htm?id=612345678901', 'tmall:listing:612345678901'],
      ['https://chaoshi.detail.tmall.com/item.htm?id=612345678901', 'tmall:listing:612345678901'],
      ['https://detail.tmall.hk/item.htm?id=612345678901', 'tmall:listing:612345678901'],
      ['https://item.jd.com/100012043978.html', 'jd:listing:100012043978'],
      ['https://item.m.jd.com/product/100012043978.html?pvid=abc', 'jd:listing:100012043978'],
      ['https://item.m.jd.com/ware/view.action?wareId=100012043978', 'jd:listing:100012043978'],
      ['https://npcitem.jd.hk/100012043978.html', 'jd:listing:100012043978'],
      ['https://mobile.yangkeduo.com/goods.html?goods_id=123456789&refer_page_name=index', 'pinduoduo:listing:123456789'],
      ['https://mobile.pinduoduo.com/goods1.html?goods_id=123456789', 'pinduoduo:listing:123456789'],
      ['https://haohuo.jinritemai.com/views/product/item2?id=3556789012345678901&origin_type=604', 'douyin:listing:3556789012345678901'],
      ['https://haohuo.snssdk.com/views/product/item?id=3556789012345678901', 'douyin:listing:3556789012345678901'],
    ])('when %s is parsed, then the canonical key is %s', (url, canonical) => {
      expect(canonicalOf(url)).toBe(canonical);
    });
  });

  describe('given shop URLs', () => {
    it.each([
      ['https://shop123456.taobao.com/', 'taobao:shop:123456'],
      ['https://shop123456.m.taobao.com/', 'taobao:shop:123456'],
      ['https://shop.m.taobao.com/shop/shop_index.htm?shop_id=123456', 'taobao:shop:123456'],
      ['https://shop.taobao.com/shop/view_shop.htm?user_number_id=2200123456', `taobao:shop:${TAOBAO_SELLER_PREFIX}2200123456`],
      ['https://nike.tmall.com/', 'tmall:shop:nike'],
      ['https://nike.m.tmall.com/shop/shop_index.htm?spm=a1z10', 'tmall:shop:nike'],
      ['https://shop.m.tmall.com/shop/shop_index.htm?shop_id=104633929', 'tmall:shop:104633929'],
      ['https://mall.jd.com/index-1000004123.html?from=pc', 'jd:shop:1000004123'],
      ['https://shop.m.jd.com/?shopId=1000004123', 'jd:shop:1000004123'],
      ['https://mobile.yangkeduo.com/mall_page.html?mall_id=987654&_x_query=abc', 'pinduoduo:shop:987654'],
      ['https://haohuo.jinritemai.com/views/shop/index?id=GceCTPIk', 'douyin:shop:GceCTPIk'],
      ['https://haohuo.jinritemai.com/views/shop/index?shop_id=GceCTPIk', 'douyin:shop:GceCTPIk'],
    ])('when %s is parsed, then the canonical key is %s', (url, canonical) => {
      expect(canonicalOf(url)).toBe(canonical);
    });

    it('when the URL is parsed, then platform, kind and id are reported separately', () => {
      expect(parseMarketplaceUrl('https://mall.jd.com/index-1000004123.html')).toEqual({
        ok: true,
        value: { platform: 'jd', kind: 'shop', id: '1000004123', canonical: 'jd:shop:1000004123' },
      });
    });
  });

  describe('given two spellings of the same page', () => {
    it.each([
      [
        'the same Taobao shop over https with spm tracking and over plain http',
        'https://shop123456.taobao.com/?spm=a230r.7195193.1997079397.2.abc&scm=1007.1',
        'http://shop123456.taobao.com',
      ],
      [
        'the same JD listing on mobile and desktop',
        'https://item.m.jd.com/product/100012043978.html?utm_source=wechat&utm_medium=share',
        'https://item.jd.com/100012043978.html',
      ],
      [
        'the same Taobao listing with and without tracking parameters',
        'https://item.taobao.com/item.htm?spm=a1z10.1-c.w4004.1&id=623456789012&pvid=xyz&utm_campaign=x',
        'item.taobao.com/item.htm?id=623456789012',
      ],
      [
        'the same Pinduoduo listing on yangkeduo.com and pinduoduo.com',
        'https://mobile.yangkeduo.com/goods.html?goods_id=123456789',
        'http://mobile.pinduoduo.com/goods.html?goods_id=123456789',
      ],
      [
        'the same Tmall shop on mobile and desktop hosts with a fragment',
        'https://nike.m.tmall.com/#/home',
        'HTTPS://NIKE.TMALL.COM:443/',
      ],
    ])('when both are parsed (%s), then they have the same canonical key', (_label, a, b) => {
      expect(canonicalOf(a)).toBe(canonicalOf(b));
    });
  });

  describe('given URLs that cannot be keyed', () => {
    it.each([
      ['an empty value', '', /empty/],
      ['an unknown host', 'https://www.amazon.com/dp/B000', /not a supported marketplace/],
      ['a look-alike host', 'https://item.eviltaobao.com/item.htm?id=1', /not a supported marketplace/],
      ['a non-http scheme', 'taobao://item.taobao.com/item.htm?id=1', /scheme/],
      ['an unparseable URL', 'https://item taobao com/item.htm?id=1', /not a parseable URL/],
      ['a Taobao short link', 'https://m.tb.cn/h.fAbCdE', /short or redirect link/],
      ['a Douyin short link', 'https://v.douyin.com/iJabcd/', /short or redirect link/],
      ['a douyin.com page', 'https://www.douyin.com/video/7000000000000000000', /douyin\.com page URLs/],
      ['a non-numeric item id', 'https://item.taobao.com/item.htm?id=abc', /not a valid id/],
      ['an item id with a leading zero', 'https://item.taobao.com/item.htm?id=0123', /not a valid id/],
      ['a missing item id', 'https://item.taobao.com/item.htm?spm=x', /no "id" parameter/],
      ['conflicting item ids', 'https://item.taobao.com/item.htm?id=1&id=2', /conflicting/],
      ['a Taobao search page', 'https://s.taobao.com/search?q=shoes', /not a recognised shop or listing page/],
      ['a Tmall service host', 'https://list.tmall.com/search_product.htm?q=x', /not a recognised/],
      ['a JD search page', 'https://search.jd.com/Search?keyword=x', /not a recognised/],
      ['a JD shop by venderId only', 'https://shop.m.jd.com/?venderId=1000004123', /not a recognised/],
      ['a Douyin shop id with punctuation', 'https://haohuo.jinritemai.com/views/shop/index?id=ab%2Fcd', /not a valid id/],
      ['a Pinduoduo mall page without mall_id', 'https://mobile.yangkeduo.com/mall_page.html', /no "mall_id"/],
    ])('when it is %s, then it is a format error', (_label, url, message) => {
      const result = parseMarketplaceUrl(url);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(message);
    });
  });
});

describe('normaliseMarketplaceUrl', () => {
  describe('given a URL whose kind matches the claim', () => {
    it('when normalised as a listing, then the listing key is returned', () => {
      const result = normaliseMarketplaceUrl('https://item.jd.com/100012043978.html', 'listing');
      expect(result.ok && result.value.canonical).toBe('jd:listing:100012043978');
    });
  });

  describe('given a URL whose kind contradicts the claim', () => {
    it.each([
      ['https://item.jd.com/100012043978.html', 'shop', /reported as a shop URL but it is a jd listing URL/],
      ['https://shop123456.taobao.com/', 'listing', /reported as a listing URL but it is a taobao shop URL/],
    ] as const)('when %s is claimed as a %s, then the mismatch is the error', (url, claimed, message) => {
      const result = normaliseMarketplaceUrl(url, claimed);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(message);
    });
  });
});
