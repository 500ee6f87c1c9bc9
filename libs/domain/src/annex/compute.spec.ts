import { describe, expect, it } from '@jest/globals';
import { HubError } from '../errors.js';
import type { HubEvent } from '../integrity/envelope.js';
import { NET_SWORD_2021 } from './campaigns.js';
import { computeAnnexFromEvents, totalsFromContributions } from './compute.js';
import { annexContributions } from './contributions.js';
import { caseOpened, inspection, seizure, takedown } from './event-fixtures.js';
import { resolveAnnexWindow } from './time-window.js';
import type { AnnexPeriod } from './time-window.js';
import type { AnnexReport, AnnexScope } from './types.js';

const ALL: AnnexScope = { kind: 'all' };
const def = NET_SWORD_2021;

function annex(events: HubEvent[], scope: AnnexScope = ALL, period: AnnexPeriod = {}): AnnexReport {
  return computeAnnexFromEvents(events, def, scope, period);
}

function valueOf(report: AnnexReport, rowId: string): number | null | undefined {
  return report.rows.find((row) => row.id === rowId)?.value;
}

function remarkOf(report: AnnexReport, rowId: string): string | undefined {
  return report.rows.find((row) => row.id === rowId)?.remark;
}

/** Non-zero cells only, for compact expectations. */
function nonZero(report: AnnexReport): Record<string, number | null> {
  return Object.fromEntries(report.rows.filter((row) => row.value !== 0).map((row) => [row.id, row.value]));
}

describe('the campaign period (2021-09-01 00:00 to 2021-12-15 24:00, Asia/Shanghai)', () => {
  it.each([
    ['the first second of the campaign', '2021-09-01T00:00:00+08:00', 1],
    ['the last second before it', '2021-08-31T23:59:59+08:00', 0],
    ['the last millisecond before it, in UTC', '2021-08-31T15:59:59.999Z', 0],
    ['Xinjiang time 22:30 on 08-31 (= 00:30 Beijing on 09-01)', '2021-08-31T22:30:00+06:00', 1],
    ['the last second of the campaign', '2021-12-15T23:59:59+08:00', 1],
    ['the last nanosecond of the campaign', '2021-12-15T23:59:59.999999999+08:00', 1],
    ['the first second after it', '2021-12-16T00:00:00+08:00', 0],
    ['a year later', '2022-10-08T09:30:00+08:00', 0],
  ])('given a case opened at %s (%s), then it counts %d', (_name, time, expected) => {
    const report = annex([caseOpened('samr/653100', { primaryCategory: 'counterfeit' }, { time })]);
    expect(valueOf(report, 'sa-6')).toBe(expected);
  });

  it('given an out-of-campaign event, then it contributes to no row at all', () => {
    expect(annexContributions(takedown('cac/650100', 'info_removed', 10_000, { time: '2021-08-15T10:00:00+08:00' }), def)).toEqual([]);
  });
});

describe('a period within the campaign (from/to are local dates, inclusive)', () => {
  const october = { from: '2021-10-01', to: '2021-10-31' };
  it.each([
    ['2021-09-30T23:59:59+08:00', 0],
    ['2021-10-01T00:00:00+08:00', 1],
    ['2021-10-31T23:59:59+08:00', 1],
    ['2021-11-01T00:00:00+08:00', 0],
  ])('given an inspection at %s, then October counts %d', (time, expected) => {
    const report = annex([inspection('samr/653100', 'website_or_shop', 1, { time, recordedAt: '2021-12-01T00:00:00Z' })], ALL, october);
    expect(valueOf(report, 'sa-1')).toBe(expected);
    expect(report).toMatchObject(october);
  });

  it('given only from, then counts from that day to the end of the campaign', () => {
    const events = [inspection('samr/653100', 'website_or_shop', 1, { time: '2021-11-30T10:00:00+08:00' }), inspection('samr/653100', 'website_or_shop', 2, { time: '2021-12-15T10:00:00+08:00' })];
    expect(valueOf(annex(events, ALL, { from: '2021-12-01' }), 'sa-1')).toBe(2);
  });

  it.each([
    [{ from: '2021-10-32' }, 'from'],
    [{ to: '10/31/2021' }, 'to'],
    [{ from: '2021-11-01', to: '2021-10-01' }, 'to'],
    [{ asOf: 'yesterday' }, 'asOf'],
  ])('given %j, then VALIDATION_FAILED names %s', (period, path) => {
    let caught: unknown;
    try {
      annex([], ALL, period);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HubError);
    expect((caught as HubError).code).toBe('VALIDATION_FAILED');
    expect((caught as HubError).details.fields).toEqual([expect.objectContaining({ path })]);
  });
});

describe('as of an instant (what the hub knew then: recordedAt <= asOf)', () => {
  // Happened in November, reported late: recorded after the 12-05 deadline.
  const late = seizure('customs/653100', 2, 30, { time: '2021-11-20T10:00:00+08:00', recordedAt: '2021-12-06T02:00:00.000Z' });
  const early = seizure('customs/653100', 1, 10, { time: '2021-11-01T10:00:00+08:00', recordedAt: '2021-11-01T03:00:00.000Z' });

  it.each([
    ['the report deadline (a local date = end of that day)', '2021-12-05', 1],
    ['one millisecond before the late record', '2021-12-06T01:59:59.999Z', 1],
    ['the very instant it was recorded', '2021-12-06T10:00:00+08:00', 3],
    ['the end of its local day', '2021-12-06', 3],
  ])('given asOf %s (%s), then cus-1 is %d', (_name, asOf, expected) => {
    const report = annex([late, early], ALL, { asOf });
    expect(valueOf(report, 'cus-1')).toBe(expected);
    expect(report.asOf).toBe(asOf);
  });
});

describe('idempotency: a retried event (same id twice) counts once', () => {
  it('given the same takedown delivered twice, then 万条 counts it once', () => {
    const event = takedown('cac/650100', 'info_removed', 15_000);
    expect(valueOf(annex([event, { ...event }, event]), 'cac-1')).toBe(1.5);
  });

  it('given the same case delivered twice, then it is one case with one remark', () => {
    const event = caseOpened('samr/653100', { primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising'] });
    const report = annex([event, event]);
    expect(valueOf(report, 'sa-6')).toBe(1);
    expect(remarkOf(report, 'sa-6')).toBe('其中1件同时涉及虚假违法互联网广告');
  });
});

describe('a case breaking several laws counts once, under its primary violation (the printed note)', () => {
  const cases = [
    caseOpened('samr/653100', { primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising', 'consumer_rights'] }),
    caseOpened('samr/653100', { primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising'] }),
    caseOpened('samr/650100', { primaryCategory: 'counterfeit' }),
  ];

  it('given three counterfeit cases, two also involving other violations, then only sa-6 moves and its remark says which', () => {
    const report = annex(cases);
    expect(nonZero(report)).toEqual({ 'sa-6': 3 });
    expect(remarkOf(report, 'sa-6')).toBe('其中2件同时涉及虚假违法互联网广告，1件同时涉及侵害消费者合法权益');
    expect(report.rows.filter((row) => row.id !== 'sa-6').every((row) => row.remark === '')).toBe(true);
  });

  it('given a drug case with a counterfeit aspect from samr, then it is drg-8 only', () => {
    const report = annex([caseOpened('samr/653100', { primaryCategory: 'drug_online_sales', otherCategories: ['counterfeit'] })]);
    expect(nonZero(report)).toEqual({ 'drg-8': 1 });
    expect(remarkOf(report, 'drg-8')).toBe('其中1件同时涉及网络侵权假冒伪劣');
  });
});

describe('scopes: a unit counts its own events, a region its units, all the autonomous region', () => {
  const events = [
    caseOpened('samr/653100', { primaryCategory: 'counterfeit' }),
    inspection('samr/653100', 'drug_platform', 2),
    inspection('nmpa/653100', 'drug_platform', 3),
    caseOpened('police/653100', { kind: 'criminal', targetKind: 'platform', platform: '淘宝' }),
    caseOpened('police/650100', { kind: 'criminal', targetKind: 'platform', platform: '淘宝' }),
    caseOpened('samr/650100', { primaryCategory: 'counterfeit' }),
    takedown('cac/650100', 'info_removed', 20_000),
  ];

  it('given unit samr/653100, then only its own events count and groups it does not fill are blank', () => {
    const report = annex(events, { kind: 'unit', unit: 'samr/653100' });
    expect(report.scope).toBe('unit:samr/653100');
    expect(nonZero(report)).toEqual({
      ...Object.fromEntries(def.rows.filter((row) => !['drug', 'samr'].includes(row.group)).map((row) => [row.id, null])),
      'drg-1': 2, // nmpa/653100's 3 inspections are another department's
      'sa-6': 1, // samr/650100's case is another region's
    });
  });

  it('given unit police/653100, then police rows are numbers and every other group is blank', () => {
    const report = annex(events, { kind: 'unit', unit: 'police/653100' });
    const filled = report.rows.filter((row) => row.value !== null).map((row) => row.id);
    expect(filled).toEqual(['pol-1', 'pol-2', 'pol-3', 'pol-4']);
    expect(nonZero(report)).toMatchObject({ 'pol-3': 1, 'pol-4': 1 });
  });

  it('given a unit with no events at all, then its rows are 0, not blank', () => {
    const report = annex(events, { kind: 'unit', unit: 'forestry/654300' });
    expect(report.rows.filter((row) => row.value !== null).map((row) => [row.id, row.value])).toEqual([
      ['for-1', 0],
      ['for-2', 0],
    ]);
  });

  it('given region 653100, then its units add up and every row is a number', () => {
    const report = annex(events, { kind: 'region', region: '653100' });
    expect(report.rows.every((row) => typeof row.value === 'number')).toBe(true);
    expect(nonZero(report)).toEqual({ 'drg-1': 5, 'sa-6': 1, 'pol-3': 1, 'pol-4': 1 });
  });

  it('given all, then every region counts and a platform two regions investigated is one platform', () => {
    const report = annex(events, ALL);
    expect(report.scope).toBe('all');
    expect(nonZero(report)).toEqual({ 'cac-1': 2, 'drg-1': 5, 'sa-6': 2, 'pol-3': 1, 'pol-4': 2 });
  });
});

describe('totalsFromContributions', () => {
  it('given contributions, then aggregates per row what the SQL aggregate returns', () => {
    const events = [
      caseOpened('police/653100', { kind: 'criminal', targetKind: 'platform', platform: '淘宝', otherCategories: ['counterfeit'] }),
      caseOpened('police/653100', { kind: 'criminal', targetKind: 'platform', platform: '拼多多', otherCategories: ['counterfeit', 'wildlife'] }),
      takedown('police/653100', 'info_removed', 120),
      takedown('police/653100', 'info_removed', 30),
    ];
    const contributions = events.flatMap((event) => annexContributions(event, def));
    expect(totalsFromContributions(contributions, ALL, resolveAnnexWindow(def))).toEqual({
      'pol-1': { amount: 150, distinct: 0, remarkCounts: {} },
      'pol-3': { amount: 2, distinct: 2, remarkCounts: {} },
      'pol-4': { amount: 2, distinct: 0, remarkCounts: { counterfeit: 2, wildlife: 1 } },
    });
  });
});

describe('roll-ups (plan 三(四): a line reads all regions of its department, a prefecture all its units)', () => {
  const events = [
    takedown('police/653100', 'info_removed', 300),
    takedown('police/650100', 'info_removed', 120),
    caseOpened('police/654000', { kind: 'criminal' }),
    caseOpened('police/653100', { kind: 'administrative' }),
    caseOpened('samr/653100', { primaryCategory: 'counterfeit' }),
    inspection('samr/653100', 'website_or_shop', 7),
    seizure('customs/653100', 2, 80),
  ];
  const sum = (reports: AnnexReport[]): Record<string, number> => {
    const total: Record<string, number> = {};
    for (const report of reports) for (const row of report.rows) total[row.id] = (total[row.id] ?? 0) + (row.value ?? 0);
    return total;
  };
  const values = (report: AnnexReport): Record<string, number> => Object.fromEntries(report.rows.map((row) => [row.id, row.value ?? 0]));

  it('given events of several police units and others, when the police line is rolled up, then each row is the sum of its units and nothing of another department is in it', () => {
    const line = annex(events, { kind: 'line', department: 'police' });
    const units = ['police/653100', 'police/650100', 'police/654000'].map((unit) => annex(events, { kind: 'unit', unit }));
    expect(values(line)).toEqual(sum(units));
    expect(line.scope).toBe('line:police');
    expect(nonZero(line)).toEqual({ 'pol-1': 420, 'pol-2': 1, 'pol-4': 1 });
  });

  it('given the same events, when Kashgar is rolled up, then it is the sum of its units of every department', () => {
    const region = annex(events, { kind: 'region', region: '653100' });
    const units = ['police/653100', 'samr/653100', 'customs/653100'].map((unit) => annex(events, { kind: 'unit', unit }));
    expect(values(region)).toEqual(sum(units));
  });
});
