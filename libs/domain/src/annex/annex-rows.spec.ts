import { describe, expect, it } from '@jest/globals';
import { validateEvent } from '../events/validate.js';
import type { HubEvent } from '../integrity/envelope.js';
import { NET_SWORD_2021 } from './campaigns.js';
import { computeAnnexFromEvents } from './compute.js';
import { caseAssisted, caseOpened, hubEvent, inspection, leadReferred, rectification, seizure, takedown } from './event-fixtures.js';

/**
 * Every printed row, driven by events. Each case lists ALL the rows its events may move: any other
 * row must stay 0, which is how "counted once, in the right row" is checked.
 */
interface RowCase {
  name: string;
  events: HubEvent[];
  expected: Record<string, number>;
}

const KS = '653100'; // 喀什地区
const at = (dept: string, region = KS): string => `${dept}/${region}`;

const cases: RowCase[] = [
  // 网信部门
  { name: 'cac-1 keeps the decimals of 万条', events: [takedown(at('cac'), 'info_removed', 12_345), takedown(at('cac', '650100'), 'info_removed', 5_000)], expected: { 'cac-1': 1.7345 } },
  { name: 'cac-1 below one 万条', events: [takedown(at('cac'), 'info_removed', 7)], expected: { 'cac-1': 0.0007 } },
  { name: 'cac-2 closed accounts', events: [takedown(at('cac'), 'account_closed', 7), takedown(at('cac'), 'account_closed', 2)], expected: { 'cac-2': 9 } },
  { name: 'cac-3 personal-information apps', events: [takedown(at('cac'), 'app_rectified', 3)], expected: { 'cac-3': 3 } },
  // 电信主管部门
  { name: 'tel-1 apps and sites disposed', events: [takedown(at('telecom'), 'app_or_site_disposed', 4)], expected: { 'tel-1': 4 } },
  // 公安部门
  { name: 'pol-1 counts 条, not 万条', events: [takedown(at('police'), 'info_removed', 250)], expected: { 'pol-1': 250 } },
  { name: 'pol-2 administrative cases', events: [caseOpened(at('police'), { kind: 'administrative' })], expected: { 'pol-2': 1 } },
  {
    name: 'pol-3 distinct platforms (same platform twice, a non-platform target, a case without a name)',
    events: [
      caseOpened(at('police'), { kind: 'criminal', targetKind: 'platform', platform: '淘宝' }),
      caseOpened(at('police', '650100'), { kind: 'criminal', targetKind: 'platform', platform: ' 淘宝' }),
      caseOpened(at('police'), { kind: 'administrative', targetKind: 'platform', platform: '拼多多' }),
      caseOpened(at('police'), { kind: 'administrative', targetKind: 'website_or_shop', platform: '京东' }),
      caseOpened(at('police'), { kind: 'administrative', targetKind: 'platform' }),
    ],
    expected: { 'pol-2': 3, 'pol-3': 2, 'pol-4': 2 },
  },
  { name: 'pol-4 criminal cases', events: [caseOpened(at('police'), { kind: 'criminal' })], expected: { 'pol-4': 1 } },
  // 海关
  { name: 'cus-1 and cus-2 from the same seizures', events: [seizure(at('customs'), 3, 450), seizure(at('customs', '650100'), 2, 50)], expected: { 'cus-1': 5, 'cus-2': 500 } },
  // 林草局
  {
    name: 'for-1 counts referrals to police, samr, cac and postal only',
    events: ['police', 'samr', 'cac', 'postal', 'customs', 'forestry', 'telecom'].map((to) => leadReferred(at('forestry'), to)),
    expected: { 'for-1': 4 },
  },
  { name: 'for-1 ignores other departments referring to police', events: [leadReferred(at('samr'), 'police'), leadReferred(at('cac'), 'postal')], expected: {} },
  { name: 'for-2 assisted cases', events: [caseAssisted(at('forestry'), 'police'), caseAssisted(at('forestry'), 'samr')], expected: { 'for-2': 2 } },
  // 邮政管理部门
  { name: 'pos-1 postal and express companies inspected', events: [inspection(at('postal'), 'postal_express_company', 18)], expected: { 'pos-1': 18 } },
  { name: 'pos-2 postal cases of any category', events: [caseOpened(at('postal'), { primaryCategory: 'prohibited_goods' }), caseOpened(at('postal'), { primaryCategory: 'counterfeit' })], expected: { 'pos-2': 2 } },
  // 市场监管部门（药监部门）: filled by nmpa and samr
  { name: 'drg-1 from nmpa and from samr', events: [inspection(at('nmpa'), 'drug_platform', 3), inspection(at('samr'), 'drug_platform', 2)], expected: { 'drg-1': 5 } },
  { name: 'drg-2 drug sellers inspected', events: [inspection(at('nmpa'), 'drug_seller', 11)], expected: { 'drg-2': 11 } },
  { name: 'drg-3 device sellers inspected', events: [inspection(at('nmpa'), 'device_seller', 6)], expected: { 'drg-3': 6 } },
  { name: 'drg-4 device platforms inspected', events: [inspection(at('samr'), 'device_platform', 1)], expected: { 'drg-4': 1 } },
  { name: 'drg-5 cosmetics sellers inspected', events: [inspection(at('nmpa'), 'cosmetics_seller', 8)], expected: { 'drg-5': 8 } },
  { name: 'drg-6 device platforms ordered to rectify', events: [rectification(at('nmpa'), 'device_platform', 2)], expected: { 'drg-6': 2 } },
  { name: 'drg-7 device sellers ordered to rectify', events: [rectification(at('samr'), 'device_seller', 5)], expected: { 'drg-7': 5 } },
  {
    name: 'drg-8 drug cases from nmpa and from samr (never also sa-12)',
    events: [caseOpened(at('nmpa'), { primaryCategory: 'drug_online_sales' }), caseOpened(at('samr'), { primaryCategory: 'drug_online_sales' })],
    expected: { 'drg-8': 2 },
  },
  { name: 'drg-9 device sellers cases', events: [caseOpened(at('samr'), { primaryCategory: 'device_online_sales' })], expected: { 'drg-9': 1 } },
  { name: 'drg-10 device platform obligation cases', events: [caseOpened(at('nmpa'), { primaryCategory: 'device_platform_obligation' })], expected: { 'drg-10': 1 } },
  { name: 'drg-11 cosmetics cases', events: [caseOpened(at('nmpa'), { primaryCategory: 'cosmetics_online_sales' })], expected: { 'drg-11': 1 } },
  // 市场监管部门: samr only
  { name: 'sa-1 websites and shops inspected online', events: [inspection(at('samr'), 'website_or_shop', 40)], expected: { 'sa-1': 40 } },
  { name: 'sa-1 is not filled by nmpa', events: [inspection(at('nmpa'), 'website_or_shop', 40)], expected: {} },
  { name: 'sa-2 listings removed', events: [takedown(at('samr'), 'listing_removed', 1_200)], expected: { 'sa-2': 1_200 } },
  { name: 'sa-3 websites ordered to rectify', events: [rectification(at('samr'), 'website', 6)], expected: { 'sa-3': 6 } },
  { name: 'sa-4 site closures requested', events: [takedown(at('samr'), 'site_closure_requested', 2)], expected: { 'sa-4': 2 } },
  { name: 'sa-5 shops stopped', events: [takedown(at('samr'), 'shop_service_stopped', 9)], expected: { 'sa-5': 9 } },
  { name: 'sa-6 counterfeit cases', events: [caseOpened(at('samr'), { primaryCategory: 'counterfeit' })], expected: { 'sa-6': 1 } },
  { name: 'sa-7 platform obligation cases', events: [caseOpened(at('samr'), { primaryCategory: 'platform_obligation' })], expected: { 'sa-7': 1 } },
  { name: 'sa-8 disclosure obligation cases', events: [caseOpened(at('samr'), { primaryCategory: 'disclosure_obligation' })], expected: { 'sa-8': 1 } },
  { name: 'sa-9 unfair competition cases', events: [caseOpened(at('samr'), { primaryCategory: 'unfair_competition' })], expected: { 'sa-9': 1 } },
  { name: 'sa-10 improper pricing cases', events: [caseOpened(at('samr'), { primaryCategory: 'improper_pricing' })], expected: { 'sa-10': 1 } },
  { name: 'sa-11 illegal advertising cases', events: [caseOpened(at('samr'), { primaryCategory: 'illegal_advertising' })], expected: { 'sa-11': 1 } },
  {
    name: 'sa-12 catches every other samr case',
    events: ['prohibited_goods', 'wildlife', 'consumer_rights', 'personal_information', 'food_safety', 'other'].map((primaryCategory) => caseOpened(at('samr'), { primaryCategory })),
    expected: { 'sa-12': 6 },
  },
  { name: 'sa-12 is not filled by nmpa', events: [caseOpened(at('nmpa'), { primaryCategory: 'other' })], expected: {} },
  // Facts no row counts.
  {
    name: 'work no row counts',
    events: [takedown(at('samr'), 'website_closed', 3), takedown(at('samr'), 'other', 3), caseOpened(at('cac'), { primaryCategory: 'counterfeit' }), inspection(at('customs'), 'other', 2)],
    expected: {},
  },
];

describe('each printed row, given events of the campaign (scope all)', () => {
  it.each(cases)('$name', ({ events, expected }) => {
    const report = computeAnnexFromEvents(events, NET_SWORD_2021, { kind: 'all' });
    const values = Object.fromEntries(report.rows.map((row) => [row.id, row.value]));
    const want = Object.fromEntries(NET_SWORD_2021.rows.map((row) => [row.id, expected[row.id] ?? 0]));
    expect(values).toEqual(want);
  });

  it('drives them with events the hub would accept (the fixtures respect the contract)', () => {
    const problems = cases.flatMap((c) =>
      c.events.flatMap((event) => {
        const result = validateEvent({ id: event.id, type: event.type, subject: event.subject, time: event.time, data: event.data }, event.source.split('/')[0] ?? '');
        return result.ok ? [] : result.errors.map((error) => `${c.name}: ${error.path} ${error.message}`);
      }),
    );
    expect(problems).toEqual([]);
  });

  it('covers all 37 rows', () => {
    const driven = new Set(cases.flatMap((c) => Object.keys(c.expected)));
    expect(NET_SWORD_2021.rows.map((row) => row.id).filter((id) => !driven.has(id))).toEqual([]);
  });
});

/*
 * The same 37 rows through corrections and voids: every record is also entered twice by mistake (the twin voided
 * later) and first corrected to a wrong value, then corrected back. The annex must end exactly as printed above,
 * and `asOf` before the follow-ups must answer what was filed then (originals and twins as first entered).
 */
describe('each printed row, given the same records mistyped, twinned, voided and corrected back', () => {
  const FILED = '2021-10-08T01:31:00.000Z'; // the fixtures' recordedAt
  const WRONG = '2021-11-10T02:00:00.000Z';
  const FIXED = '2021-11-20T02:00:00.000Z';
  const RECORD_TYPES = new Set(['takedown.recorded', 'inspection.recorded', 'rectification.ordered', 'seizure.recorded', 'case.opened']);
  /** A field each record kind may correct, and a wrong value for it. */
  const mistake = (event: HubEvent): Record<string, unknown> => {
    const d = event.data;
    if (event.type === 'seizure.recorded') return { pieces: Number(d['pieces']) + 5 };
    if (event.type === 'case.opened') return { primaryCategory: d['primaryCategory'] === 'other' ? 'counterfeit' : 'other' };
    return { count: Number(d['count']) + 1_000 };
  };
  const follow = (record: HubEvent, verb: 'corrected' | 'voided', data: Record<string, unknown>, recordedAt: string): HubEvent => ({
    ...hubEvent(`${record.type.split('.')[0] ?? ''}.${verb}`, record.source, { reason: '录入错误', ...data }, { recordedAt }),
    subject: record.subject,
  });
  const twin = (record: HubEvent): HubEvent => hubEvent(record.type, record.source, record.data, { time: record.time, recordedAt: FILED });

  it.each(cases)('$name', ({ events, expected }) => {
    const records = events.filter((e) => RECORD_TYPES.has(e.type));
    const twins = records.map(twin);
    const log = [
      ...events,
      ...twins,
      ...twins.map((t) => follow(t, 'voided', {}, WRONG)),
      ...records.map((r) => follow(r, 'corrected', mistake(r), WRONG)),
      ...records.map((r) => follow(r, 'corrected', Object.fromEntries(Object.keys(mistake(r)).map((field) => [field, r.data[field]])), FIXED)),
    ];
    const values = (report: ReturnType<typeof computeAnnexFromEvents>): Record<string, number | null> => Object.fromEntries(report.rows.map((row) => [row.id, row.value]));
    const want = Object.fromEntries(NET_SWORD_2021.rows.map((row) => [row.id, expected[row.id] ?? 0]));
    expect(values(computeAnnexFromEvents(log, NET_SWORD_2021, { kind: 'all' }))).toEqual(want);
    const filed = { asOf: '2021-11-01T00:00:00+08:00' };
    expect(values(computeAnnexFromEvents(log, NET_SWORD_2021, { kind: 'all' }, filed))).toEqual(values(computeAnnexFromEvents([...events, ...twins], NET_SWORD_2021, { kind: 'all' }, filed)));
    // While the wrong counts stood, the rows they fill showed them (cases' categories may move nothing: police, postal).
    const counted = records.some((r) => r.type !== 'case.opened') && Object.keys(expected).length > 0;
    if (counted) expect(values(computeAnnexFromEvents(log, NET_SWORD_2021, { kind: 'all' }, { asOf: '2021-11-15T00:00:00+08:00' }))).not.toEqual(want);
  });
});
