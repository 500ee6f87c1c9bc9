import { codeList } from './code-list.js';

/** How a lead reached the department (lead.reported `channel`). */
export const { codes: LEAD_CHANNELS, is: isLeadChannel, labels: LEAD_CHANNEL_LABELS } = codeList({
  monitoring: '网络监测',
  complaint: '投诉',
  inspection: '监督检查',
  tip: '举报',
  referral: '部门移送',
});
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

/** The receiver's answer to a referral (referral.answered `decision`). */
export const { codes: REFERRAL_DECISIONS, is: isReferralDecision, labels: REFERRAL_DECISION_LABELS } = codeList({
  accepted: '接收',
  rejected: '不予接收',
  returned: '退回',
});
export type ReferralDecision = (typeof REFERRAL_DECISIONS)[number];

/**
 * How a lead ends (lead.closed `outcome`). referral.feedback reuses the list: the receiver reports
 * what became of the referred lead in the same terms the sender would have used.
 */
export const { codes: LEAD_CLOSE_OUTCOMES, is: isLeadCloseOutcome, labels: LEAD_CLOSE_OUTCOME_LABELS } = codeList({
  case_opened: '已立案',
  no_violation: '未发现违法',
  merged: '并案处理',
  referred_out: '已移送',
});
export type LeadCloseOutcome = (typeof LEAD_CLOSE_OUTCOMES)[number];

/**
 * The referral deadlines the joint office watches (referral.overdue `clock`): the receiver's answer,
 * its decision whether to open a case (立案, 15 working days), and its result feedback.
 */
export const { codes: REFERRAL_CLOCKS, is: isReferralClock, labels: REFERRAL_CLOCK_LABELS } = codeList({
  answer: '接收答复',
  filing: '立案决定',
  feedback: '处理结果反馈',
});
export type ReferralClock = (typeof REFERRAL_CLOCKS)[number];

/**
 * Why the joint office suggests a jurisdiction (jurisdiction.suggested `basis`): platforms are
 * handled where they are domiciled, in-platform sellers where they actually do business, and a
 * USCC names the registering area.
 */
export const { codes: JURISDICTION_BASES, is: isJurisdictionBasis, labels: JURISDICTION_BASIS_LABELS } = codeList({
  platform_domicile: '平台住所地',
  place_of_business: '实际经营地',
  registration_area: '登记机关所在地',
  other: '其他',
});
export type JurisdictionBasis = (typeof JURISDICTION_BASES)[number];
