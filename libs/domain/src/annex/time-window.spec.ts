import { describe, expect, it } from '@jest/globals';
import { NET_SWORD_2021 } from './campaigns.js';
import { campaignBounds, isLocalDate, isTimeZone, localDayBounds, resolveAnnexWindow } from './time-window.js';

describe('resolveAnnexWindow', () => {
  it('given no period, then the whole campaign: 2021-09-01 00:00 to 2021-12-16 00:00 Beijing time', () => {
    expect(resolveAnnexWindow(NET_SWORD_2021)).toEqual({ timeFrom: '2021-08-31T16:00:00.000Z', timeBefore: '2021-12-15T16:00:00.000Z' });
  });

  it('given from/to, then local days inclusive; asOf as a date is the end of that local day', () => {
    expect(resolveAnnexWindow(NET_SWORD_2021, { from: '2021-10-01', to: '2021-10-31', asOf: '2021-12-05' })).toEqual({
      timeFrom: '2021-09-30T16:00:00.000Z',
      timeBefore: '2021-10-31T16:00:00.000Z',
      asOf: '2021-12-05T15:59:59.999Z',
    });
  });

  it('given dates beyond the campaign, then clipped to it; a period outside it is empty', () => {
    expect(resolveAnnexWindow(NET_SWORD_2021, { from: '2021-01-01', to: '2022-01-01' })).toEqual(resolveAnnexWindow(NET_SWORD_2021));
    const empty = resolveAnnexWindow(NET_SWORD_2021, { from: '2022-01-01', to: '2022-01-31' });
    expect(empty.timeFrom).toBe(empty.timeBefore);
  });

  it('given an asOf instant with an offset, then the same instant in UTC', () => {
    expect(resolveAnnexWindow(NET_SWORD_2021, { asOf: '2021-12-05T18:00:00+08:00' }).asOf).toBe('2021-12-05T10:00:00.000Z');
  });

  it('given another campaign zone, then its own local midnight', () => {
    expect(campaignBounds({ ...NET_SWORD_2021, timezone: 'Asia/Urumqi' }).start).toBe(Date.parse('2021-08-31T18:00:00Z'));
  });
});

describe('local days', () => {
  it('given a DST change, then the day still starts at local midnight', () => {
    // New York falls back on 2021-11-07: that day has 25 hours.
    const day = localDayBounds('2021-11-07', 'America/New_York');
    expect(new Date(day.start).toISOString()).toBe('2021-11-07T04:00:00.000Z');
    expect(day.end - day.start).toBe(25 * 3_600_000);
  });

  it.each([
    ['2021-02-29', false],
    ['2024-02-29', true],
    ['2021-9-1', false],
    ['2021-09-01', true],
  ])('given %s, then isLocalDate is %s', (text, valid) => {
    expect(isLocalDate(text)).toBe(valid);
  });
});

describe('isTimeZone', () => {
  it('given canonical IANA zones, then true', () => {
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC']) expect(isTimeZone(zone)).toBe(true);
  });

  it('given an alias or another spelling Intl accepts, then true as well', () => {
    for (const zone of ['Asia/Calcutta', 'asia/shanghai', 'PRC', 'Etc/GMT+8']) expect(isTimeZone(zone)).toBe(true);
  });

  it('given anything else, then false', () => {
    for (const zone of ['', 'Mars/Olympus_Mons', 'Asia/Shanghai ', 8, undefined, null]) expect(isTimeZone(zone)).toBe(false);
  });
});
