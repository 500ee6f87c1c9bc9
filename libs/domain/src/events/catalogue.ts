import type { AggregateType } from '../catalogue/aggregates.js';
import { codeGuard } from '../catalogue/code-list.js';
import { CLOSURE_REQUESTERS } from '../catalogue/actions.js';
import { JOINT_OFFICE, REPORTING_DEPARTMENTS, type Department } from '../catalogue/departments.js';
import {
  CaseExtendedData,
  CaseOverdueData,
  CaseResumedData,
  CaseSuspendedData,
  ClosureAnsweredData,
  ClosureOverdueData,
  ClosureRequestedData,
  GuidanceGivenData,
  SamplingRecordedData,
} from './data/action.dto.js';
import {
  CaseAssistedData,
  CaseClosedData,
  CaseDecidedData,
  CaseMarkedTypicalData,
  CaseOpenedData,
  CaseTransferredData,
  CaseTransferAnsweredData,
} from './data/case.dto.js';
import {
  ClusterFormedData,
  ClusterGrownData,
  ClusterLinkedData,
  ClusterUnlinkedData,
  JurisdictionSuggestedData,
  ReferralOverdueData,
} from './data/coordination.dto.js';
import { InspectionRecordedData, RectificationOrderedData, SeizureRecordedData, TakedownRecordedData } from './data/enforcement.dto.js';
import { LeadClosedData, LeadReferredData, LeadReportedData } from './data/lead.dto.js';
import { ReferralAnsweredData, ReferralFeedbackData, ReferralRequestedData } from './data/referral.dto.js';
import {
  CaseCorrectedData,
  InspectionCorrectedData,
  LeadCorrectedData,
  RectificationCorrectedData,
  SeizureCorrectedData,
  TakedownCorrectedData,
  VoidedData,
} from './data/correction.dto.js';
import { DrawCommittedData, DrawRevealedData } from './data/draw.dto.js';
import { HitAlertedData, HitFeedbackData } from './data/hit.dto.js';
import { LogCheckpointedData } from './data/log.dto.js';
import { OperatorRegisteredData, OperatorUpdatedData } from './data/operator.dto.js';
import { RoleGrantedData, RoleRevokedData } from './data/people.dto.js';
import { ReportReturnedData, ReportSubmittedData } from './data/report.dto.js';
import { AttachmentAddedData } from './data/attachment.dto.js';
import { ATTACHMENT_AGGREGATES } from '../attachments/attachment-rules.js';

/** The event catalogue: the contract departmental systems code against. Extend, never rename. */
export const EVENT_TYPES = [
  'lead.reported',
  'lead.referred',
  'referral.answered',
  'referral.feedback',
  'lead.closed',
  'takedown.recorded',
  'inspection.recorded',
  'rectification.ordered',
  'seizure.recorded',
  'case.opened',
  'case.assisted',
  'case.transferred',
  'case.decided',
  'case.closed',
  'case.marked_typical',
  'cluster.formed',
  'cluster.grown',
  'cluster.linked',
  'cluster.unlinked',
  'referral.overdue',
  'jurisdiction.suggested',
  'report.submitted',
  'lead.corrected',
  'lead.voided',
  'takedown.corrected',
  'takedown.voided',
  'inspection.corrected',
  'inspection.voided',
  'seizure.corrected',
  'seizure.voided',
  'rectification.corrected',
  'rectification.voided',
  'case.corrected',
  'case.voided',
  'role.granted',
  'role.revoked',
  'operator.registered',
  'operator.updated',
  'report.returned',
  'guidance.given',
  'sampling.recorded',
  'closure.requested',
  'closure.answered',
  'closure.overdue',
  'case.extended',
  'case.suspended',
  'case.resumed',
  'case.overdue',
  'draw.committed',
  'draw.revealed',
  'attachment.added',
  'hit.alerted',
  'hit.feedback',
  'referral.requested',
  'case.transfer_answered',
  'log.checkpointed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const isEventType = codeGuard(EVENT_TYPES);

/** A DTO class whose instances class-validator checks; its fields are the event's `data`. */
export type DataClass = new () => object;

export interface EventSpec {
  /** The aggregate type the event's subject must name. */
  readonly aggregateType: AggregateType;
  /** Further aggregate types the subject may name (an attachment joins a case, a report or a record). */
  readonly alsoOn?: readonly AggregateType[];
  /** Departments allowed to publish it: a department asserts only its own facts. */
  readonly publishers: readonly Department[];
  readonly dataClass: DataClass;
  /**
   * A data field that must name the subject's own aggregate id (plain id, or the id part of a
   * qualified reference), so the subject and the payload can never disagree.
   */
  readonly subjectIdField?: string;
  /**
   * How the subject's id relates to `subjectIdField`: 'plain' (default) — it is the field's id (the last
   * part of a qualified reference); 'qualified' — it is the whole reference as one id
   * (qualifiedAggregateId), for joint aggregates about another unit's aggregate; 'referral' — it is the
   * referral (or closure request) named by its sender (`fromDepartment`/`fromRegion` + the field:
   * `<from>-<aggregateType>-<id>`, referralSubjectId for referrals).
   */
  readonly subjectIdForm?: 'plain' | 'qualified' | 'referral';
  /** Chinese label for UIs and audit views. */
  readonly label: string;
}

// Facts belong to the 13 reporting departments; coordination conclusions belong to the joint office.
const units: readonly Department[] = REPORTING_DEPARTMENTS;
const joint: readonly Department[] = [JOINT_OFFICE];
// 7×24 closure requests come from the units with the powers to find a site harmful.
const closureRequesters: readonly Department[] = CLOSURE_REQUESTERS;

const spec = (
  aggregateType: AggregateType,
  publishers: readonly Department[],
  dataClass: DataClass,
  label: string,
  subjectIdField?: string,
): EventSpec => (subjectIdField === undefined ? { aggregateType, publishers, dataClass, label } : { aggregateType, publishers, dataClass, label, subjectIdField });

const SPECS: Readonly<Record<EventType, EventSpec>> = {
  'lead.reported': spec('lead', units, LeadReportedData, '登记线索'),
  'lead.referred': spec('lead', units, LeadReferredData, '移送线索'),
  // Referral ids are the sender's: the chain is `referral/<fromDept>-<fromRegion>-referral-<id>` (referralSubjectId).
  'referral.answered': { ...spec('referral', units, ReferralAnsweredData, '答复移送', 'referralId'), subjectIdForm: 'referral' },
  'referral.feedback': { ...spec('referral', units, ReferralFeedbackData, '反馈处理结果', 'referralId'), subjectIdForm: 'referral' },
  // An assistance request (协查请求) is born on the requester's own chain `referral/<dept>-<region>-referral-<id>`;
  // the department service checks the subject names the publishing unit (decideReferralOwnership).
  'referral.requested': spec('referral', units, ReferralRequestedData, '请求协查'),
  'lead.closed': spec('lead', units, LeadClosedData, '办结线索'),
  'takedown.recorded': spec('takedown', units, TakedownRecordedData, '记录处置'),
  'inspection.recorded': spec('inspection', units, InspectionRecordedData, '记录检查'),
  'rectification.ordered': spec('rectification', units, RectificationOrderedData, '责令整改'),
  'seizure.recorded': spec('seizure', units, SeizureRecordedData, '记录查获'),
  'case.opened': spec('case', units, CaseOpenedData, '立案'),
  'case.assisted': spec('case', units, CaseAssistedData, '配合查处'),
  'case.transferred': spec('case', units, CaseTransferredData, '移送公安机关'),
  'case.decided': spec('case', units, CaseDecidedData, '作出处罚决定'),
  'case.closed': spec('case', units, CaseClosedData, '结案'),
  'case.marked_typical': spec('case', units, CaseMarkedTypicalData, '列为典型案例'),
  'cluster.formed': spec('cluster', joint, ClusterFormedData, '形成关联线索组', 'clusterId'),
  'cluster.grown': spec('cluster', joint, ClusterGrownData, '关联线索组扩展', 'clusterId'),
  'cluster.linked': spec('cluster', joint, ClusterLinkedData, '人工关联', 'clusterId'),
  'cluster.unlinked': spec('cluster', joint, ClusterUnlinkedData, '取消关联', 'clusterId'),
  'referral.overdue': { ...spec('referral', joint, ReferralOverdueData, '移送超期', 'referralId'), subjectIdForm: 'referral' },
  // One chain per (unit, lead): `lead/<dept>-<region>-lead-<id>`, as two units' `L-1` are different leads.
  'jurisdiction.suggested': { ...spec('lead', joint, JurisdictionSuggestedData, '建议管辖', 'leadSubject'), subjectIdForm: 'qualified' },
  'report.submitted': spec('report', units, ReportSubmittedData, '报送工作总结', 'campaign'),
  // Corrections and voids of a unit's own records (lifecycle rules: only after the record exists).
  'lead.corrected': spec('lead', units, LeadCorrectedData, '更正线索'),
  'lead.voided': spec('lead', units, VoidedData, '作废线索'),
  'takedown.corrected': spec('takedown', units, TakedownCorrectedData, '更正处置'),
  'takedown.voided': spec('takedown', units, VoidedData, '作废处置'),
  'inspection.corrected': spec('inspection', units, InspectionCorrectedData, '更正检查'),
  'inspection.voided': spec('inspection', units, VoidedData, '作废检查'),
  'seizure.corrected': spec('seizure', units, SeizureCorrectedData, '更正查获'),
  'seizure.voided': spec('seizure', units, VoidedData, '作废查获'),
  'rectification.corrected': spec('rectification', units, RectificationCorrectedData, '更正责令整改'),
  'rectification.voided': spec('rectification', units, VoidedData, '作废责令整改'),
  'case.corrected': spec('case', units, CaseCorrectedData, '更正案件'),
  'case.voided': spec('case', units, VoidedData, '作废案件'),
  // Grants are the joint office's decisions (an admin asks, coordination publishes): `account/<accountId>`.
  'role.granted': spec('account', joint, RoleGrantedData, '授予角色', 'accountId'),
  'role.revoked': spec('account', joint, RoleRevokedData, '撤销角色', 'accountId'),
  // The operator register (经营者名录): a unit's own entries, `operator/<id>` unique per unit (readers key by unit + id).
  'operator.registered': spec('operator', units, OperatorRegisteredData, '登记经营者'),
  'operator.updated': spec('operator', units, OperatorUpdatedData, '更新经营者信息'),
  // A line supervisor's return of a unit's filing: a joint decision about another unit's report aggregate,
  // so one chain per (unit, campaign): `report/<dept>-<region>-report-<campaign>`.
  'report.returned': { ...spec('report', joint, ReportReturnedData, '退回报送', 'reportSubject'), subjectIdForm: 'qualified' },
  // Guidance, interviews and sampling: a unit's own records, `guidance/<id>`, `sampling/<id>` (readers key by unit + id).
  'guidance.given': spec('guidance', units, GuidanceGivenData, '行政指导/约谈'),
  'sampling.recorded': spec('sampling', units, SamplingRecordedData, '记录抽检'),
  // 7×24 closures: the request is the requester's `closure/<id>`; answers and overdue notices live on the
  // requester-qualified chain `closure/<fromDept>-<fromRegion>-closure-<id>`, as referral answers do.
  'closure.requested': spec('closure', closureRequesters, ClosureRequestedData, '紧急关停请求'),
  'closure.answered': { ...spec('closure', units, ClosureAnsweredData, '答复关停请求', 'closureId'), subjectIdForm: 'referral' },
  'closure.overdue': { ...spec('closure', joint, ClosureOverdueData, '关停请求超时', 'closureId'), subjectIdForm: 'referral' },
  // The case's procedure clock: an approved extension, a suspension and its end (第六十四条).
  'case.extended': spec('case', units, CaseExtendedData, '延长办案期限'),
  'case.suspended': spec('case', units, CaseSuspendedData, '中止案件调查'),
  'case.resumed': spec('case', units, CaseResumedData, '恢复案件调查'),
  // A procedure clock of another unit's case or lead ran out: `case/<dept>-<region>-<case|lead>-<id>`.
  'case.overdue': { ...spec('case', joint, CaseOverdueData, '办案期限超期', 'recordRef'), subjectIdForm: 'qualified' },
  // 双随机、一公开: a unit's draw `draw/<id>` (its own ids), committed by the unit; the joint office reveals the seed and
  // the selection on `draw/<dept>-<region>-draw-<id>`, so the reveal never changes the unit's record.
  'draw.committed': spec('draw', units, DrawCommittedData, '双随机抽查承诺'),
  'draw.revealed': { ...spec('draw', joint, DrawRevealedData, '双随机抽查揭示', 'drawRef'), subjectIdForm: 'qualified' },
  // A file joins one of the unit's own records; the bytes are in the object store under their SHA-256.
  'attachment.added': { ...spec('case', units, AttachmentAddedData, '添加附件'), alsoOn: ATTACHMENT_AGGREGATES.filter((type) => type !== 'case') },
  // Sharing back (issue 15 §5): the joint office tells a unit that another unit reported on a value its open record
  // carries (`hit/<dept>-<region>-<day>-<digest>`); the unit answers on its own chain with the same id.
  'hit.alerted': spec('hit', joint, HitAlertedData, '关联命中提醒', 'alertId'),
  'hit.feedback': spec('hit', units, HitFeedbackData, '命中反馈', 'alertId'),
  // The police's decision on a case transferred to it, on the transferring unit's qualified chain
  // `case/<fromDept>-<fromRegion>-case-<id>` (as referral answers are): it stops the police_decision clock.
  'case.transfer_answered': { ...spec('case', ['police'], CaseTransferAnsweredData, '公安机关立案决定', 'caseId'), subjectIdForm: 'referral' },
  // The joint office's tree head over the whole log, one chain `log/hub` (DESIGN.md "Seals and checkpoints").
  'log.checkpointed': spec('log', joint, LogCheckpointedData, '日志检查点'),
};

/** The aggregate types an event's subject may name. */
export const aggregateTypesOf = (type: EventType): readonly AggregateType[] => [SPECS[type].aggregateType, ...(SPECS[type].alsoOn ?? [])];

export function eventSpec(type: EventType): EventSpec {
  return SPECS[type];
}

export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, SPECS[type].label]),
) as Record<EventType, string>;

/** The corrections and voids (`<type>.corrected`, `<type>.voided`): they change what a unit had filed. */
export const CORRECTION_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((type) => type.endsWith('.corrected') || type.endsWith('.voided'));

export function mayPublish(department: string, type: EventType): boolean {
  return (SPECS[type].publishers as readonly string[]).includes(department);
}
