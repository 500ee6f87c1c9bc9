import { describe, expect, it } from '@jest/globals';
import { usccCheckChar } from '../entity-keys/index.js';
import { extractKeys } from './correlation/extract.js';
import { placeAreaCode, platformFromName, suggestJurisdiction } from './jurisdiction.js';

/** A checksum-valid USCC registered in `areaCode`. */
const uscc = (areaCode: string, org = 'MA77XK3P0'): string => {
  const first17 = `91${areaCode}${org}`;
  return `${first17}${usccCheckChar(first17)}`;
};

const lead = (unit: string, entities: [string, string][], data: Record<string, unknown> = {}) => ({
  type: 'lead.reported',
  source: unit,
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  data: { category: 'counterfeit', entities: entities.map(([kind, value]) => ({ kind, value })), ...data },
});

describe('placeAreaCode', () => {
  it.each([
    ['653101', { kind: 'region', region: '653100' }],
    ['650102', { kind: 'region', region: '650100' }],
    ['650000', { kind: 'region', region: '650000' }],
    ['654223', { kind: 'region', region: '654200' }],
    ['652101', { kind: 'region', region: '650400' }],
    ['659001', { kind: 'unmapped' }],
    ['330106', { kind: 'outside', province: '浙江省' }],
  ])('given %s, when placed in the 2021 table, then %o', (code, placement) => {
    expect(placeAreaCode(code)).toEqual(placement);
  });
});

describe('suggestJurisdiction', () => {
  it('given samr/650100 reports an operator registered in Kashgar (653101), when assessed, then samr in 653100 is suggested by registration area', () => {
    const code = uscc('653101');
    expect(suggestJurisdiction(lead('samr/650100', [['uscc', code]]))).toEqual({
      suggestion: {
        leadSubject: 'samr/650100/lead/L-1',
        toDepartment: 'samr',
        toRegion: '653100',
        basis: 'registration_area',
        note: `统一社会信用代码 ${code} 登记地 653101 → 喀什地区`,
      },
      flags: [],
      notes: [],
    });
  });

  it('given an operator registered in an Urumqi district, when reported by police in Kashgar, then police/650100 is suggested', () => {
    expect(suggestJurisdiction(lead('police/653100', [['uscc', uscc('650102')]])).suggestion).toMatchObject({ toDepartment: 'police', toRegion: '650100' });
  });

  it('given an operator registered in the reporter’s own prefecture, when assessed, then nothing is suggested', () => {
    expect(suggestJurisdiction(lead('samr/653100', [['uscc', uscc('653121')]]))).toEqual({ flags: [], notes: [] });
  });

  it('given an operator registered outside Xinjiang, when assessed, then nothing is suggested and it is flagged out of region', () => {
    expect(suggestJurisdiction(lead('samr/653100', [['uscc', '91110000600037341L']]))).toEqual({
      flags: ['uscc_out_of_region'],
      notes: ['统一社会信用代码 91110000600037341L 登记地在区外：北京市（110000）'],
    });
  });

  it('given a USCC with a bad check character, when assessed, then its area code is not trusted', () => {
    const good = uscc('653101');
    const bad = `${good.slice(0, 17)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect(suggestJurisdiction(lead('samr/650100', [['uscc', bad]]))).toEqual({ flags: ['uscc_checksum_invalid'], notes: [] });
  });

  it('given operators in two other prefectures, when assessed, then the office must choose', () => {
    const result = suggestJurisdiction(lead('samr/650100', [['uscc', uscc('653101')], ['uscc', uscc('654002', 'MA77XK3P1')]]));
    expect(result).toMatchObject({ flags: ['uscc_regions_disagree'] });
    expect(result.suggestion).toBeUndefined();
  });

  it('given a platform-obligation lead about Taobao, when assessed, then the platform’s domicile (Hangzhou) is named through the region level', () => {
    const result = suggestJurisdiction(
      lead('samr/653100', [['shop_url', 'https://shop123456.taobao.com/?spm=a1']], { category: 'platform_obligation', platform: '淘宝网' }),
    );
    expect(result.suggestion).toEqual({
      leadSubject: 'samr/653100/lead/L-1',
      toDepartment: 'samr',
      toRegion: '650000',
      basis: 'platform_domicile',
      note: '平台住所地在区外：浙江省杭州市（330100），建议由自治区本级市场监督管理局向该地同级部门移送',
    });
  });

  it('given a seller on Taobao (not a platform-obligation lead), when assessed, then the platform’s domicile is not used', () => {
    expect(suggestJurisdiction(lead('samr/653100', [['shop_url', 'http://shop123456.taobao.com']], { platform: '淘宝' }))).toEqual({ flags: [], notes: [] });
  });

  it.each([
    ['a seller registered in another prefecture', lead('samr/650100', [['uscc', uscc('653101')], ['phone', '13800138000']])],
    ['two operators, one repeated, in two prefectures', lead('police/653100', [['uscc', uscc('650102')], ['uscc', uscc('654002', 'MA88XK3P0')], ['uscc', uscc('650102')]])],
    ['a platform-obligation lead named by its shop URL only', lead('samr/653100', [['phone', 'call me'], ['shop_url', 'https://shop123456.taobao.com/?spm=a1']], { category: 'platform_obligation' })],
    ['an operator outside Xinjiang', lead('samr/653100', [['uscc', uscc('330106')]])],
  ])('given %s, when assessed with the keys extractKeys normalised, then the assessment is the one from the event alone', (_, event) => {
    expect(suggestJurisdiction(event, extractKeys(event)?.normalised)).toEqual(suggestJurisdiction(event));
  });

  it('given platform names as departments write them, when recognised, then the five platforms are found', () => {
    expect(['淘宝', '天猫旗舰店', '京东商城', 'PDD', '抖音小店', '快手'].map(platformFromName)).toEqual(['taobao', 'tmall', 'jd', 'pinduoduo', 'douyin', undefined]);
  });
});
