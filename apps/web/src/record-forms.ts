// 我的记录: what a unit may correct per kind of record — the fields `<kind>.corrected` accepts (the domain's
// correction contracts), with the entry forms' labels and client-side rules, so a server error at
// `data.<field>` lands next to the field it names.
import type { RecordKind, RecordStatus } from '@hub/contracts';
import type { FormField } from './entry-forms';

const occurredAt: FormField = { name: 'occurredAt', label: '发生日期', kind: { type: 'date' } };
const count = (label: string): FormField => ({ name: 'count', label, kind: { type: 'count' } });
const platform: FormField = { name: 'platform', label: '平台', kind: { type: 'text', max: 128 } };
/** Widening or narrowing who reads the content is a correction like any other (issue 15). */
const distribution: FormField = { name: 'distribution', label: '共享范围', kind: { type: 'select', source: 'distributionLevels' } };
const targetKind: FormField = { name: 'targetKind', label: '对象类型', kind: { type: 'select', source: 'targetKinds' } };

export const CORRECTABLE: Record<RecordKind, FormField[]> = {
  lead: [
    { name: 'category', label: '违法类别', kind: { type: 'select', source: 'categories' } },
    { name: 'channel', label: '线索来源', kind: { type: 'select', source: 'leadChannels' } },
    platform,
    { name: 'productCategory', label: '商品类别', kind: { type: 'text', max: 128 } },
    { name: 'summary', label: '线索摘要', kind: { type: 'text', max: 4000, multiline: true } },
    distribution,
    occurredAt,
  ],
  takedown: [{ name: 'action', label: '处置方式', kind: { type: 'select', source: 'takedownActions' } }, count('数量'), platform, occurredAt],
  inspection: [targetKind, count('检查数量'), occurredAt],
  rectification: [targetKind, count('责令整改数量'), occurredAt],
  seizure: [
    { name: 'channel', label: '渠道', kind: { type: 'select', source: 'seizureChannels' } },
    { name: 'batches', label: '批次', kind: { type: 'count' } },
    { name: 'pieces', label: '件数', kind: { type: 'count' } },
    occurredAt,
  ],
  case: [
    { name: 'caseNo', label: '案号', kind: { type: 'text', max: 128 } },
    { name: 'kind', label: '案件类型', kind: { type: 'select', source: 'caseKinds' } },
    { name: 'primaryCategory', label: '主要违法类别', kind: { type: 'select', source: 'categories' } },
    { name: 'otherCategories', label: '兼涉违法类别', kind: { type: 'multiselect', source: 'categories' } },
    targetKind,
    platform,
    { name: 'decisionNo', label: '行政处罚决定书文号', kind: { type: 'text', max: 128 } },
    { name: 'fine', label: '罚款（元）', kind: { type: 'money' } },
    { name: 'confiscation', label: '没收（元）', kind: { type: 'money' } },
    distribution,
    occurredAt,
  ],
};

export const KIND_LABEL: Record<RecordKind, string> = {
  lead: '线索',
  case: '案件',
  takedown: '处置',
  inspection: '检查',
  seizure: '查扣',
  rectification: '责令整改',
};

export const STATUS_LABEL: Record<RecordStatus, string> = { recorded: '原始', corrected: '已更正', voided: '已作废' };

/** Whether two field values are the same (arrays by their items): a correction sends only what changed. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return (a ?? null) === (b ?? null);
}
