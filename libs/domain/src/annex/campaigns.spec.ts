import { campaignById, campaignIds, campaignOfTime, campaignSpan, currentCampaign, NET_SWORD_2021, resolveCampaign } from './campaigns.js';
import { EXAMPLE_CAMPAIGNS_DIR, withCampaignDirs } from './testing/campaign-dirs.js';

const withExampleCampaigns = (run: () => void): void => withCampaignDirs(EXAMPLE_CAMPAIGNS_DIR, run);

describe('campaign files', () => {
  it('given no extra directory, when listing, then only the shipped 2021 campaign is there and it is current', () => {
    expect(campaignIds()).toEqual(['net-sword-2021']);
    expect(currentCampaign()).toBe(NET_SWORD_2021);
    expect(campaignById('net-sword-2022')).toBeUndefined();
  });

  it('given HUB_CAMPAIGN_DIRS naming the examples, when listing, then the 2022 example loads, validates and becomes current', () => {
    withExampleCampaigns(() => {
      expect(campaignIds()).toEqual(['net-sword-2021', 'net-sword-2022']);
      const example = campaignById('net-sword-2022');
      expect(example).toMatchObject({ start: '2022-08-01', end: '2022-11-30', reportDue: '2022-11-20' });
      expect(example?.title).toContain('示例');
      expect(example?.rows.map((row) => row.id)).not.toContain('cac-3');
      expect(currentCampaign().id).toBe('net-sword-2022');
      expect(resolveCampaign('net-sword-2021')).toBe(NET_SWORD_2021);
    });
  });

  it('given a relative directory, when listing, then it is refused naming the variable', () => {
    withCampaignDirs('campaigns/examples', () => expect(() => campaignIds()).toThrow(/HUB_CAMPAIGN_DIRS: "campaigns\/examples" must be an absolute directory/));
  });

  it('given the example directory, when listing, then a list file is no campaign of its own (only <id>.json names one)', () => {
    withExampleCampaigns(() => expect(campaignIds()).toEqual(['net-sword-2021', 'net-sword-2022']));
  });
});

describe('campaignOfTime', () => {
  it('given one campaign, when a record happened before, during or after it, then it belongs to that campaign', () => {
    expect(campaignOfTime('2021-08-25T10:00:00+08:00')).toBe('net-sword-2021');
    expect(campaignOfTime('2021-10-08T09:30:00+08:00')).toBe('net-sword-2021');
    expect(campaignOfTime('2022-10-08T09:30:00+08:00')).toBe('net-sword-2021');
  });

  it('given 2021 and 2022, when a record happened after the 2022 start (local midnight), then it is 2022; before, 2021', () => {
    withExampleCampaigns(() => {
      expect(campaignOfTime('2021-12-20T10:00:00+08:00')).toBe('net-sword-2021');
      expect(campaignOfTime('2022-07-31T23:59:59+08:00')).toBe('net-sword-2021');
      expect(campaignOfTime('2022-07-31T16:00:00Z')).toBe('net-sword-2022');
      expect(campaignOfTime('2022-09-01T10:00:00+06:00')).toBe('net-sword-2022');
    });
  });

  it('given an unreadable time, then no campaign', () => {
    expect(campaignOfTime('yesterday')).toBeUndefined();
  });
});

describe('campaignSpan', () => {
  it('given one campaign, then its records are those of all time', () => {
    expect(campaignSpan(NET_SWORD_2021)).toEqual({});
  });

  it('given 2021 and 2022, then 2021 ends and 2022 begins at 2022-08-01 00:00 in Asia/Shanghai', () => {
    withExampleCampaigns(() => {
      const example = campaignById('net-sword-2022');
      expect(example).toBeDefined();
      expect(campaignSpan(NET_SWORD_2021)).toEqual({ timeBefore: '2022-07-31T16:00:00.000Z' });
      if (example) expect(campaignSpan(example)).toEqual({ timeFrom: '2022-07-31T16:00:00.000Z' });
    });
  });
});
