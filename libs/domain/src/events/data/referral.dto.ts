import { isLeadCloseOutcome, isReferralDecision, LEAD_CLOSE_OUTCOMES, REFERRAL_DECISIONS } from '../../catalogue/leads.js';
import { Field } from '../decorators.js';
import { aggregateId, LIMITS, oneOf, text } from '../rules.js';

/**
 * referral.answered — published by the receiver under its own `referral/<referralId>` subject
 * (subject id and `referralId` must agree). A rejection or return must say why: the sender and the
 * joint office act on that reason.
 */
export class ReferralAnsweredData {
  @Field(aggregateId)
  referralId!: string;

  @Field(oneOf(isReferralDecision, REFERRAL_DECISIONS))
  decision!: string;

  @Field(text(LIMITS.reason), {
    optional: (data) => data['decision'] === 'accepted' || !isReferralDecision(data['decision']),
    requiredMessage: 'is required when decision is rejected or returned',
  })
  reason?: string;
}

/** referral.feedback — the receiver's result (处理结果反馈), in the lead-close vocabulary. */
export class ReferralFeedbackData {
  @Field(aggregateId)
  referralId!: string;

  @Field(oneOf(isLeadCloseOutcome, LEAD_CLOSE_OUTCOMES))
  outcome!: string;

  @Field(aggregateId, { optional: true })
  caseId?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}
