import { codeList } from './code-list.js';

/** case.opened `kind`: the police annex counts administrative and criminal cases in separate rows. */
export const { codes: CASE_KINDS, is: isCaseKind, labels: CASE_KIND_LABELS } = codeList({
  administrative: '行政案件',
  criminal: '刑事案件',
});
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * case.closed `outcome` (optional): the grounds for closing a case (结案) under the SAMR
 * administrative-penalty procedure rules, so a closed case can be told apart from a penalised one.
 */
export const { codes: CASE_CLOSE_OUTCOMES, is: isCaseCloseOutcome, labels: CASE_CLOSE_OUTCOME_LABELS } = codeList({
  penalty_executed: '行政处罚决定执行完毕',
  no_penalty: '不予行政处罚',
  investigation_terminated: '终止调查',
  enforcement_terminated: '法院裁定终结执行',
  transferred: '已移送有关机关',
  other: '其他',
});
export type CaseCloseOutcome = (typeof CASE_CLOSE_OUTCOMES)[number];
