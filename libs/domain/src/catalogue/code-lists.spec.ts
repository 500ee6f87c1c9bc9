import { describe, expect, it } from '@jest/globals';
import { AGGREGATE_TYPE_LABELS, AGGREGATE_TYPES, isAggregateType } from './aggregates.js';
import { CASE_CLOSE_OUTCOME_LABELS, CASE_CLOSE_OUTCOMES, CASE_KIND_LABELS, CASE_KINDS, isCaseKind } from './cases.js';
import {
  isTakedownAction,
  isTargetKind,
  SEIZURE_CHANNEL_LABELS,
  SEIZURE_CHANNELS,
  TAKEDOWN_ACTION_LABELS,
  TAKEDOWN_ACTIONS,
  TARGET_KIND_LABELS,
  TARGET_KINDS,
} from './enforcement.js';
import { ENTITY_KIND_LABELS, ENTITY_KINDS, isEntityKind } from './entity-kinds.js';
import {
  isLeadChannel,
  isReferralDecision,
  JURISDICTION_BASES,
  JURISDICTION_BASIS_LABELS,
  LEAD_CHANNEL_LABELS,
  LEAD_CHANNELS,
  LEAD_CLOSE_OUTCOME_LABELS,
  LEAD_CLOSE_OUTCOMES,
  REFERRAL_CLOCK_LABELS,
  REFERRAL_CLOCKS,
  REFERRAL_DECISION_LABELS,
  REFERRAL_DECISIONS,
} from './leads.js';
import { isViolationCategory, VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS } from './violations.js';

const lists: Array<[string, readonly string[], Readonly<Record<string, string>>]> = [
  ['violation categories', VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS],
  ['takedown actions', TAKEDOWN_ACTIONS, TAKEDOWN_ACTION_LABELS],
  ['target kinds', TARGET_KINDS, TARGET_KIND_LABELS],
  ['seizure channels', SEIZURE_CHANNELS, SEIZURE_CHANNEL_LABELS],
  ['entity kinds', ENTITY_KINDS, ENTITY_KIND_LABELS],
  ['aggregate types', AGGREGATE_TYPES, AGGREGATE_TYPE_LABELS],
  ['lead channels', LEAD_CHANNELS, LEAD_CHANNEL_LABELS],
  ['referral decisions', REFERRAL_DECISIONS, REFERRAL_DECISION_LABELS],
  ['lead close outcomes', LEAD_CLOSE_OUTCOMES, LEAD_CLOSE_OUTCOME_LABELS],
  ['referral clocks', REFERRAL_CLOCKS, REFERRAL_CLOCK_LABELS],
  ['jurisdiction bases', JURISDICTION_BASES, JURISDICTION_BASIS_LABELS],
  ['case kinds', CASE_KINDS, CASE_KIND_LABELS],
  ['case close outcomes', CASE_CLOSE_OUTCOMES, CASE_CLOSE_OUTCOME_LABELS],
];

describe('code lists', () => {
  it.each(lists)('given the %s, when reading the labels, then every code has exactly one Chinese label', (_name, codes, labels) => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^[a-z][a-z_]*$/);
      expect(labels[code]).toMatch(/\p{Script=Han}/u);
    }
  });

  it('given the design, when counting codes, then the lists have the contract sizes', () => {
    expect(VIOLATION_CATEGORIES).toHaveLength(16);
    expect(TAKEDOWN_ACTIONS).toHaveLength(9);
    expect(TARGET_KINDS).toHaveLength(10);
    expect(ENTITY_KINDS).toEqual(['uscc', 'phone', 'domain', 'shop_url', 'listing_url', 'app_id', 'platform_account', 'waybill']);
    expect(AGGREGATE_TYPES).toHaveLength(17);
    expect(LEAD_CHANNELS).toEqual(['monitoring', 'complaint', 'inspection', 'tip', 'referral']);
    expect(REFERRAL_DECISIONS).toEqual(['accepted', 'rejected', 'returned']);
    expect(LEAD_CLOSE_OUTCOMES).toEqual(['case_opened', 'no_violation', 'merged', 'referred_out']);
    expect(CASE_KINDS).toEqual(['administrative', 'criminal']);
  });

  it('given UI needs, when reading a label, then it uses the annex wording', () => {
    expect(VIOLATION_CATEGORY_LABELS.counterfeit).toBe('网络侵权假冒伪劣');
    expect(TARGET_KIND_LABELS.postal_express_company).toBe('邮政企业、快递企业');
  });

  it('given values of any type, when guarding, then only listed strings pass', () => {
    expect(isViolationCategory('wildlife')).toBe(true);
    expect(isViolationCategory('Wildlife')).toBe(false);
    expect(isTakedownAction('info_removed')).toBe(true);
    expect(isTargetKind('website')).toBe(true);
    expect(isEntityKind('waybill')).toBe(true);
    expect(isEntityKind('email')).toBe(false);
    expect(isAggregateType('cluster')).toBe(true);
    expect(isLeadChannel('referral')).toBe(true);
    expect(isReferralDecision(null)).toBe(false);
    expect(isCaseKind(['criminal'])).toBe(false);
    expect(isCaseKind('toString')).toBe(false);
  });
});
