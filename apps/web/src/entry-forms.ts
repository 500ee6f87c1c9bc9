// The clerk's web forms, one per kind of work, as data: which event each submits, under which subject,
// and its fields with Chinese labels and client-side rules. Field names are the event's data fields, so
// a server error at `data.<field>` lands next to the field it names.
import type { Catalogue } from '@hub/contracts';

export type OptionSource = keyof Omit<Catalogue, 'campaign' | 'campaigns'>;

export type FieldKind =
  | { type: 'text'; max?: number; multiline?: boolean }
  | { type: 'id' }
  | { type: 'ids' }
  | { type: 'count' }
  | { type: 'money' }
  | { type: 'date' }
  | { type: 'select'; source: OptionSource }
  | { type: 'multiselect'; source: OptionSource }
  | { type: 'entities' }
  /** A yes/no switch: on sends true, off sends nothing. */
  | { type: 'flag' };

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  placeholder?: string;
}

export const ENTRY_GROUPS = ['线索', '执法', '案件', '移送协查', '经营者名录', '指导与抽检', '紧急关停'] as const;
export type EntryGroup = (typeof ENTRY_GROUPS)[number];

export interface EntryForm {
  type: string;
  title: string;
  group: EntryGroup;
  /** Only these departments' units may submit it (the catalogue's publishers); every unit when absent. */
  departments?: readonly string[];
  /** The subject is `<aggregate>/<value of keyField>`; keyField is not sent in data unless `keyInData`. */
  aggregate: string;
  keyField: FormField;
  keyInData?: boolean;
  /** Data the form always sends (e.g. a transfer's only possible addressee department). */
  fixed?: Readonly<Record<string, string>>;
  fields: FormField[];
}

const key = (label: string): FormField => ({ name: 'key', label, kind: { type: 'id' }, required: true, placeholder: '本单位编号，如 L-2021-0001' });
const time = (label: string): FormField => ({ name: 'time', label, kind: { type: 'date' }, required: true });
const note: FormField = { name: 'note', label: '备注', kind: { type: 'text', max: 2000, multiline: true } };
/** Who reads the record's content (DESIGN "Sharing"); left empty, the campaign's default (every unit) applies. */
const distribution: FormField = { name: 'distribution', label: '共享范围', kind: { type: 'select', source: 'distributionLevels' }, placeholder: '默认：联席会议全体成员单位' };
const count = (label = '数量'): FormField => ({ name: 'count', label, kind: { type: 'count' }, required: true });

export const ENTRY_FORMS: EntryForm[] = [
  {
    type: 'lead.reported',
    title: '登记线索',
    group: '线索',
    aggregate: 'lead',
    keyField: key('线索编号'),
    fields: [
      time('发现日期'),
      { name: 'category', label: '违法类别', kind: { type: 'select', source: 'categories' }, required: true },
      { name: 'channel', label: '线索来源', kind: { type: 'select', source: 'leadChannels' }, required: true },
      { name: 'platform', label: '平台', kind: { type: 'text', max: 128 }, placeholder: '如 淘宝' },
      { name: 'productCategory', label: '商品类别', kind: { type: 'select', source: 'productCategories' } },
      { name: 'productDescription', label: '商品描述', kind: { type: 'text', max: 128 }, placeholder: '如 运动鞋、儿童面霜' },
      { name: 'summary', label: '线索摘要', kind: { type: 'text', max: 4000, multiline: true }, required: true },
      { name: 'entities', label: '涉及主体标识', kind: { type: 'entities' } },
      distribution,
    ],
  },
  {
    type: 'lead.referred',
    title: '移送线索',
    group: '移送协查',
    aggregate: 'lead',
    keyField: key('被移送的线索编号'),
    fields: [
      time('移送日期'),
      { name: 'referralId', label: '移送编号', kind: { type: 'id' }, required: true, placeholder: '如 R-2021-0007' },
      { name: 'toDepartment', label: '接收部门', kind: { type: 'select', source: 'departments' }, required: true },
      { name: 'toRegion', label: '接收地区', kind: { type: 'select', source: 'regions' }, required: true },
      { name: 'reason', label: '移送理由', kind: { type: 'text', max: 2000, multiline: true }, required: true },
      { name: 'dueAt', label: '答复期限', kind: { type: 'date' } },
    ],
  },
  {
    type: 'lead.closed',
    title: '办结线索',
    group: '线索',
    aggregate: 'lead',
    keyField: key('线索编号'),
    fields: [
      time('办结日期'),
      { name: 'outcome', label: '办结结果', kind: { type: 'select', source: 'leadCloseOutcomes' }, required: true },
      { name: 'caseId', label: '案件编号', kind: { type: 'id' } },
      note,
    ],
  },
  {
    type: 'takedown.recorded',
    title: '记录处置',
    group: '执法',
    aggregate: 'takedown',
    keyField: key('处置编号'),
    fields: [
      time('处置日期'),
      { name: 'action', label: '处置方式', kind: { type: 'select', source: 'takedownActions' }, required: true },
      count(),
      { name: 'platform', label: '平台', kind: { type: 'text', max: 128 } },
      { name: 'leadId', label: '关联线索编号', kind: { type: 'id' } },
      note,
    ],
  },
  {
    type: 'inspection.recorded',
    title: '记录检查',
    group: '执法',
    aggregate: 'inspection',
    keyField: key('检查编号'),
    fields: [
      time('检查日期'),
      { name: 'targetKind', label: '检查对象类型', kind: { type: 'select', source: 'targetKinds' }, required: true },
      count('检查数量'),
      { name: 'drawId', label: '双随机抽查编号', kind: { type: 'id' }, placeholder: '按本单位双随机抽查检查的，填写抽查编号，如 D-2021-0001' },
      note,
    ],
  },
  {
    type: 'rectification.ordered',
    title: '责令整改',
    group: '执法',
    aggregate: 'rectification',
    keyField: key('整改编号'),
    fields: [time('责令日期'), { name: 'targetKind', label: '对象类型', kind: { type: 'select', source: 'targetKinds' }, required: true }, count(), note],
  },
  {
    type: 'seizure.recorded',
    title: '记录查获',
    group: '执法',
    aggregate: 'seizure',
    keyField: key('查获编号'),
    fields: [
      time('查获日期'),
      { name: 'channel', label: '渠道', kind: { type: 'select', source: 'seizureChannels' }, required: true },
      { name: 'batches', label: '批次', kind: { type: 'count' }, required: true },
      { name: 'pieces', label: '件数', kind: { type: 'count' }, required: true },
      note,
    ],
  },
  {
    type: 'case.opened',
    title: '立案',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [
      time('立案日期'),
      { name: 'caseNo', label: '案号', kind: { type: 'text', max: 128 }, required: true, placeholder: '如 喀市监立〔2021〕12号' },
      { name: 'kind', label: '案件类型', kind: { type: 'select', source: 'caseKinds' }, required: true },
      { name: 'primaryCategory', label: '主要违法类别', kind: { type: 'select', source: 'categories' }, required: true },
      { name: 'otherCategories', label: '其他违法类别', kind: { type: 'multiselect', source: 'categories' } },
      { name: 'leadIds', label: '关联线索编号', kind: { type: 'ids' }, placeholder: '多个用顿号或逗号分隔' },
      { name: 'entities', label: '涉案主体标识', kind: { type: 'entities' } },
      { name: 'targetKind', label: '对象类型', kind: { type: 'select', source: 'targetKinds' } },
      { name: 'platform', label: '平台', kind: { type: 'text', max: 128 } },
      distribution,
    ],
  },
  {
    type: 'case.decided',
    title: '作出处罚决定',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [
      time('决定日期'),
      { name: 'decisionNo', label: '处罚决定书文号', kind: { type: 'text', max: 128 }, required: true },
      { name: 'fine', label: '罚款（元）', kind: { type: 'money' }, required: true },
      { name: 'confiscation', label: '没收违法所得（元）', kind: { type: 'money' }, required: true },
    ],
  },
  {
    type: 'case.closed',
    title: '结案',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [time('结案日期'), { name: 'outcome', label: '结案情形', kind: { type: 'select', source: 'caseCloseOutcomes' } }, note],
  },
  {
    type: 'case.marked_typical',
    title: '列为典型案例',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [time('日期'), { name: 'reason', label: '典型意义', kind: { type: 'text', max: 2000, multiline: true } }],
  },
  {
    type: 'referral.feedback',
    title: '反馈处理结果',
    group: '移送协查',
    aggregate: 'referral',
    keyField: { ...key('移送编号'), placeholder: '收到的移送编号' },
    keyInData: true,
    fields: [
      time('反馈日期'),
      { name: 'outcome', label: '处理结果', kind: { type: 'select', source: 'leadCloseOutcomes' }, required: true },
      { name: 'caseId', label: '案件编号', kind: { type: 'id' } },
      note,
    ],
  },
  {
    type: 'operator.registered',
    title: '登记经营者',
    group: '经营者名录',
    aggregate: 'operator',
    keyField: { ...key('经营者编号'), placeholder: '本单位编号，如 OP-2021-0001' },
    fields: [
      time('登记日期'),
      { name: 'kind', label: '经营者类型', kind: { type: 'select', source: 'operatorKinds' }, required: true },
      { name: 'name', label: '名称', kind: { type: 'text', max: 128 }, required: true },
      { name: 'uscc', label: '统一社会信用代码', kind: { type: 'text', max: 18 }, placeholder: '未办理市场主体登记的请打开“自我声明”' },
      { name: 'selfDeclared', label: '自我声明', kind: { type: 'flag' } },
      { name: 'platform', label: '所在平台', kind: { type: 'text', max: 128 }, placeholder: '平台内经营者必填，如 淘宝' },
      { name: 'shopId', label: '店铺ID', kind: { type: 'text', max: 128 }, placeholder: '平台内经营者必填' },
      { name: 'domain', label: '网站域名', kind: { type: 'text', max: 128 } },
      { name: 'icpFiling', label: 'ICP备案号', kind: { type: 'text', max: 128 }, placeholder: '如 新ICP备12345678号-1' },
      { name: 'licenceDisplay', label: '亮照', kind: { type: 'select', source: 'displayStates' }, required: true },
      { name: 'permitDisplay', label: '亮证', kind: { type: 'select', source: 'displayStates' }, required: true },
      { name: 'markDisplay', label: '亮标', kind: { type: 'select', source: 'displayStates' }, required: true },
      { name: 'selfOperatedLabelling', label: '自营标记（平台）', kind: { type: 'select', source: 'selfOperatedLabelling' } },
      { name: 'region', label: '经营地区', kind: { type: 'select', source: 'regions' }, required: true },
    ],
  },
  {
    type: 'operator.updated',
    title: '更新经营者信息',
    group: '经营者名录',
    aggregate: 'operator',
    keyField: key('经营者编号'),
    fields: [
      time('更新日期'),
      { name: 'note', label: '更新说明', kind: { type: 'text', max: 2000, multiline: true }, required: true },
      { name: 'licenceDisplay', label: '亮照', kind: { type: 'select', source: 'displayStates' } },
      { name: 'permitDisplay', label: '亮证', kind: { type: 'select', source: 'displayStates' } },
      { name: 'markDisplay', label: '亮标', kind: { type: 'select', source: 'displayStates' } },
      { name: 'selfOperatedLabelling', label: '自营标记（平台）', kind: { type: 'select', source: 'selfOperatedLabelling' } },
      { name: 'uscc', label: '统一社会信用代码', kind: { type: 'text', max: 18 } },
      { name: 'domain', label: '网站域名', kind: { type: 'text', max: 128 } },
      { name: 'icpFiling', label: 'ICP备案号', kind: { type: 'text', max: 128 } },
      { name: 'name', label: '名称', kind: { type: 'text', max: 128 } },
    ],
  },
  {
    type: 'guidance.given',
    title: '行政指导/约谈',
    group: '指导与抽检',
    aggregate: 'guidance',
    keyField: { ...key('指导编号'), placeholder: '本单位编号，如 G-2021-0001' },
    fields: [
      time('登记日期'),
      { name: 'kind', label: '方式', kind: { type: 'select', source: 'guidanceKinds' }, required: true },
      { name: 'operatorName', label: '经营者名称', kind: { type: 'text', max: 128 }, required: true },
      { name: 'operatorRef', label: '名录中的经营者', kind: { type: 'text', max: 300 }, placeholder: '已登记的写名录编号，如 samr/653100/operator/OP-1' },
      { name: 'topic', label: '指导/约谈事项', kind: { type: 'text', max: 2000, multiline: true }, required: true },
      { name: 'heldAt', label: '指导/约谈日期', kind: { type: 'date' }, required: true },
      { name: 'participants', label: '参加部门', kind: { type: 'multiselect', source: 'departments' }, required: true },
    ],
  },
  {
    type: 'sampling.recorded',
    title: '记录抽检',
    group: '指导与抽检',
    aggregate: 'sampling',
    keyField: { ...key('抽检编号'), placeholder: '本单位编号，如 SP-2021-0001' },
    fields: [
      time('抽检日期'),
      { name: 'productCategory', label: '商品类别', kind: { type: 'select', source: 'productCategories' }, required: true },
      { name: 'productDescription', label: '商品描述', kind: { type: 'text', max: 128 }, placeholder: '如 儿童面霜' },
      { name: 'batches', label: '抽检批次', kind: { type: 'count' }, required: true },
      { name: 'failed', label: '不合格批次', kind: { type: 'count' }, required: true },
      { name: 'operatorRef', label: '名录中的经营者', kind: { type: 'text', max: 300 }, placeholder: '已登记的写名录编号，如 samr/653100/operator/OP-1' },
      { name: 'publishedAt', label: '结果公开日期', kind: { type: 'date' } },
    ],
  },
  {
    type: 'closure.requested',
    title: '紧急关停请求',
    group: '紧急关停',
    departments: ['cac', 'police', 'samr'],
    aggregate: 'closure',
    keyField: { ...key('请求编号'), placeholder: '本单位编号，如 CL-2021-0001' },
    fields: [
      time('请求日期'),
      { name: 'toDepartment', label: '处置部门', kind: { type: 'select', source: 'departments' }, required: true, placeholder: '网站、接入：通信管理局；平台内：负责该平台的部门' },
      { name: 'toRegion', label: '处置部门地区', kind: { type: 'select', source: 'regions' }, required: true },
      { name: 'targetKind', label: '关停对象类型', kind: { type: 'select', source: 'closureTargetKinds' }, required: true },
      { name: 'target', label: '关停对象', kind: { type: 'text', max: 2048 }, required: true, placeholder: '网址、域名、应用或账号' },
      { name: 'platform', label: '所在平台', kind: { type: 'text', max: 128 } },
      { name: 'operatorRef', label: '名录中的经营者', kind: { type: 'text', max: 300 }, placeholder: '已登记的写名录编号，如 samr/653100/operator/OP-1' },
      { name: 'reason', label: '关停理由', kind: { type: 'text', max: 2000, multiline: true }, required: true },
    ],
  },
  {
    type: 'case.transferred',
    title: '移送公安机关',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fixed: { toDepartment: 'police' },
    fields: [
      time('移送日期'),
      { name: 'toRegion', label: '接收公安机关地区', kind: { type: 'select', source: 'regions' }, placeholder: '默认：本单位所在地区' },
      { name: 'approvedAt', label: '批准移送日期', kind: { type: 'date' } },
      { name: 'reason', label: '移送理由', kind: { type: 'text', max: 2000, multiline: true }, placeholder: '如 涉案金额较大，涉嫌犯罪' },
    ],
  },
  {
    type: 'case.extended',
    title: '延长办案期限',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [
      time('批准日期'),
      { name: 'clock', label: '延长的期限', kind: { type: 'select', source: 'extendableCaseClocks' }, required: true },
      { name: 'approvedBy', label: '批准人（负责人）', kind: { type: 'text', max: 128 }, required: true },
      { name: 'reason', label: '延长理由', kind: { type: 'text', max: 2000, multiline: true }, required: true },
    ],
  },
  {
    type: 'case.suspended',
    title: '中止案件调查',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [time('中止日期'), { name: 'reason', label: '中止理由', kind: { type: 'text', max: 2000, multiline: true }, required: true }],
  },
  {
    type: 'case.resumed',
    title: '恢复案件调查',
    group: '案件',
    aggregate: 'case',
    keyField: key('案件编号'),
    fields: [time('恢复日期'), { name: 'note', label: '说明', kind: { type: 'text', max: 2000, multiline: true } }],
  },
];

/** The form a page opens with (the array's first; the fallback only satisfies the type checker). */
export const DEFAULT_FORM: EntryForm = ENTRY_FORMS[0] ?? { type: 'lead.reported', title: '登记线索', group: '线索', aggregate: 'lead', keyField: key('线索编号'), fields: [] };

/** The form of an event type, or the default one. */
export const formOf = (type: unknown): EntryForm => ENTRY_FORMS.find((form) => form.type === type) ?? DEFAULT_FORM;

const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The client's own check of one value, in Chinese; undefined when fine. */
export function checkField(field: FormField, value: unknown): string | undefined {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return field.required ? `请填写${field.label}` : undefined;
  switch (field.kind.type) {
    case 'id':
      return ID.test(value as string) ? undefined : '只能由字母、数字、- 和 _ 组成（1至128位）';
    case 'ids':
      return (value as string)
        .split(/[、,，\s]+/)
        .filter(Boolean)
        .every((id) => ID.test(id))
        ? undefined
        : '每个编号只能由字母、数字、- 和 _ 组成';
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 ? undefined : '应为不小于0的整数';
    case 'money':
      return typeof value === 'number' && value >= 0 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? undefined : '应为金额（元），最多两位小数';
    case 'text':
      return field.kind.max !== undefined && (value as string).length > field.kind.max ? `过长（不超过${field.kind.max}字）` : undefined;
    case 'entities':
      return (value as { kind: string | null; value: string }[]).some((entity) => !entity.kind || entity.value.trim() === '') ? '请选择类型并填写内容，或删除空行' : undefined;
    default:
      return undefined;
  }
}

/** A picked date (the date picker's ms at the browser's local midnight) as that date at 00:00 in the campaign's +08:00. */
export function campaignDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T00:00:00+08:00`;
}
