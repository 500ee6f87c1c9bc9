import { describe, expect, it } from '@jest/globals';
import { domainToASCII } from 'node:url';
import { normaliseDomain } from './domain.js';
import { normaliseMarketplaceUrl } from './marketplace-url.js';
import { plainHttpUrl, readUrl, readUrlWhatwg } from './plain-url.js';
import { cleanText } from './result.js';

// mulberry32: the same corpus on every run, so a failure names an input that can be replayed.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each part as [the shapes reporters send, adversarial ones]: a value takes each part from the first list mostly,
// so most of the corpus is plain (and read without the parser) and most of the rest is one odd piece away from it.
type Choices = readonly [plain: readonly string[], odd: readonly string[]];
const SCHEMES: Choices = [
  ['', '', 'https://', 'https://', 'http://', 'HTTPS://', 'Http://', 'HtTpS://', '//'],
  [
    'https:///', 'https:/', 'https:', 'http:\\\\', 'https:\\', 'ftp://', 'taobao://', 'https//', 'htps://', ' https://', 'https://\t', 'javascript:',
    'http://user@', 'https://user:pw@', 'https://@', 'https://:@', '///', '\\\\', 'https://%20',
  ],
];
const LABELS: Choices = [
  [
    'shop123456', 'shop100001', 'shop', 'store', 'm', 'item', 'detail', 'world', 'h5', 'nike', 'mall', 'npcitem', 'i-item', 'wqitem', 'mobile',
    'haohuo', 'www', 'chaoshi', 'a', 'x1', '0', '012', '99', 'xn-', '-shop', 'shop-', '-', '--', 'a--b', 'SHOP123', 'Nike', 'a'.repeat(63), 'com',
    'cn', 'hk', '123e', '1e3', 'xnn--a', 'x-n--a',
  ],
  [
    '0x7f', '0X1A', 'xn--fsqu00a', 'XN--fiqs8s', 'xn--zz', 'Xn--', 'xn--', 'my_shop', 'a%41', '%2e', '例子', '淘宝', 'ｔａｏｂａｏ', 'ß', 'İ', 'ﬁ',
    'b'.repeat(64), '', '[::1]', '[v1.x]', 'a\u00ad', 'a\u200b', 'sha\u0301', 'a*b', 'a!b', 'a~b', 'a$b', 'a=b', 'a+b', 'a,b', 'a;b', "a'b",
    'a(b)', 'a&b', 'a^b', 'a|b', 'a{b}', 'a`b', 'a"b', 'a<b>', 'a]b', '0x', '0xg', '08', '09',
  ],
];
const DOMAINS: Choices = [
  [
    'taobao.com', 'tmall.com', 'tmall.hk', 'jd.com', 'jd.hk', 'yangkeduo.com', 'pinduoduo.com', 'jinritemai.com', 'haohuo.snssdk.com', 'douyin.com',
    'tb.cn', '3.cn', 'u.jd.com', 'v.douyin.com', 's.click.taobao.com', 'example.com', 'example.cn', 'eviltaobao.com', 'TAOBAO.COM', 'JD.com',
    'example.c', 'localhost', 'com', 'a.b', 'x.y-', 'y.-z', 'a.b1', 'A.B1', 'a.b-1',
    `${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.com`,
  ],
  [
    '10.0.0.1', '192.168.1.1', '1.2.3.04', '0x7f.1', '127.1', '999.1.1.1', 'example.123', 'a.1b', 'a.0x1f', 'a.0X', 'taobao.com.', 'taobao.com..',
    '.taobao.com', 'taobao..com', 'xn--fsqu00a.xn--fiqs8s', 'xn--pdrx01i.com', '例子.中国', 'ｊｄ．ｃｏｍ', 'taobao。com', 'taobao．com',
    `${'g'.repeat(63)}.${'h'.repeat(63)}.${'i'.repeat(63)}.${'j'.repeat(63)}.com`,
  ],
];
const PORTS: Choices = [
  ['', '', '', '', ':443', ':80', ':8080', ':0443', ':00080', ':0', ':65535', ':1'],
  [':', ':00000080', ':65536', ':99999', ':123456', ':abc', ':8080x', ': 80', ':-1', ':+80', ':8080:', ':80@x'],
];
const SEGMENTS: Choices = [
  [
    '', 'item.htm', 'item.html', 'detail.htm', 'detail', 'index.html', '100012043978.html', 'product', 'index-1000004123.html', 'views', 'shop',
    'shop_index.htm', 'goods.html', 'goods1.html', 'mall_page.html', 'item2', 'index', 'ware', 'view.action', 'item', 'view', '623456789012.htm',
    '...', '.a', 'a.', 'a;b', 'a=b', 'a&b', 'a+b', 'a@b', 'a:b', '~x', "!$*,()'", '[x]', 'C:', 'ABC', 'a-b_c',
  ],
  ['.', '..', '%2e', '.%2E', '%2e%2e', '%41', '%zz', '%', 'a b', 'a\tb', 'a\nb', '路径', '%E8%B7%AF', 'a"b', 'a<b>', 'a`b', '{x}', 'a^b', 'a|b', 'a\\b'],
];
const QUERIES: Choices = [
  [
    '', '', '?', '?id=623456789012', '?id=1&id=2', '?id=1&id=1', '?id=0123', '?id=abc', '?spm=a1z10.1-c.0.0', '?shop_id=123456',
    '?user_number_id=2200123456', '?shopId=1000004123', '?venderId=1', '?goods_id=123456789', '?mall_id=987654', '?wareId=100012043978', '?sku=1',
    '?id=GceCTPIk', '?shop_id=GceCTPIk&id=x', '?id=ab%2Fcd', '?id=%31%32', '?id=1+2', '?id=1`', '?id={1}', '?id=1^', '?id=1|', '?id=\\1', '?id=%',
    '?id=%zz', '?id=1%00', '??id=1', '?&&id=2&', '?id', '?=1', '?id=1;id=2', '?ID=1', '?id=%E6%B7%98', '?id=1/2?3', '?id=a@b:c',
  ],
  ['?id=a b', '?id="1"', "?id='1'", '?id=<1>', '?id=淘宝', '?id=\t1', '?id=\u007f', '?id=\u0000'],
];
const FRAGMENTS: Choices = [
  ['', '', '', '#', '#top', '#/home', '#?id=1', '##', '#%zz', '#a"b', '#a`b', '#<x>'],
  ['#a b', '#淘宝', '#\u0000', '#\u007f', '#\t'],
];
const WRAPPERS: readonly [plain: readonly ((url: string) => string)[], odd: readonly ((url: string) => string)[]] = [
  [(url) => url, (url) => ` ${url} `, (url) => `\u200b${url}`, (url) => `${url}\ufeff`, (url) => `\t${url}\n`, (url) => url.toUpperCase()],
  [(url) => url.replace(/\./g, '．'), (url) => url.replace('/', '\\'), (url) => `${url}\u0000`, (url) => url.replace('.', '\u3002'), (url) => url.replace('/', '／')],
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One of the plain shapes most of the time, an odd one with probability `odd`. */
function part<T>(random: () => number, [plain, oddOnes]: readonly [readonly T[], readonly T[]], odd: number): T {
  return pick(random, random() < odd ? oddOnes : plain);
}

/** A reported value: the shapes reporters send, or (half the time) one with adversarial pieces mixed into its parts. */
function corpusValue(random: () => number): string {
  const odd = random() < 0.5 ? 0 : 0.15;
  const labels = Array.from({ length: Math.floor(random() * 3) }, () => part(random, LABELS, odd));
  const host = random() < 0.7 ? [...labels, part(random, DOMAINS, odd)].join('.') : [...labels, part(random, LABELS, odd)].join('.');
  const segments = random() < 0.2 ? '' : `/${Array.from({ length: Math.floor(random() * 4) }, () => part(random, SEGMENTS, odd)).join('/')}`;
  const value = `${part(random, SCHEMES, odd)}${host}${part(random, PORTS, odd)}${segments}${part(random, QUERIES, odd)}${part(random, FRAGMENTS, odd)}`;
  return part(random, WRAPPERS, odd)(value);
}

const CORPUS_SIZE = 60_000;
const corpus = (() => {
  const random = generator(20_211_208);
  return Array.from({ length: CORPUS_SIZE }, () => corpusValue(random));
})();

// Every place a plain read could differ from the parser's, as in the corpus, named: the cases a reader
// of this spec would ask about first, and a corpus change cannot drop.
const NAMED = [
  'https://shop123456.taobao.com/?spm=a1z10.1-c.0.0', 'item.jd.com/100012043978.html', 'HTTPS://NIKE.TMALL.COM:443/', 'http://shop123456.taobao.com',
  'https://item.taobao.com/item.htm?id=623456789012&id=623456789012', 'https://haohuo.jinritemai.com/views/shop/index?id=ab%2Fcd',
  'https://xn--fsqu00a.xn--fiqs8s/', 'https://例子.中国/路径', 'https://user:pass@example.com/', 'http://[::1]/', 'http://10.0.0.1/admin',
  'http://0x7f.1/', 'https://taobao.com./', 'https://a..b/', 'https:\\\\item.jd.com\\1.html', 'https://item.jd.com/a/../1.html',
  'https://item.jd.com/%2e/1.html', 'https://item.jd.com:99999/1.html', 'https://item.jd.com:/1.html', 'https:///item.jd.com/1.html',
  'https://item.jd.com/1.html?id=a b', 'https://exa mple.com', 'https://ex%41mple.com/', 'https://my_shop.example.com/', '-shop.example.com',
  'https://item.jd.com/a^b|c', 'https://item.jd.com/?q="x"', '//example.com/path',
];

describe('plainHttpUrl', () => {
  describe('given the corpus and the named cases, prefixed as the normalisers prefix a value without a scheme', () => {
    // cleanText first, as the normalisers do: the plain path never sees the spaces and invisibles it trims.
    const hrefs = [...NAMED, ...corpus].flatMap((raw) => {
      const value = cleanText(raw);
      return [value, `https://${value.replace(/^\/\//, '')}`, `http://${value}`];
    });

    it('when it reads a URL, then hostname, pathname, query and parameters are what new URL gives, and the host is its own ASCII form', () => {
      let read = 0;
      const differing: unknown[] = [];
      for (const href of hrefs) {
        const plain = plainHttpUrl(href);
        if (plain === undefined) continue;
        read++;
        const url = new URL(href);
        const mine = [plain.hostname, plain.pathname, plain.search, JSON.stringify([...new URLSearchParams(plain.search)]), domainToASCII(plain.hostname)];
        const parsers = [url.hostname, url.pathname, url.search, JSON.stringify([...url.searchParams]), url.hostname];
        if (mine.some((part, i) => part !== parsers[i])) differing.push({ href, mine, parsers });
      }
      expect(differing.slice(0, 40)).toEqual([]);
      // The corpus must exercise the plain path (~44k of its ~180k URLs), not only the fallback (and the reverse, below).
      expect(read).toBeGreaterThan(hrefs.length / 5);
      expect(read).toBeLessThan(hrefs.length);
    });

    it('when new URL refuses a URL, then plainHttpUrl does not read it either', () => {
      const refused = hrefs.filter((href) => readUrlWhatwg(href) === undefined);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.filter((href) => plainHttpUrl(href) !== undefined).slice(0, 10)).toEqual([]);
    });
  });

  describe('given the shapes it leaves to the WHATWG parser', () => {
    it.each([
      ['punycode', 'https://xn--fsqu00a.xn--fiqs8s/'],
      ['a non-ASCII host', 'https://例子.中国/'],
      ['a percent-escape in the host', 'https://ex%41mple.com/'],
      ['a percent-escape in the path', 'https://item.jd.com/%31.html'],
      ['user-info', 'https://user@example.com/'],
      ['IPv6', 'http://[::1]/'],
      ['IPv4', 'http://10.0.0.1/'],
      ['a hexadecimal IPv4 label', 'http://a.0x7f/'],
      ['a backslash', 'https:\\\\example.com/'],
      ['whitespace', 'https://example.com/a b'],
      ['a dot segment', 'https://example.com/a/../b'],
      ['a port over 65535', 'https://example.com:65536/'],
      ['an empty port', 'https://example.com:/'],
      ['a trailing dot', 'https://example.com./'],
      ['a third slash', 'https:///example.com/'],
      ['another scheme', 'ftp://example.com/'],
    ])('when the URL has %s, then plainHttpUrl leaves it (undefined)', (_label, href) => {
      expect(plainHttpUrl(href)).toBeUndefined();
    });

    it('when the URL is plain, then it is read without the parser', () => {
      expect(plainHttpUrl('HTTPS://Shop123456.TaoBao.com:8080/a/b.html?spm=a1z10.1-c.0.0&id=%31#top')).toEqual({
        hostname: 'shop123456.taobao.com',
        pathname: '/a/b.html',
        search: '?spm=a1z10.1-c.0.0&id=%31',
      });
    });
  });
});

describe('the normalisers with the plain path and with the WHATWG parser alone', () => {
  describe('given the corpus and the named cases', () => {
    const values = [...NAMED, ...corpus];

    it('when a value is normalised as a shop or listing URL, then the result or error is the same either way', () => {
      const differing: unknown[] = [];
      for (const value of values) {
        for (const claimed of ['shop', 'listing'] as const) {
          const mine = JSON.stringify(normaliseMarketplaceUrl(value, claimed, readUrl));
          const parsers = JSON.stringify(normaliseMarketplaceUrl(value, claimed, readUrlWhatwg));
          if (mine !== parsers) differing.push({ value, claimed, mine, parsers });
        }
      }
      expect(differing.slice(0, 10)).toEqual([]);
    });

    it('when a value is normalised as a domain, then the result or error is the same either way', () => {
      const differing: unknown[] = [];
      for (const value of values) {
        const mine = JSON.stringify(normaliseDomain(value, readUrl));
        const parsers = JSON.stringify(normaliseDomain(value, readUrlWhatwg));
        if (mine !== parsers) differing.push({ value, mine, parsers });
      }
      expect(differing.slice(0, 10)).toEqual([]);
    });

    it('when the corpus is normalised, then it holds keys and errors of every kind (it tests something)', () => {
      const outcomes = new Set(values.map((value) => {
        const result = normaliseMarketplaceUrl(value, 'shop');
        return result.ok ? result.value.platform : result.error.replace(/".*"|\(.*\)|\d+/g, '');
      }));
      expect(outcomes.size).toBeGreaterThan(15);
      expect(values.filter((value) => normaliseDomain(value).ok).length).toBeGreaterThan(values.length / 10);
    });
  });
});
