import { describe, expect, it } from '@jest/globals';
import { ENTITY_KINDS, isEntityKind, normaliseEntity, type EntityKeyResult } from './index.js';

function errorOf(result: EntityKeyResult): string {
  return result.ok ? '' : result.error;
}

describe('ENTITY_KINDS', () => {
  it('given the module, when listing kinds, then all eight reported kinds are present', () => {
    expect(ENTITY_KINDS).toEqual([
      'uscc',
      'phone',
      'domain',
      'shop_url',
      'listing_url',
      'app_id',
      'platform_account',
      'waybill',
    ]);
    expect(ENTITY_KINDS.every(isEntityKind)).toBe(true);
    expect(isEntityKind('email')).toBe(false);
  });
});

describe('normaliseEntity', () => {
  describe('given a valid entity of each kind', () => {
    it.each([
      ['uscc', '91110000600037341L', { canonical: '91110000600037341L', flags: [], areaCode: '110000' }],
      ['phone', '+86 138-1234-5678', { canonical: '13812345678', flags: [] }],
      ['domain', 'https://www.例子.中国/', { canonical: 'xn--fsqu00a.xn--fiqs8s', flags: [] }],
      ['shop_url', 'http://shop123456.taobao.com', { canonical: 'taobao:shop:123456', flags: [], platform: 'taobao' }],
      [
        'listing_url',
        'https://item.m.jd.com/product/100012043978.html',
        { canonical: 'jd:listing:100012043978', flags: [], platform: 'jd' },
      ],
      ['app_id', 'com.example.app', { canonical: 'com.example.app', flags: [] }],
      ['platform_account', 'pdd:MyStore', { canonical: 'pinduoduo:MyStore', flags: [], platform: 'pinduoduo' }],
      ['waybill', 'sf:sf1234567890123', { canonical: 'SF:SF1234567890123', flags: [] }],
    ])('when a %s is normalised, then its key is returned', (kind, value, key) => {
      expect(normaliseEntity(kind, value)).toEqual({ ok: true, key: { kind, ...key } });
    });
  });

  describe('given a USCC with a wrong check character', () => {
    it('when normalised, then it is accepted and flagged', () => {
      expect(normaliseEntity('uscc', '91310110666007217X')).toEqual({
        ok: true,
        key: { kind: 'uscc', canonical: '91310110666007217X', flags: ['uscc_checksum_invalid'], areaCode: '310110' },
      });
    });
  });

  describe('given the same Taobao shop reported two ways', () => {
    it('when both are normalised, then their keys are equal', () => {
      const tracked = normaliseEntity('shop_url', 'https://shop123456.taobao.com/?spm=a230r.7195193.1997079397.2');
      const plain = normaliseEntity('shop_url', 'http://shop123456.taobao.com');
      expect(tracked).toEqual(plain);
    });
  });

  describe('given an entity that cannot be keyed', () => {
    it.each([
      ['an unknown kind', 'email', 'a@example.com', /unknown entity kind "email"/],
      ['a non-string value', 'phone', 13812345678, /phone: value must be a string, got number/],
      ['a null value', 'uscc', null, /got null/],
      ['an overlong value', 'domain', `${'a'.repeat(3000)}.com`, /longer than 2048/],
      ['a format error', 'uscc', '123', /^uscc: USCC must be 18 characters/],
      ['a claimed shop that is a listing', 'shop_url', 'https://item.jd.com/100012043978.html', /^shop_url: reported as a shop URL but it is a jd listing URL/],
      ['a claimed listing that is a shop', 'listing_url', 'https://mall.jd.com/index-1000004123.html', /listing URL but it is a jd shop URL/],
    ])('when it is %s, then the error says what is wrong', (_label, kind, value, message) => {
      expect(errorOf(normaliseEntity(kind, value))).toMatch(message);
    });

    it.each([
      ['uscc', '91110000600037341中'],
      ['phone', '电话13812345678'],
      ['domain', '例子..中国'],
      ['shop_url', 'https://店铺.example.cn/'],
      ['listing_url', 'https://item.taobao.com/item.htm?id=一二三'],
      ['app_id', 'com.例子.app'],
      ['platform_account', '小红书:某店'],
      ['waybill', '德邦:一二三四五六七八'],
      ['网剑', 'x'],
    ])('when a %s value contains Chinese, then the error message is still ASCII-only', (kind, value) => {
      const error = errorOf(normaliseEntity(kind, value));
      expect(error).not.toBe('');
      expect(error).toMatch(/^[\x20-\x7E]+$/);
    });
  });
});
