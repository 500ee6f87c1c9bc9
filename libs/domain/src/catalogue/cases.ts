import { codeGuard } from './code-list.js';

/** case.opened `kind`: the police annex counts administrative and criminal cases in separate rows. */
export const CASE_KINDS = ['administrative', 'criminal'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const isCaseKind = codeGuard(CASE_KINDS);

export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  administrative: '行政案件',
  criminal: '刑事案件',
};

/**
 * case.closed `outcome` (optional): the grounds for closing a case (结案) under the SAMR
 * administrative-penalty procedure rules, so a closed case can be told apart from a penalised one.
 */
export const CASE_CLOSE_OUTCOMES = [
  'penalty_executed',
  'no_penalty',
  'investigation_terminated',
  'enforcement_terminated',
  'transferred',
  'other',
] as const;
export type CaseCloseOutcome = (typeof CASE_CLOSE_OUTCOMES)[number];
export const isCaseCloseOutcome = codeGuard(CASE_CLOSE_OUTCOMES);

export const CASE_CLOSE_OUTCOME_LABELS: Readonly<Record<CaseCloseOutcome, string>> = {
  penalty_executed: '行政处罚决定执行完毕',
  no_penalty: '不予行政处罚',
  investigation_terminated: '终止调查',
  enforcement_terminated: '法院裁定终结执行',
  transferred: '已移送有关机关',
  other: '其他',
};
