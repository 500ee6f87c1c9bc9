import type { AggregateType } from '../catalogue/aggregates.js';
import { codeGuard } from '../catalogue/code-list.js';
import { JOINT_OFFICE, REPORTING_DEPARTMENTS, type Department } from '../catalogue/departments.js';
import {
  CaseAssistedData,
  CaseClosedData,
  CaseDecidedData,
  CaseMarkedTypicalData,
  CaseOpenedData,
  CaseTransferredData,
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
import { ReferralAnsweredData, ReferralFeedbackData } from './data/referral.dto.js';
import {
  CaseCorrectedData,
  InspectionCorrectedData,
  LeadCorrectedData,
  RectificationCorrectedData,
  SeizureCorrectedData,
  TakedownCorrectedData,
  VoidedData,
} from './data/correction.dto.js';
import { RoleGrantedData, RoleRevokedData } from './data/people.dto.js';
import { ReportSubmittedData } from './data/report.dto.js';

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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const isEventType = codeGuard(EVENT_TYPES);

/** A DTO class whose instances class-validator checks; its fields are the event's `data`. */
export type DataClass = new () => object;

export interface EventSpec {
  /** The aggregate type the event's subject must name. */
  readonly aggregateType: AggregateType;
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
   * (qualifiedAggregateId), for joint aggregates about another unit's aggregate.
   */
  readonly subjectIdForm?: 'plain' | 'qualified';
  /** Chinese label for UIs and audit views. */
  readonly label: string;
}

// Facts belong to the 13 reporting departments; coordination conclusions belong to the joint office.
const units: readonly Department[] = REPORTING_DEPARTMENTS;
const joint: readonly Department[] = [JOINT_OFFICE];

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
  'referral.answered': spec('referral', units, ReferralAnsweredData, '答复移送', 'referralId'),
  'referral.feedback': spec('referral', units, ReferralFeedbackData, '反馈处理结果', 'referralId'),
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
  'referral.overdue': spec('referral', joint, ReferralOverdueData, '移送超期', 'referralId'),
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
};

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
