import { describe, expect, it } from '@jest/globals';
import { loadCampaignDefinition, NET_SWORD_2021 } from './index.js';
import { keyPeriodIn, keyPeriodLabels, keyPeriodOf } from './key-periods.js';

const withPeriods = (keyPeriods: unknown): unknown => ({ ...structuredClone(NET_SWORD_2021), keyPeriods });

describe('key periods (重要时间节点)', () => {
  it('given the 2021 campaign, when a lead is found on 2021-10-03 local, then it is tagged national_day', () => {
    expect(keyPeriodOf('2021-10-03T09:00:00+08:00')).toBe('national_day');
  });

  it('judges the local date: 2021-10-07 23:30 Beijing is still the holiday, 2021-10-07T16:30Z (10-08 00:30 local) is not', () => {
    expect(keyPeriodOf('2021-10-07T23:30:00+08:00')).toBe('national_day');
    expect(keyPeriodOf('2021-10-07T16:30:00Z')).toBeNull();
  });

  it('tags the 双11 promotion from the presale on 10-20 to 11-11, and nothing outside the periods', () => {
    expect(keyPeriodOf('2021-10-20T00:00:00+08:00')).toBe('double_11');
    expect(keyPeriodOf('2021-11-11T23:59:59+08:00')).toBe('double_11');
    expect(keyPeriodOf('2021-11-12T00:00:00+08:00')).toBeNull();
    expect(keyPeriodOf('2021-09-15T10:00:00+08:00')).toBeNull();
    expect(keyPeriodOf(null)).toBeNull();
    expect(keyPeriodOf('not a time')).toBeNull();
  });

  it('labels the periods from the campaign data', () => {
    expect(keyPeriodLabels()).toMatchObject({ national_day: '国庆假期', double_11: '双11集中促销期' });
    expect(keyPeriodIn({ timezone: 'Asia/Shanghai' }, '2021-10-03T09:00:00+08:00')).toBeUndefined();
  });

  it('given a campaign file with a reversed, an overlapping and a misspelt period, then each is named by its path', () => {
    const bad = withPeriods([
      { id: 'a', label: 'A', from: '2021-10-05', to: '2021-10-01' },
      { id: 'b', label: 'B', from: '2021-10-01', to: '2021-10-10' },
      { id: 'b', label: 'C', from: '2021-12-01', to: '2021-12-02', form: 'x' },
      { id: 'd', label: 'D', from: '2021-13-01', to: '2021-12-02' },
    ]);
    expect(() => loadCampaignDefinition(bad)).toThrow(/keyPeriods\[0\]\.to[\s\S]*keyPeriods\[1\]: overlaps keyPeriods\[0\][\s\S]*keyPeriods\[2\]\.form: unknown field[\s\S]*keyPeriods\[2\]\.id: duplicate[\s\S]*keyPeriods\[3\]\.from/);
  });
});
