import { codeList } from './code-list.js';

/** 三(二): besides penalties, the plan asks for administrative guidance (行政指导) and interviews (行政约谈). */
export const { codes: GUIDANCE_KINDS, is: isGuidanceKind, labels: GUIDANCE_KIND_LABELS } = codeList({
  guidance: '行政指导',
  interview: '行政约谈',
});
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];

/**
 * 二(六)五: the 7×24 linkage that closes harmful sites. Who may ask (the units with the powers to find a site
 * harmful) and what is to be closed.
 */
export const CLOSURE_REQUESTERS = ['cac', 'police', 'samr'] as const;

export const { codes: CLOSURE_TARGET_KINDS, is: isClosureTargetKind, labels: CLOSURE_TARGET_KIND_LABELS } = codeList({
  website: '网站',
  app: '移动应用',
  mini_program: '小程序',
  account: '网络账号',
  shop: '网店',
});

/** The addressed unit's answer: closed (or the platform took it down), or refused with the reason. */
export const { codes: CLOSURE_DECISIONS, is: isClosureDecision, labels: CLOSURE_DECISION_LABELS } = codeList({
  closed: '已关停',
  refused: '不予关停',
});

/**
 * The procedure clocks of the market-regulation penalty rules the joint office watches (case.overdue `clock`):
 * deciding whether to open a case after a lead, the decision after opening, the handover to the police after
 * the transfer was approved, and the police's decision whether to open a case on a transfer. Their periods and legal basis are LEGAL_CLOCKS'.
 */
export const { codes: CASE_CLOCKS, is: isCaseClock, labels: CASE_CLOCK_LABELS } = codeList({
  lead_to_case_decision: '线索核查及立案决定',
  case_decision: '立案后作出处理决定',
  criminal_transfer_handover: '批准后向公安机关移送',
  police_decision: '公安机关决定是否立案',
});
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** The clocks an approval (case.extended) may lengthen, as the rules allow. */
export const { codes: EXTENDABLE_CASE_CLOCKS, is: isExtendableCaseClock, labels: EXTENDABLE_CASE_CLOCK_LABELS } = codeList({
  case_decision: '立案后作出处理决定',
});

/**
 * The police's answer to a case transferred to it (国务院令第310号第八条): a case opened (立案, naming the police's own
 * case), or not opened with the reason the transferring unit is told.
 */
export const { codes: TRANSFER_DECISIONS, is: isTransferDecision, labels: TRANSFER_DECISION_LABELS } = codeList({
  opened: '已立案',
  declined: '不予立案',
});

/** A unit's verdict on a hit (an alert that another unit reports on a value its open record carries), like a MISP sighting. */
export const { codes: HIT_VERDICTS, is: isHitVerdict, labels: HIT_VERDICT_LABELS } = codeList({
  confirmed: '已确认',
  false_positive: '误报',
});
export type HitVerdict = (typeof HIT_VERDICTS)[number];
