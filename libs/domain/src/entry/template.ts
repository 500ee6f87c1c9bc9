import type { AggregateType } from '../catalogue/aggregates.js';
import type { EntityKind } from '../catalogue/entity-kinds.js';
import type { CampaignDefinition } from '../annex/types.js';
import { mayPublish, type EventType } from '../events/catalogue.js';
import type { EntryCodeListName } from './code-lists.js';

/**
 * Printed on the template's 说明 sheet and checked on upload: a file made from another version may
 * have its columns in other places, so it is refused rather than guessed at.
 */
export const ENTRY_TEMPLATE_VERSION = 'WJ-2021-1';
export const INSTRUCTIONS_SHEET = '填写说明';
export const CODES_SHEET = '代码表';
export const VERSION_LABEL = '模板版本';
export const KEY_HEADER = '编号';
/** Rows whose 编号 starts with this are the template's examples and are never stored. */
export const EXAMPLE_KEY_PREFIX = '示例';

export type EntryColumnKind =
  | { type: 'key' }
  | { type: 'text'; max: number }
  | { type: 'count' }
  | { type: 'money' }
  | { type: 'date' }
  | { type: 'code'; list: EntryCodeListName }
  | { type: 'codes'; list: EntryCodeListName }
  | { type: 'ids' }
  | { type: 'id' }
  | { type: 'entity'; entityKind: EntityKind }
  /** A USCC of the register itself (not a lead's entity): a wrong check character is refused. */
  | { type: 'uscc' }
  /** 是 / 否 (dropdown `yesNo`), stored as true / false. */
  | { type: 'flag' }
  /** The register's ICP filing number and site domain, checked with Chinese messages. */
  | { type: 'icp' }
  | { type: 'domain' };

export interface EntryColumn {
  readonly header: string;
  /**
   * Where the value goes: a field of the event's data, `time` (the event's time), or for `entity`
   * columns `entities` (each filled entity column adds one {kind, value}).
   */
  readonly field: string;
  readonly kind: EntryColumnKind;
  readonly required: boolean;
  /** The example row's value. */
  readonly example: string | number;
  /** Shown as the header cell's note. */
  readonly hint?: string;
  /** For case rows: columns that belong to a second event (case.decided) emitted when any of them is filled. */
  readonly event?: EventType;
  readonly width?: number;
}

export type EntrySheetKind = 'leads' | 'takedowns' | 'inspections' | 'rectifications' | 'seizures' | 'cases' | 'transfers' | 'transferAnswers' | 'referrals' | 'operators' | 'guidance' | 'samplings';

export interface EntrySheet {
  readonly kind: EntrySheetKind;
  readonly name: string;
  readonly eventType: EventType;
  /** The aggregate the row's 编号 names; for referrals the subject is the referred lead instead. */
  readonly aggregateType: AggregateType;
  readonly columns: readonly EntryColumn[];
}

const key = (example: string): EntryColumn => ({
  header: KEY_HEADER,
  field: 'key',
  kind: { type: 'key' },
  required: true,
  example,
  hint: '本单位自编的唯一编号（字母、数字、- 或 _），同一编号再次上传不会重复入库',
  width: 16,
});
const date = (header: string, example: string): EntryColumn => ({
  header,
  field: 'time',
  kind: { type: 'date' },
  required: true,
  example,
  hint: '日期，如 2021-10-08 或 2021年10月8日',
  width: 14,
});
const col = (header: string, field: string, kind: EntryColumnKind, required: boolean, example: string | number, extra: Partial<EntryColumn> = {}): EntryColumn => ({
  header,
  field,
  kind,
  required,
  example,
  ...extra,
});
const entity = (header: string, entityKind: EntityKind, example: string): EntryColumn => col(header, 'entities', { type: 'entity', entityKind }, false, example, { width: 22 });
const note = col('备注', 'note', { type: 'text', max: 2000 }, false, '', { width: 24 });

const SHEETS: Readonly<Record<EntrySheetKind, EntrySheet>> = {
  leads: {
    kind: 'leads',
    name: '线索',
    eventType: 'lead.reported',
    aggregateType: 'lead',
    columns: [
      key('L-2021-0001'),
      date('发现日期', '2021-10-08'),
      col('违法类别', 'category', { type: 'code', list: 'category' }, true, '网络侵权假冒伪劣', { width: 22 }),
      col('线索来源', 'channel', { type: 'code', list: 'leadChannel' }, true, '网络监测'),
      col('平台', 'platform', { type: 'text', max: 128 }, false, '淘宝'),
      col('商品类别', 'productCategory', { type: 'code', list: 'productCategory' }, false, '服装鞋帽', { hint: '方案重点商品目录，其他商品选“其他”并填写商品描述', width: 20 }),
      col('线索摘要', 'summary', { type: 'text', max: 4000 }, true, '网店销售假冒知名品牌运动鞋，价格明显低于市场价', { width: 36 }),
      entity('统一社会信用代码', 'uscc', '91110000600037341L'),
      entity('手机号码', 'phone', '13800138000'),
      entity('网站域名', 'domain', ''),
      entity('网店链接', 'shop_url', 'https://shop123456.taobao.com/'),
      entity('商品链接', 'listing_url', ''),
      entity('平台账号', 'platform_account', ''),
      entity('快递运单号', 'waybill', ''),
      // Last, so the columns of files made from the template before the product codes stay where they were.
      col('商品描述', 'productDescription', { type: 'text', max: 128 }, false, '运动鞋'),
    ],
  },
  takedowns: {
    kind: 'takedowns',
    name: '处置',
    eventType: 'takedown.recorded',
    aggregateType: 'takedown',
    columns: [
      key('T-2021-0101'),
      date('处置日期', '2021-10-09'),
      col('处置方式', 'action', { type: 'code', list: 'takedownAction' }, true, '删除违法商品信息', { width: 30 }),
      col('数量', 'count', { type: 'count' }, true, 1200, { hint: '非负整数' }),
      col('平台', 'platform', { type: 'text', max: 128 }, false, '拼多多'),
      col('关联线索编号', 'leadId', { type: 'id' }, false, 'L-2021-0001'),
      note,
    ],
  },
  inspections: {
    kind: 'inspections',
    name: '检查',
    eventType: 'inspection.recorded',
    aggregateType: 'inspection',
    columns: [
      key('I-2021-0033'),
      date('检查日期', '2021-10-10'),
      col('检查对象类型', 'targetKind', { type: 'code', list: 'targetKind' }, true, '网站、网店', { width: 30 }),
      col('检查数量', 'count', { type: 'count' }, true, 18, { hint: '非负整数' }),
      note,
      // Last, so files made from the template before draws keep their columns where they were.
      col('双随机抽查编号', 'drawId', { type: 'id' }, false, '', { hint: '按本单位双随机抽查结果检查的，填写抽查编号（如 D-2021-0001）；未承诺的编号整批不入库', width: 18 }),
    ],
  },
  rectifications: {
    kind: 'rectifications',
    name: '责令整改',
    eventType: 'rectification.ordered',
    aggregateType: 'rectification',
    columns: [
      key('RO-2021-0004'),
      date('责令日期', '2021-10-11'),
      col('对象类型', 'targetKind', { type: 'code', list: 'targetKind' }, true, '网站、网店', { width: 30 }),
      col('数量', 'count', { type: 'count' }, true, 2, { hint: '非负整数' }),
      note,
    ],
  },
  seizures: {
    kind: 'seizures',
    name: '查获',
    eventType: 'seizure.recorded',
    aggregateType: 'seizure',
    columns: [
      key('S-2021-0002'),
      date('查获日期', '2021-10-12'),
      col('渠道', 'channel', { type: 'code', list: 'seizureChannel' }, true, '寄递渠道'),
      col('批次', 'batches', { type: 'count' }, true, 3),
      col('件数', 'pieces', { type: 'count' }, true, 450),
      note,
    ],
  },
  cases: {
    kind: 'cases',
    name: '案件',
    eventType: 'case.opened',
    aggregateType: 'case',
    columns: [
      key('C-2021-0012'),
      date('立案日期', '2021-10-15'),
      col('案号', 'caseNo', { type: 'text', max: 128 }, true, '喀市监立〔2021〕12号', { width: 22 }),
      col('案件类型', 'kind', { type: 'code', list: 'caseKind' }, true, '行政案件'),
      col('主要违法类别', 'primaryCategory', { type: 'code', list: 'category' }, true, '网络侵权假冒伪劣', { width: 22 }),
      col('其他违法类别', 'otherCategories', { type: 'codes', list: 'category' }, false, '虚假违法互联网广告', { hint: '多个用顿号“、”分隔', width: 22 }),
      col('关联线索编号', 'leadIds', { type: 'ids' }, false, 'L-2021-0001', { hint: '多个用顿号“、”分隔' }),
      col('对象类型', 'targetKind', { type: 'code', list: 'targetKind' }, false, '网站、网店', { width: 22 }),
      col('平台', 'platform', { type: 'text', max: 128 }, false, '淘宝'),
      entity('统一社会信用代码', 'uscc', '91110000600037341L'),
      entity('手机号码', 'phone', ''),
      entity('网店链接', 'shop_url', ''),
      col('处罚决定书文号', 'decisionNo', { type: 'text', max: 128 }, false, '喀市监处罚〔2021〕45号', { event: 'case.decided', width: 22 }),
      col('罚款（元）', 'fine', { type: 'money' }, false, 50000, { event: 'case.decided' }),
      col('没收违法所得（元）', 'confiscation', { type: 'money' }, false, 12345.67, { event: 'case.decided' }),
      col('处罚决定日期', 'decidedAt', { type: 'date' }, false, '2021-11-30', { event: 'case.decided' }),
    ],
  },
  // 国务院令第310号: a unit transfers its own case to the police (the case row's 编号), who answer within 3 days.
  transfers: {
    kind: 'transfers',
    name: '案件移送公安',
    eventType: 'case.transferred',
    aggregateType: 'case',
    columns: [
      { ...key('C-2021-0012'), hint: '被移送的本单位案件编号（须已在“案件”表或系统中立案）' },
      date('移送日期', '2021-10-20'),
      col('接收地区', 'toRegion', { type: 'code', list: 'region' }, false, '喀什地区', { hint: '接收的公安机关所在地区；不填为本单位所在地区' }),
      col('批准移送日期', 'approvedAt', { type: 'date' }, false, '2021-10-20', { hint: '负责人批准移送的日期（第五条：批准后24小时内移送）' }),
      col('移送理由', 'reason', { type: 'text', max: 2000 }, false, '涉案金额较大，涉嫌销售假冒注册商标的商品罪', { width: 36 }),
    ],
  },
  transferAnswers: {
    kind: 'transferAnswers',
    name: '移送案件立案答复',
    eventType: 'case.transfer_answered',
    aggregateType: 'case',
    columns: [
      // The header stays 编号 (how a sheet's header row is found); the number is the transfer's, not one of the police's own.
      { ...key('samr-653100-case-C-2021-0012'), hint: '移送编号：“移送公安”列表中的编号，即 <部门>-<地区代码>-case-<移送单位案件编号>', width: 30 },
      date('答复日期', '2021-10-22'),
      col('决定', 'decision', { type: 'code', list: 'transferDecision' }, true, '已立案'),
      col('公安立案编号', 'policeCaseId', { type: 'id' }, false, 'GA-2021-0031', { hint: '已立案的必填' }),
      col('不予立案理由', 'reason', { type: 'text', max: 2000 }, false, '', { hint: '不予立案的必填，将告知移送单位', width: 30 }),
    ],
  },
  referrals: {
    kind: 'referrals',
    name: '移送',
    eventType: 'lead.referred',
    aggregateType: 'referral',
    columns: [
      { ...key('R-2021-0007'), hint: '移送编号（本单位自编，唯一）' },
      col('线索编号', 'leadId', { type: 'id' }, true, 'L-2021-0001', { hint: '被移送的本单位线索编号' }),
      date('移送日期', '2021-10-20'),
      col('接收部门', 'toDepartment', { type: 'code', list: 'department' }, true, '公安厅', { width: 22 }),
      col('接收地区', 'toRegion', { type: 'code', list: 'region' }, true, '喀什地区'),
      col('移送理由', 'reason', { type: 'text', max: 2000 }, true, '涉嫌犯罪，移送公安机关', { width: 30 }),
      col('答复期限', 'dueAt', { type: 'date' }, false, '2021-11-03'),
    ],
  },
  operators: {
    kind: 'operators',
    name: '经营者名录',
    eventType: 'operator.registered',
    aggregateType: 'operator',
    columns: [
      { ...key('OP-2021-0001'), hint: '经营者编号（本单位自编，唯一）；已登记的经营者再次上传不会重复登记' },
      date('登记日期', '2021-10-08'),
      col('经营者类型', 'kind', { type: 'code', list: 'operatorKind' }, true, '平台内经营者（网店）', { width: 24 }),
      col('名称', 'name', { type: 'text', max: 128 }, true, '喀什某某服饰专营店', { width: 24 }),
      col('统一社会信用代码', 'uscc', { type: 'uscc' }, false, '91653100MA78A1B2C8', { hint: '未办理市场主体登记的填“自我声明”为“是”', width: 22 }),
      col('自我声明', 'selfDeclared', { type: 'flag' }, false, '', { hint: '无需办理市场主体登记并已公示自我声明的填“是”' }),
      col('所在平台', 'platform', { type: 'code', list: 'platform' }, false, '淘宝', { hint: '平台内经营者必填' }),
      col('店铺ID', 'shopId', { type: 'text', max: 128 }, false, '123456', { hint: '平台内经营者必填' }),
      col('网站域名', 'domain', { type: 'domain' }, false, ''),
      col('ICP备案号', 'icpFiling', { type: 'icp' }, false, '', { hint: '如 新ICP备12345678号-1' }),
      col('亮照', 'licenceDisplay', { type: 'code', list: 'displayState' }, true, '已公示'),
      col('亮证', 'permitDisplay', { type: 'code', list: 'displayState' }, true, '无需公示'),
      col('亮标', 'markDisplay', { type: 'code', list: 'displayState' }, true, '未公示'),
      col('自营标记', 'selfOperatedLabelling', { type: 'code', list: 'selfOperatedLabelling' }, false, '', { hint: '平台经营者必填：是否区分标记自营和非自营', width: 24 }),
      col('经营地区', 'region', { type: 'code', list: 'region' }, true, '喀什地区'),
    ],
  },
  guidance: {
    kind: 'guidance',
    name: '行政指导约谈',
    eventType: 'guidance.given',
    aggregateType: 'guidance',
    columns: [
      key('G-2021-0001'),
      date('登记日期', '2021-10-09'),
      col('方式', 'kind', { type: 'code', list: 'guidanceKind' }, true, '行政约谈'),
      col('经营者名称', 'operatorName', { type: 'text', max: 128 }, true, '喀什某某电商平台', { width: 24 }),
      col('指导/约谈事项', 'topic', { type: 'text', max: 2000 }, true, '平台未区分标记自营和非自营业务，约谈整改', { width: 36 }),
      col('指导/约谈日期', 'heldAt', { type: 'date' }, true, '2021-10-09'),
      col('参加部门', 'participants', { type: 'codes', list: 'department' }, true, '市场监督管理局、互联网信息办公室（网信）', { hint: '多个用顿号“、”分隔，含本部门', width: 30 }),
    ],
  },
  samplings: {
    kind: 'samplings',
    name: '抽检',
    eventType: 'sampling.recorded',
    aggregateType: 'sampling',
    columns: [
      key('SP-2021-0001'),
      date('抽检日期', '2021-10-15'),
      col('商品类别', 'productCategory', { type: 'code', list: 'productCategory' }, true, '化妆品（含儿童化妆品）', { width: 22 }),
      col('商品描述', 'productDescription', { type: 'text', max: 128 }, false, '儿童面霜'),
      col('抽检批次', 'batches', { type: 'count' }, true, 40, { hint: '非负整数' }),
      col('不合格批次', 'failed', { type: 'count' }, true, 3, { hint: '不超过抽检批次' }),
      col('结果公开日期', 'publishedAt', { type: 'date' }, false, '2021-10-25', { hint: '尚未向社会公开的不填' }),
    ],
  },
};

export const ENTRY_SHEET_KINDS: readonly EntrySheetKind[] = ['leads', 'takedowns', 'inspections', 'rectifications', 'seizures', 'cases', 'transfers', 'transferAnswers', 'referrals', 'operators', 'guidance', 'samplings'];

export function entrySheet(kind: EntrySheetKind): EntrySheet {
  return SHEETS[kind];
}

/**
 * Who keeps the operator register: market regulation (摸清辖区电子商务经营者底数, plan 二(一)一 and 三(二)) and the
 * telecom authorities (their survey of IDC, access and CDN providers, 二(六)五).
 */
const REGISTER_KEEPERS: readonly string[] = ['samr', 'telecom'];

/** 行政指导 / 行政约谈 (三(二)): market regulation, drug regulation and the cyberspace offices (网信约谈). */
const GUIDANCE_GIVERS: readonly string[] = ['samr', 'nmpa', 'cac'];
/** Quality sampling (二(三)三): market regulation and drug regulation. */
const SAMPLERS: readonly string[] = ['samr', 'nmpa'];

// Sheets every reporting unit gets: any unit finds leads, opens cases and refers leads.
const ALWAYS: readonly EntrySheetKind[] = ['leads', 'cases', 'referrals'];
const BY_EVENT: ReadonlyArray<[string, EntrySheetKind]> = [
  ['takedown.recorded', 'takedowns'],
  ['inspection.recorded', 'inspections'],
  ['rectification.ordered', 'rectifications'],
  ['seizure.recorded', 'seizures'],
];

/**
 * The sheets of a department's template, in template order: the count-style sheets only where the
 * campaign's annex has a row of that department's group counting that event type, so customs gets 查获
 * and the cyberspace office gets 处置 but nobody gets a sheet no annex row reads.
 */
export function entrySheetsFor(department: string, campaign: CampaignDefinition): EntrySheet[] {
  const groups = new Set(campaign.groups.filter((group) => group.departments.includes(department)).map((group) => group.id));
  const counted = new Set(campaign.rows.filter((row) => groups.has(row.group)).map((row) => row.rule.eventType));
  const kinds = new Set<EntrySheetKind>(ALWAYS);
  for (const [eventType, kind] of BY_EVENT) if (counted.has(eventType)) kinds.add(kind);
  if (REGISTER_KEEPERS.includes(department)) kinds.add('operators');
  if (GUIDANCE_GIVERS.includes(department)) kinds.add('guidance');
  if (SAMPLERS.includes(department)) kinds.add('samplings');
  // Transfers as the event catalogue allows them: any unit but the police transfers to the police; only the police answer.
  if (department !== 'police' && mayPublish(department, 'case.transferred')) kinds.add('transfers');
  if (mayPublish(department, 'case.transfer_answered')) kinds.add('transferAnswers');
  return ENTRY_SHEET_KINDS.filter((kind) => kinds.has(kind)).map(entrySheet);
}

/** Excel column letters for a 0-based index (A … Z, AA …). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
