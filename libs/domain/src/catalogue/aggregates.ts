import { codeList } from './code-list.js';

/**
 * Aggregate types: the first half of an event's subject (`lead/<id>`) and a token of its NATS
 * subject, so they are lowercase ASCII without dots.
 */
export const { codes: AGGREGATE_TYPES, is: isAggregateType, labels: AGGREGATE_TYPE_LABELS } = codeList({
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
  guidance: '行政指导',
  sampling: '抽检',
  closure: '紧急关停',
  draw: '双随机抽查',
  hit: '关联命中',
  log: '事件日志',
});
export type AggregateType = (typeof AGGREGATE_TYPES)[number];
