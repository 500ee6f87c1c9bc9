import { describe, expect, it } from '@jest/globals';
import type { HubEvent } from '../integrity/envelope.js';
import { NET_SWORD_2021 } from './campaigns.js';
import { totalsFromContributions } from './compute.js';
import { annexContributionsOf, annexRecordKey, evolveAnnexRecord, type AnnexRecord } from './corrections.js';
import { caseOpened, hubEvent, seizure, takedown } from './event-fixtures.js';
import { resolveAnnexWindow } from './time-window.js';
import type { AnnexContribution } from './types.js';

const unit = 'samr/653100';
const T1 = '2021-10-09T01:00:00.000Z'; // original recorded
const T2 = '2021-12-06T01:00:00.000Z'; // correction recorded, after the 12-05 filing
const between = '2021-12-05T18:00:00+08:00';

/** A correction or void of `original`'s aggregate, recorded at T2. */
const follow = (original: HubEvent, verb: 'corrected' | 'voided', data: Record<string, unknown>): HubEvent => ({
  ...hubEvent(`${original.subject.split('/')[0] ?? ''}.${verb}`, original.source, { reason: '录入错误', ...data }, { recordedAt: T2 }),
  subject: original.subject,
});

/** The contributions of a log, each event given the record state before it (what the projector would store). */
function contributionsOfLog(events: readonly HubEvent[]): AnnexContribution[] {
  const records = new Map<string, AnnexRecord | undefined>();
  return events.flatMap((event) => {
    const key = annexRecordKey(event);
    const rows = annexContributionsOf(records.get(key), event, NET_SWORD_2021);
    records.set(key, evolveAnnexRecord(records.get(key), event));
    return rows;
  });
}

const annex = (events: readonly HubEvent[], period: { asOf?: string; from?: string; to?: string } = {}): Record<string, number> => {
  const totals = totalsFromContributions(contributionsOfLog(events), { kind: 'all' }, resolveAnnexWindow(NET_SWORD_2021, period));
  return Object.fromEntries(Object.entries(totals).map(([row, t]) => [row, t.distinct > 0 || row === 'pol-3' ? t.distinct : Math.round(t.amount * 1e6) / 1e6]));
};

describe('annex: corrections move a record’s contribution, voids remove it, asOf keeps what was known', () => {
  const listing = takedown(unit, 'listing_removed', 12_000, { recordedAt: T1 });

  it('given a mistyped takedown count, when corrected, then the annex counts the new count and asOf before it the old one', () => {
    const log = [listing, follow(listing, 'corrected', { count: 1_200 })];
    expect(annex(log)).toEqual({ 'sa-2': 1_200 });
    expect(annex(log, { asOf: between })).toEqual({ 'sa-2': 12_000 });
  });

  it('given a correction of the action, when applied, then the count moves from one row to another', () => {
    expect(annex([listing, follow(listing, 'corrected', { action: 'site_closure_requested' })])).toEqual({ 'sa-2': 0, 'sa-4': 12_000 });
  });

  it('given a void, when applied, then the record no longer counts; a later correction of it adds nothing', () => {
    const voided = follow(listing, 'voided', {});
    expect(annex([listing, voided])).toEqual({ 'sa-2': 0 });
    expect(annex([listing, voided, follow(listing, 'corrected', { count: 5 })])).toEqual({ 'sa-2': 0 });
    expect(annex([listing, voided], { asOf: between })).toEqual({ 'sa-2': 12_000 });
  });

  it('given a correction of a field no row reads, when applied, then it adds no rows at all', () => {
    expect(annexContributionsOf(evolveAnnexRecord(undefined, listing), follow(listing, 'corrected', { platform: '拼多多' }), NET_SWORD_2021)).toEqual([]);
  });

  it('given a date corrected out of the period, when the period is asked, then the record leaves it (and stays in the campaign)', () => {
    const log = [listing, follow(listing, 'corrected', { occurredAt: '2021-11-20T10:00:00+08:00' })];
    expect(annex(log, { from: '2021-10-01', to: '2021-10-31' })).toEqual({ 'sa-2': 0 });
    expect(annex(log, { from: '2021-11-01', to: '2021-11-30' })).toEqual({ 'sa-2': 12_000 });
  });

  it('given a case’s primary category corrected, when applied, then it moves between rows and its remarks follow', () => {
    const opened = caseOpened(unit, { primaryCategory: 'counterfeit', otherCategories: ['illegal_advertising'] }, { recordedAt: T1 });
    const log = [opened, follow(opened, 'corrected', { primaryCategory: 'improper_pricing', otherCategories: [] })];
    expect(annex(log)).toEqual({ 'sa-6': 0, 'sa-10': 1 });
    const totals = totalsFromContributions(contributionsOfLog(log), { kind: 'all' }, resolveAnnexWindow(NET_SWORD_2021, {}));
    expect(totals['sa-6']?.remarkCounts).toEqual({ illegal_advertising: 0 });
  });

  it('given a police platform case, when its platform is corrected to one already counted, then the distinct count drops', () => {
    const police = 'police/650100';
    const a = caseOpened(police, { targetKind: 'platform', platform: '淘宝' }, { recordedAt: T1 });
    const b = caseOpened(police, { targetKind: 'platform', platform: '拼多多' }, { recordedAt: T1 });
    expect(annex([a, b])['pol-3']).toBe(2);
    expect(annex([a, b, follow(b, 'corrected', { platform: ' 淘宝' })])['pol-3']).toBe(1);
    expect(annex([a, b, follow(a, 'voided', {}), follow(b, 'voided', {})])['pol-3']).toBe(0);
  });

  it('given a seizure corrected and the delta rows traced, then they carry the correction’s id and recordedAt', () => {
    const seized = seizure('customs/653100', 2, 400, { recordedAt: T1 });
    const correction = follow(seized, 'corrected', { pieces: 412 });
    const rows = annexContributionsOf(evolveAnnexRecord(undefined, seized), correction, NET_SWORD_2021);
    expect(rows).toEqual([expect.objectContaining({ rowId: 'cus-2', amount: 12, eventId: correction.id, recordedAt: T2 })]);
  });
});
