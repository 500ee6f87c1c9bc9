import { codeGuard } from './code-list.js';

/** How a lead reached the department (lead.reported `channel`). */
export const LEAD_CHANNELS = ['monitoring', 'complaint', 'inspection', 'tip', 'referral'] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];
export const isLeadChannel = codeGuard(LEAD_CHANNELS);

export const LEAD_CHANNEL_LABELS: Readonly<Record<LeadChannel, string>> = {
  monitoring: '网络监测',
  complaint: '投诉',
  inspection: '监督检查',
  tip: '举报',
  referral: '部门移送',
};

/** The receiver's answer to a referral (referral.answered `decision`). */
export const REFERRAL_DECISIONS = ['accepted', 'rejected', 'returned'] as const;
export type ReferralDecision = (typeof REFERRAL_DECISIONS)[number];
export const isReferralDecision = codeGuard(REFERRAL_DECISIONS);

export const REFERRAL_DECISION_LABELS: Readonly<Record<ReferralDecision, string>> = {
  accepted: '接收',
  rejected: '不予接收',
  returned: '退回',
};

/**
 * How a lead ends (lead.closed `outcome`). referral.feedback reuses the list: the receiver reports
 * what became of the referred lead in the same terms the sender would have used.
 */
export const LEAD_CLOSE_OUTCOMES = ['case_opened', 'no_violation', 'merged', 'referred_out'] as const;
export type LeadCloseOutcome = (typeof LEAD_CLOSE_OUTCOMES)[number];
export const isLeadCloseOutcome = codeGuard(LEAD_CLOSE_OUTCOMES);

export const LEAD_CLOSE_OUTCOME_LABELS: Readonly<Record<LeadCloseOutcome, string>> = {
  case_opened: '已立案',
  no_violation: '未发现违法',
  merged: '并案处理',
  referred_out: '已移送',
};

/**
 * The referral deadlines the joint office watches (referral.overdue `clock`): the receiver's answer,
 * its decision whether to open a case (立案, 15 working days), and its result feedback.
 */
export const REFERRAL_CLOCKS = ['answer', 'filing', 'feedback'] as const;
export type ReferralClock = (typeof REFERRAL_CLOCKS)[number];
export const isReferralClock = codeGuard(REFERRAL_CLOCKS);

export const REFERRAL_CLOCK_LABELS: Readonly<Record<ReferralClock, string>> = {
  answer: '接收答复',
  filing: '立案决定',
  feedback: '处理结果反馈',
};

/**
 * Why the joint office suggests a jurisdiction (jurisdiction.suggested `basis`): platforms are
 * handled where they are domiciled, in-platform sellers where they actually do business, and a
 * USCC names the registering area.
 */
export const JURISDICTION_BASES = ['platform_domicile', 'place_of_business', 'registration_area', 'other'] as const;
export type JurisdictionBasis = (typeof JURISDICTION_BASES)[number];
export const isJurisdictionBasis = codeGuard(JURISDICTION_BASES);

export const JURISDICTION_BASIS_LABELS: Readonly<Record<JurisdictionBasis, string>> = {
  platform_domicile: '平台住所地',
  place_of_business: '实际经营地',
  registration_area: '登记机关所在地',
  other: '其他',
};
