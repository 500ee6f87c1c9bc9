import { describe, expect, it } from '@jest/globals';
import { canonicalPlatform, operatorLookupOf } from './operator-lookup.js';

describe('operatorLookupOf — what the register is looked up by', () => {
  it('given a lead’s USCC, shop URL and domain, then their canonical forms', () => {
    expect(
      operatorLookupOf([
        { kind: 'uscc', value: '9165 3100 MA78 A1B2 C8' },
        { kind: 'shop_url', value: 'https://shop123456.taobao.com/?spm=a1z10' },
        { kind: 'domain', value: 'https://WWW.Shop-Example.cn/path' },
        { kind: 'phone', value: '13800138000' },
      ]),
    ).toEqual({ usccs: ['91653100MA78A1B2C8'], domains: ['shop-example.cn'], shops: [{ platform: 'taobao', shopId: '123456' }] });
  });

  it('given a self-run site’s shop URL, then its host as a domain', () =>
    expect(operatorLookupOf([{ kind: 'shop_url', value: 'https://www.my-shop.cn/index.html' }])).toEqual({ usccs: [], domains: ['my-shop.cn'], shops: [] }));

  it('given values that do not parse, then nothing', () =>
    expect(operatorLookupOf([{ kind: 'uscc', value: '123' }, { kind: 'domain', value: 'not a domain' }])).toEqual({ usccs: [], domains: [], shops: [] }));
});

describe('canonicalPlatform', () => {
  it('given the Chinese names of parsed marketplaces, then their codes', () => expect(['淘宝', ' 京东 ', 'Taobao'].map(canonicalPlatform)).toEqual(['taobao', 'jd', 'taobao']));
  it('given another platform, then its name as written', () => expect(canonicalPlatform('快手')).toBe('快手'));
});
