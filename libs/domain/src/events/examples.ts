import type { EventType } from './catalogue.js';
import type { SubmittedEvent } from './types.js';

/**
 * One valid submission per event type, with a department allowed to publish it. They document the
 * contract (OpenAPI examples, onboarding of departmental systems) and anchor the unit tests.
 */
export interface EventExample {
  department: string;
  event: SubmittedEvent;
}

const at = '2021-10-08T09:30:00+08:00';
const id = (n: number): string => `0190f3c2-7a4b-7cde-8f01-${n.toString(16).padStart(12, '0')}`;
const example = (n: number, department: string, type: EventType, subject: string, data: Record<string, unknown>): EventExample => ({
  department,
  event: { id: id(n), type, subject, time: at, data },
});

export const EVENT_EXAMPLES: Readonly<Record<EventType, EventExample>> = {
  'lead.reported': example(1, 'samr', 'lead.reported', 'lead/L-2021-0001', {
    category: 'counterfeit',
    channel: 'monitoring',
    platform: '淘宝',
    productCategory: '运动鞋',
    summary: '网店销售假冒知名品牌运动鞋，价格明显低于市场价',
    entities: [
      { kind: 'uscc', value: '91110000600037341L' },
      { kind: 'shop_url', value: 'https://shop123456.taobao.com/?spm=a1z10' },
      { kind: 'phone', value: '+86 138 0013 8000' },
    ],
  }),
  'lead.referred': example(2, 'forestry', 'lead.referred', 'lead/LC-0007', {
    referralId: 'R-forestry-0007',
    toDepartment: 'police',
    toRegion: '653100',
    reason: '网上非法交易野生动物制品，涉嫌犯罪',
    dueAt: '2021-10-22T18:00:00+08:00',
  }),
  'referral.answered': example(3, 'police', 'referral.answered', 'referral/R-forestry-0007', {
    referralId: 'R-forestry-0007',
    decision: 'accepted',
  }),
  'referral.feedback': example(4, 'police', 'referral.feedback', 'referral/R-forestry-0007', {
    referralId: 'R-forestry-0007',
    outcome: 'case_opened',
    caseId: 'KS-2021-031',
  }),
  'lead.closed': example(5, 'samr', 'lead.closed', 'lead/L-2021-0001', { outcome: 'case_opened', caseId: 'C-2021-0012' }),
  'takedown.recorded': example(6, 'samr', 'takedown.recorded', 'takedown/T-2021-0101', {
    action: 'listing_removed',
    count: 1200,
    platform: '拼多多',
    leadId: 'L-2021-0001',
  }),
  'inspection.recorded': example(7, 'postal', 'inspection.recorded', 'inspection/I-2021-0033', {
    targetKind: 'postal_express_company',
    count: 18,
  }),
  'rectification.ordered': example(8, 'nmpa', 'rectification.ordered', 'rectification/RO-2021-0004', {
    targetKind: 'device_platform',
    count: 2,
  }),
  'seizure.recorded': example(9, 'customs', 'seizure.recorded', 'seizure/S-2021-0002', {
    channel: 'postal_express',
    batches: 3,
    pieces: 450,
  }),
  'case.opened': example(10, 'samr', 'case.opened', 'case/C-2021-0012', {
    caseNo: '喀市监立〔2021〕12号',
    kind: 'administrative',
    primaryCategory: 'counterfeit',
    otherCategories: ['illegal_advertising'],
    leadIds: ['L-2021-0001'],
    entities: [{ kind: 'uscc', value: '91110000600037341L' }],
    targetKind: 'website_or_shop',
    platform: '淘宝',
  }),
  'case.assisted': example(11, 'forestry', 'case.assisted', 'case/A-2021-0003', {
    caseRef: '喀公（网安）立字〔2021〕31号',
    leadDepartment: 'police',
    leadRegion: '653100',
  }),
  'case.transferred': example(12, 'samr', 'case.transferred', 'case/C-2021-0012', {
    toDepartment: 'police',
    toRegion: '653100',
    approvedAt: '2021-10-20T10:00:00+08:00',
    reason: '涉案金额较大，涉嫌销售假冒注册商标的商品罪',
  }),
  'case.decided': example(13, 'samr', 'case.decided', 'case/C-2021-0012', {
    decisionNo: '喀市监处罚〔2021〕45号',
    fine: 50000,
    confiscation: 12345.67,
    decidedAt: '2021-11-30T16:00:00+08:00',
  }),
  'case.closed': example(14, 'samr', 'case.closed', 'case/C-2021-0012', { outcome: 'penalty_executed' }),
  'case.marked_typical': example(15, 'samr', 'case.marked_typical', 'case/C-2021-0012', { reason: '跨区域协作查办的典型案例' }),
  'cluster.formed': example(16, 'joint', 'cluster.formed', 'cluster/K-0001', {
    clusterId: 'K-0001',
    members: ['samr/653100/lead/L-2021-0001', 'cac/650100/lead/W-88'],
    keys: ['uscc:91110000600037341L'],
    crossRegion: true,
    crossDepartment: true,
  }),
  'cluster.grown': example(17, 'joint', 'cluster.grown', 'cluster/K-0001', {
    clusterId: 'K-0001',
    members: ['police/653100/case/KS-2021-031'],
    keys: ['phone:13800138000'],
    crossRegion: true,
    crossDepartment: true,
  }),
  'cluster.linked': example(18, 'joint', 'cluster.linked', 'cluster/K-0001', {
    clusterId: 'K-0001',
    members: ['customs/650100/lead/HG-12'],
    keys: [],
    crossRegion: true,
    crossDepartment: true,
    reason: '同一寄件人，经协调员核实',
  }),
  'cluster.unlinked': example(19, 'joint', 'cluster.unlinked', 'cluster/K-0001', {
    clusterId: 'K-0001',
    members: ['cac/650100/lead/W-88'],
    keys: [],
    crossRegion: false,
    crossDepartment: true,
    reason: '号码为平台客服电话，误关联',
  }),
  'referral.overdue': example(20, 'joint', 'referral.overdue', 'referral/R-forestry-0007', {
    referralId: 'R-forestry-0007',
    clock: 'answer',
    dueAt: '2021-10-22T18:00:00+08:00',
  }),
  'jurisdiction.suggested': example(21, 'joint', 'jurisdiction.suggested', 'lead/samr-653100-lead-L-2021-0001', {
    leadSubject: 'samr/653100/lead/L-2021-0001',
    toDepartment: 'samr',
    toRegion: '650100',
    basis: 'place_of_business',
  }),
  'report.submitted': example(22, 'samr', 'report.submitted', 'report/net-sword-2021', {
    campaign: 'net-sword-2021',
    summary: '喀什地区市场监管局按照“2021网剑行动”方案部署，开展网络交易监测、平台责任落实和典型案件查办工作。',
    typicalCaseIds: ['C-2021-0012'],
  }),  'role.granted': example(23, 'joint', 'role.granted', 'account/A-zhang-wei', {
    accountId: 'A-zhang-wei',
    role: 'clerk',
    scope: 'samr/653100',
    by: 'account:A-admin',
    reason: '喀什地区市场监管局网剑行动填报员',
  }),
  'role.revoked': example(24, 'joint', 'role.revoked', 'account/A-zhang-wei', {
    accountId: 'A-zhang-wei',
    role: 'clerk',
    scope: 'samr/653100',
    by: 'account:A-admin',
    reason: '岗位调整',
  }),
  'lead.corrected': example(23, 'samr', 'lead.corrected', 'lead/L-2021-0001', {
    reason: '登记时类别选错，经复核属于虚假广告',
    category: 'illegal_advertising',
  }),
  'lead.voided': example(24, 'samr', 'lead.voided', 'lead/L-2021-0002', { reason: '与L-2021-0001重复登记' }),
  'takedown.corrected': example(25, 'samr', 'takedown.corrected', 'takedown/T-2021-0101', {
    reason: '删除商品信息条数录入错误（1200误录为12000）',
    count: 1200,
  }),
  'takedown.voided': example(26, 'samr', 'takedown.voided', 'takedown/T-2021-0102', { reason: '重复录入' }),
  'inspection.corrected': example(27, 'postal', 'inspection.corrected', 'inspection/I-2021-0033', {
    reason: '检查日期录入错误',
    count: 16,
    occurredAt: '2021-10-07T15:00:00+08:00',
  }),
  'inspection.voided': example(28, 'postal', 'inspection.voided', 'inspection/I-2021-0034', { reason: '检查未实际开展' }),
  'seizure.corrected': example(29, 'customs', 'seizure.corrected', 'seizure/S-2021-0009', { reason: '件数以入库清单为准', pieces: 412 }),
  'seizure.voided': example(30, 'customs', 'seizure.voided', 'seizure/S-2021-0010', { reason: '经鉴定非侵权货物' }),
  'rectification.corrected': example(31, 'nmpa', 'rectification.corrected', 'rectification/RO-2021-0004', {
    reason: '整改对象类型选错',
    targetKind: 'device_seller',
  }),
  'rectification.voided': example(32, 'nmpa', 'rectification.voided', 'rectification/RO-2021-0005', { reason: '责令整改通知已撤回' }),
  'case.corrected': example(33, 'samr', 'case.corrected', 'case/C-2021-0012', {
    reason: '主要违法类别按处罚决定书更正；罚款金额更正',
    primaryCategory: 'illegal_advertising',
    otherCategories: ['counterfeit'],
    fine: 52000,
  }),
  'case.voided': example(34, 'samr', 'case.voided', 'case/C-2021-0013', { reason: '同一违法行为重复立案' }),
};
