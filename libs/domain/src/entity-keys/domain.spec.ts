import { describe, expect, it } from '@jest/globals';
import { normaliseDomain } from './domain.js';

describe('normaliseDomain', () => {
  describe('given a domain in any of its usual spellings', () => {
    it.each([
      ['example.com'],
      ['Example.COM'],
      ['www.example.com'],
      ['example.com.'],
      ['  example.com  '],
      ['https://www.example.com/shop?id=1#top'],
      ['http://example.com:8080'],
      ['HTTP://WWW.EXAMPLE.COM./path'],
      ['//example.com/path'],
      ['example.com/path/page.html'],
      ['https://user:pass@example.com/'],
    ])('when %s is normalised, then the canonical form is example.com', (input) => {
      expect(normaliseDomain(input)).toEqual({ ok: true, value: { canonical: 'example.com' } });
    });
  });

  describe('given other valid domains', () => {
    it.each([
      ['shop.example.com.cn', 'shop.example.com.cn'],
      ['www.com', 'www.com'],
      ['www.www.example.com', 'www.example.com'],
      ['my-shop123.cn', 'my-shop123.cn'],
      ['例子.中国', 'xn--fsqu00a.xn--fiqs8s'],
      ['https://www.例子.中国/路径', 'xn--fsqu00a.xn--fiqs8s'],
      ['ＷＷＷ．例子．中国', 'xn--fsqu00a.xn--fiqs8s'],
      ['xn--fsqu00a.xn--fiqs8s', 'xn--fsqu00a.xn--fiqs8s'],
      ['网剑.com', 'xn--pdrx01i.com'],
    ])('when %s is normalised, then the canonical form is %s', (input, canonical) => {
      expect(normaliseDomain(input)).toEqual({ ok: true, value: { canonical } });
    });
  });

  describe('given something that is not a domain', () => {
    it.each([
      ['empty', ''],
      ['a single label', 'localhost'],
      ['an IPv4 address', '192.168.1.1'],
      ['an IPv4 URL', 'http://10.0.0.1/admin'],
      ['an IPv6 URL', 'http://[::1]/'],
      ['a label with a leading hyphen', '-shop.example.com'],
      ['a label with a trailing hyphen', 'shop-.example.com'],
      ['an underscore', 'my_shop.example.com'],
      ['an empty label', 'shop..example.com'],
      ['a numeric TLD', 'example.123'],
      ['a one-letter TLD', 'example.c'],
      ['a label over 63 characters', `${'a'.repeat(64)}.com`],
      ['a name over 253 characters', `${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`],
      ['a non-http scheme', 'ftp://example.com/'],
      ['inner whitespace', 'exa mple.com'],
      ['a malformed punycode label', 'xn--zz.com'],
    ])('when it is %s, then it is a format error', (_label, input) => {
      expect(normaliseDomain(input).ok).toBe(false);
    });
  });
});
