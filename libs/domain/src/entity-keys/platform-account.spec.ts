import { describe, expect, it } from '@jest/globals';
import { normalisePlatformAccount } from './platform-account.js';

describe('normalisePlatformAccount', () => {
  describe('given a platform and account', () => {
    it.each([
      ['douyin:shop_123', 'douyin', 'douyin:shop_123'],
      ['  Douyin : shop_123  ', 'douyin', 'douyin:shop_123'],
      ['dy:@shop_123', 'douyin', 'douyin:shop_123'],
      ['抖音：shop_123', 'douyin', 'douyin:shop_123'],
      ['pdd:MyStore', 'pinduoduo', 'pinduoduo:MyStore'],
      ['wx:wxid_abc123', 'wechat', 'wechat:wxid_abc123'],
      ['weibo:某某旗舰店', 'weibo', 'weibo:某某旗舰店'],
      ['other:user:with:colons', 'other', 'other:user:with:colons'],
    ])('when %s is normalised, then the platform is %s and the key %s', (input, platform, canonical) => {
      const result = normalisePlatformAccount(input);
      expect(result.ok && { platform: result.value.platform, canonical: result.value.canonical }).toEqual({
        platform,
        canonical,
      });
    });

    it('when two accounts differ only in case, then their keys differ', () => {
      const upper = normalisePlatformAccount('taobao:ShopA');
      const lower = normalisePlatformAccount('taobao:shopa');
      expect(upper.ok && upper.value.canonical).not.toBe(lower.ok && lower.value.canonical);
    });
  });

  describe('given a malformed account', () => {
    it.each([
      ['no platform', 'shop_123', /<platform>:<account>/],
      ['an unknown platform', 'facebook:shop', /platform "facebook" is not one of/],
      ['an empty account', 'taobao:  ', /empty/],
      ['only an @', 'taobao:@', /empty/],
      ['a control character', 'taobao:shop\u0007x', /control characters/],
      ['an overlong account', `taobao:${'a'.repeat(129)}`, /longer than 128/],
    ])('when it has %s, then it is a format error', (_label, input, message) => {
      const result = normalisePlatformAccount(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(message);
    });
  });
});
