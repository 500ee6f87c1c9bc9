import { codeGuard } from './code-list.js';

/**
 * Aggregate types: the first half of an event's subject (`lead/<id>`) and a token of its NATS
 * subject, so they are lowercase ASCII without dots.
 */
export const AGGREGATE_TYPES = [
  'lead',
  'referral',
  'case',
  'takedown',
  'inspection',
  'rectification',
  'seizure',
  'operator',
  'cluster',
  'report',
  'account',
] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];
export const isAggregateType = codeGuard(AGGREGATE_TYPES);

export const AGGREGATE_TYPE_LABELS: Readonly<Record<AggregateType, string>> = {
  lead: '线索',
  referral: '移送协查',
  case: '案件',
  takedown: '处置',
  inspection: '检查',
  rectification: '责令整改',
  seizure: '查获',
  operator: '经营主体',
  cluster: '关联线索组',
  report: '工作总结',
  account: '账号',
};
