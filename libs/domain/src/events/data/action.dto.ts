import { CASE_CLOCKS, CLOSURE_DECISIONS, CLOSURE_TARGET_KINDS, EXTENDABLE_CASE_CLOCKS, GUIDANCE_KINDS, isCaseClock, isClosureDecision, isClosureTargetKind, isExtendableCaseClock, isGuidanceKind } from '../../catalogue/actions.js';
import { isProductCategory, PRODUCT_CATEGORIES } from '../../catalogue/products.js';
import { ArrayOf, Field, type Rule } from '../decorators.js';
import { aggregateId, aggregateRef, count, each, integer, LIMITS, oneOf, region, reportingDepartment, text, timestamp, unique } from '../rules.js';

/**
 * guidance.given — administrative guidance (行政指导) or an interview (行政约谈) of an operator, 三(二). The
 * operator is named as the register holds it (`<dept>/<region>/operator/<id>`, any unit's entry) when it is
 * registered, and always by name; `participants` are the departments that took part (the giving unit included).
 */
export class GuidanceGivenData {
  @Field(oneOf(isGuidanceKind, GUIDANCE_KINDS))
  kind!: string;

  @Field(aggregateRef(['operator']), { optional: true })
  operatorRef?: string;

  @Field(text(LIMITS.name))
  operatorName!: string;

  @Field(text(LIMITS.reason))
  topic!: string;

  /** When the guidance or interview took place (the event's `time` is when it was recorded). */
  @Field(timestamp)
  heldAt!: string;

  @ArrayOf(unique(each(reportingDepartment)), { min: 1, max: 13 })
  participants!: string[];
}

/** Failed batches cannot outnumber the batches sampled. */
const failedBatches: Rule = (value, object) => {
  const problem = count(value, object);
  if (problem !== undefined) return problem;
  const batches = (object as { batches?: unknown }).batches;
  return typeof batches === 'number' && typeof value === 'number' && value > batches ? `must be at most batches (${batches}), got ${value}` : undefined;
};

/**
 * sampling.recorded — a quality sampling round (抽检) and its result, 二(三)三: batches sampled and failed, the
 * product by the plan's focus list, and when the result was published (公开), absent while unpublished.
 */
export class SamplingRecordedData {
  @Field(integer(LIMITS.count))
  batches!: number;

  @Field(failedBatches)
  failed!: number;

  @Field(oneOf(isProductCategory, PRODUCT_CATEGORIES))
  productCategory!: string;

  @Field(text(LIMITS.name), { optional: true })
  productDescription?: string;

  @Field(aggregateRef(['operator']), { optional: true })
  operatorRef?: string;

  @Field(timestamp, { optional: true })
  publishedAt?: string;
}

/**
 * closure.requested — a 7×24 urgent request to close a harmful site (二(六)五), by cac, police or samr to the unit
 * that can act (telecom for sites and access, or the unit holding a platform's duty, naming the platform). The
 * addressed unit answers on the hours clock (closure_answer in LEGAL_CLOCKS).
 */
export class ClosureRequestedData {
  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  @Field(oneOf(isClosureTargetKind, CLOSURE_TARGET_KINDS))
  targetKind!: string;

  /** The site, app, account or shop: a URL, domain or account name. */
  @Field(text(LIMITS.entityValue))
  target!: string;

  @Field(aggregateRef(['operator']), { optional: true })
  operatorRef?: string;

  /** The platform whose duty it is to act, when the target lives on one. */
  @Field(text(LIMITS.name), { optional: true })
  platform?: string;

  @Field(text(LIMITS.reason))
  reason!: string;
}

/** Names a closure request by its requester: ids are the requester's, like referral ids. */
export class ClosureRefData {
  @Field(aggregateId)
  closureId!: string;

  @Field(reportingDepartment)
  fromDepartment!: string;

  @Field(region)
  fromRegion!: string;
}

/** closure.answered — the addressed unit's answer; a refusal says why. */
export class ClosureAnsweredData extends ClosureRefData {
  @Field(oneOf(isClosureDecision, CLOSURE_DECISIONS))
  decision!: string;

  @Field(text(LIMITS.reason), {
    optional: (data) => data['decision'] === 'closed' || !isClosureDecision(data['decision']),
    requiredMessage: 'is required when decision is refused',
  })
  reason?: string;
}

/** closure.overdue — the joint office: the request was not answered within its hours clock. */
export class ClosureOverdueData extends ClosureRefData {
  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  @Field(integer(24 * 365))
  hours!: number;

  @Field(timestamp)
  dueAt!: string;
}

/** case.extended — the head's approval to extend a procedure clock (e.g. +30 days for the decision, 第六十四条). */
export class CaseExtendedData {
  @Field(oneOf(isExtendableCaseClock, EXTENDABLE_CASE_CLOCKS))
  clock!: string;

  /** Who approved (负责人), as the approval names them. */
  @Field(text(LIMITS.name))
  approvedBy!: string;

  @Field(text(LIMITS.reason))
  reason!: string;
}

/** case.suspended — the case is suspended (中止); the decision clock stops until case.resumed. */
export class CaseSuspendedData {
  @Field(text(LIMITS.reason))
  reason!: string;
}

/** case.resumed — the suspension ended; the decision clock runs on from where it stopped. */
export class CaseResumedData {
  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

/**
 * case.overdue — the joint office: a procedure clock ran out before the awaited step, once per (record, clock).
 * `recordRef` is the unit's case (or lead, for the decision whether to open a case); the subject is that
 * reference as one id (`case/<dept>-<region>-<lead|case>-<id>`).
 */
export class CaseOverdueData {
  @Field(aggregateRef(['case', 'lead']))
  recordRef!: string;

  @Field(oneOf(isCaseClock, CASE_CLOCKS))
  clock!: string;

  @Field(timestamp)
  dueAt!: string;

  /** The legal basis as LEGAL_CLOCKS names it. */
  @Field(text(LIMITS.reason))
  basis!: string;
}
