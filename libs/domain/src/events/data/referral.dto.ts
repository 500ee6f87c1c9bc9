import { isLeadCloseOutcome, isReferralDecision, LEAD_CLOSE_OUTCOMES, REFERRAL_DECISIONS } from '../../catalogue/leads.js';
import { Field } from '../decorators.js';
import { aggregateId, aggregateRef, LIMITS, oneOf, region, reportingDepartment, text, timestamp } from '../rules.js';

/**
 * Names a referral by its sender: referral ids are the sender's choice, so `referralId` alone could be
 * anyone's. The event's subject is `referral/<fromDepartment>-<fromRegion>-referral-<referralId>`.
 */
export class ReferralRefData {
  @Field(aggregateId)
  referralId!: string;

  @Field(reportingDepartment)
  fromDepartment!: string;

  @Field(region)
  fromRegion!: string;
}

/**
 * referral.answered — published by the receiver under the referral's sender-qualified subject (subject
 * and `referralId` + `from*` must agree). A rejection or return must say why: the sender and the joint
 * office act on that reason.
 */
export class ReferralAnsweredData extends ReferralRefData {
  @Field(oneOf(isReferralDecision, REFERRAL_DECISIONS))
  decision!: string;

  @Field(text(LIMITS.reason), {
    optional: (data) => data['decision'] === 'accepted' || !isReferralDecision(data['decision']),
    requiredMessage: 'is required when decision is rejected or returned',
  })
  reason?: string;
}

/** referral.feedback — the receiver's result (处理结果反馈), in the lead-close vocabulary. */
export class ReferralFeedbackData extends ReferralRefData {
  @Field(oneOf(isLeadCloseOutcome, LEAD_CLOSE_OUTCOMES))
  outcome!: string;

  @Field(aggregateId, { optional: true })
  caseId?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

/**
 * referral.requested — a unit asks another unit for assistance (协查) on a record it may see only the
 * existence of (issue 15: "a record held by … — request it"). A referral of kind `assistance`: it is born
 * here, on the requester's own chain `referral/<dept>-<region>-referral-<referralId>`, and is answered, fed
 * back and watched on the same clocks as a lead.referred.
 */
export class ReferralRequestedData {
  @Field(aggregateId)
  referralId!: string;

  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  /** The record asked about, `<dept>/<region>/<lead|case>/<id>` (it must be the addressed unit's). */
  @Field(aggregateRef(['lead', 'case']))
  record!: string;

  @Field(text(LIMITS.reason))
  reason!: string;

  @Field(timestamp, { optional: true })
  dueAt?: string;
}
