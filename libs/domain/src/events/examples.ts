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
    productCategory: 'clothing_shoes',
    productDescription: '运动鞋',
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
  'referral.answered': example(3, 'police', 'referral.answered', 'referral/forestry-653100-referral-R-forestry-0007', {
    referralId: 'R-forestry-0007',
    fromDepartment: 'forestry',
    fromRegion: '653100',
    decision: 'accepted',
  }),
  'referral.feedback': example(4, 'police', 'referral.feedback', 'referral/forestry-653100-referral-R-forestry-0007', {
    referralId: 'R-forestry-0007',
    fromDepartment: 'forestry',
    fromRegion: '653100',
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
  'referral.overdue': example(20, 'joint', 'referral.overdue', 'referral/forestry-653100-referral-R-forestry-0007', {
    referralId: 'R-forestry-0007',
    fromDepartment: 'forestry',
    fromRegion: '653100',
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
  'operator.registered': example(35, 'samr', 'operator.registered', 'operator/OP-2021-0001', {
    kind: 'platform_shop',
    name: '喀什某某服饰专营店',
    uscc: '91653100MA78A1B2C8',
    platform: 'taobao',
    shopId: '123456',
    licenceDisplay: 'shown',
    permitDisplay: 'not_required',
    markDisplay: 'missing',
    region: '653100',
  }),
  'operator.updated': example(36, 'samr', 'operator.updated', 'operator/OP-2021-0001', {
    note: '责令整改后已公示电子营业执照亮照标识',
    markDisplay: 'shown',
  }),
  'report.returned': example(37, 'joint', 'report.returned', 'report/police-653100-report-net-sword-2021', {
    reportSubject: 'police/653100/report/net-sword-2021',
    filedVersion: 1,
    reason: '工作总结未附典型案例的处罚决定书，请补充后重新报送',
    by: 'account:A-li-na',
  }),
  'guidance.given': example(38, 'samr', 'guidance.given', 'guidance/G-2021-0003', {
    kind: 'interview',
    operatorRef: 'samr/653100/operator/OP-2021-0001',
    operatorName: '喀什某某服饰专营店',
    topic: '落实亮照经营和商品信息公示义务，约谈整改',
    heldAt: '2021-10-08T10:00:00+08:00',
    participants: ['samr', 'cac'],
  }),
  'sampling.recorded': example(39, 'samr', 'sampling.recorded', 'sampling/SP-2021-0005', {
    batches: 40,
    failed: 3,
    productCategory: 'cosmetics',
    productDescription: '儿童面霜',
    publishedAt: '2021-10-15T12:00:00+08:00',
  }),
  'closure.requested': example(40, 'cac', 'closure.requested', 'closure/CL-2021-0002', {
    toDepartment: 'telecom',
    toRegion: '650000',
    targetKind: 'website',
    target: 'https://fake-pharmacy.example.cn',
    reason: '网站销售假药，危害群众健康，请求紧急关停',
  }),
  'closure.answered': example(41, 'telecom', 'closure.answered', 'closure/cac-650100-closure-CL-2021-0002', {
    closureId: 'CL-2021-0002',
    fromDepartment: 'cac',
    fromRegion: '650100',
    decision: 'closed',
  }),
  'closure.overdue': example(42, 'joint', 'closure.overdue', 'closure/cac-650100-closure-CL-2021-0002', {
    closureId: 'CL-2021-0002',
    fromDepartment: 'cac',
    fromRegion: '650100',
    toDepartment: 'telecom',
    toRegion: '650000',
    hours: 24,
    dueAt: '2021-10-09T09:30:00+08:00',
  }),
  'case.extended': example(43, 'samr', 'case.extended', 'case/C-2021-0012', {
    clock: 'case_decision',
    approvedBy: '局长 王某',
    reason: '案情复杂，需调取平台交易数据，经负责人批准延长三十日',
  }),
  'case.suspended': example(44, 'samr', 'case.suspended', 'case/C-2021-0012', { reason: '涉案商品送检，检验期间中止' }),
  'case.resumed': example(45, 'samr', 'case.resumed', 'case/C-2021-0012', { note: '检验报告已出具' }),
  'case.overdue': example(46, 'joint', 'case.overdue', 'case/samr-653100-case-C-2021-0012', {
    recordRef: 'samr/653100/case/C-2021-0012',
    clock: 'case_decision',
    dueAt: '2022-01-06T16:00:00Z',
    basis: '《市场监督管理行政处罚程序规定》第六十四条',
  }),
  'draw.committed': example(47, 'samr', 'draw.committed', 'draw/D-2021-0001', {
    item: 'key-01',
    region: '653100',
    kind: 'platform_shop',
    sampleSize: 1,
    inspectorsPerTarget: 2,
    registerSeq: 120,
    targets: [{ operator: 'samr/653100/operator/OP-2021-0001', uscc: '91653100MA78A1B2C8' }],
    targetsHash: '5b1a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809a1b',
    inspectors: [
      { id: 'I-samr-653100-01', name: '张伟', conflicts: [] },
      { id: 'I-samr-653100-02', name: '李娜', conflicts: [{ uscc: '91310110666007217T', reason: '配偶在该经营者任职，申请回避' }] },
    ],
    inspectorsHash: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
    algorithm: 'net-sword/draw/v1',
    seedRule: 'joint-signature/v1',
  }),
  'draw.revealed': example(48, 'joint', 'draw.revealed', 'draw/samr-653100-draw-D-2021-0001', {
    drawRef: 'samr/653100/draw/D-2021-0001',
    commitHash: '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9',
    seedSignature: 'c2lnbmF0dXJlIG9mIHRoZSBqb2ludCBvZmZpY2Ugb3ZlciB0aGUgY29tbWl0IGhhc2g=',
    seed: '3c2b1a09f8e7d6c5b4a392817f6e5d4c3c2b1a09f8e7d6c5b4a392817f6e5d4c',
    selected: [{ operator: 'samr/653100/operator/OP-2021-0001', inspectors: ['I-samr-653100-01'] }],
    skipped: [],
  }),
  'attachment.added': example(49, 'samr', 'attachment.added', 'case/C-2021-0012', {
    kind: 'decision',
    fileName: '喀市监处罚〔2021〕12号.pdf',
    mediaType: 'application/pdf',
    size: 183_204,
    sha256: '5d41402abc4b2a76b9719d911017c592aaf8a5b5a4c4c1a0c4b1e0a7b2f6d1c3',
  }),
  'hit.alerted': example(50, 'joint', 'hit.alerted', 'hit/samr-653100-20211008-3f2a9c1b7d4e5a60', {
    alertId: 'samr-653100-20211008-3f2a9c1b7d4e5a60',
    toDepartment: 'samr',
    toRegion: '653100',
    key: 'uscc:91110000600037341L',
    recordRef: 'samr/653100/lead/L-2021-0001',
    otherRef: 'police/650100/lead/P-2021-0042',
    day: '2021-10-08',
  }),
  'hit.feedback': example(51, 'samr', 'hit.feedback', 'hit/samr-653100-20211008-3f2a9c1b7d4e5a60', {
    alertId: 'samr-653100-20211008-3f2a9c1b7d4e5a60',
    verdict: 'confirmed',
    key: 'uscc:91110000600037341L',
    recordRef: 'samr/653100/lead/L-2021-0001',
    otherRef: 'police/650100/lead/P-2021-0042',
    note: '同一经营者，已并案核查',
  }),
};
