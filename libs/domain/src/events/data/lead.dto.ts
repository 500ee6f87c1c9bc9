import { isProductCategory, PRODUCT_CATEGORIES } from '../../catalogue/products.js';
import { isLeadChannel, isLeadCloseOutcome, LEAD_CHANNELS, LEAD_CLOSE_OUTCOMES } from '../../catalogue/leads.js';
import { DISTRIBUTION_LEVELS, isDistributionLevel } from '../../catalogue/distribution.js';
import { isViolationCategory, VIOLATION_CATEGORIES } from '../../catalogue/violations.js';
import { Field, NestedArray } from '../decorators.js';
import { aggregateId, LIMITS, oneOf, region, reportingDepartment, text, timestamp } from '../rules.js';
import { EntityRef } from './entity-ref.dto.js';

/** lead.reported — a department records a lead (线索) it found or received. */
export class LeadReportedData {
  @Field(oneOf(isViolationCategory, VIOLATION_CATEGORIES))
  category!: string;

  @Field(oneOf(isLeadChannel, LEAD_CHANNELS))
  channel!: string;

  /** Platform name as the department writes it (e.g. 淘宝); free text, it is not a catalogue. */
  @Field(text(LIMITS.name), { optional: true })
  platform?: string;

  /** The plan's product focus list (catalogue `productCategories`); leads stored before the codes carry free text here. */
  @Field(oneOf(isProductCategory, PRODUCT_CATEGORIES), { optional: true })
  productCategory?: string;

  /** The goods in the clerk's words (运动鞋, 儿童面霜 …), next to the code. */
  @Field(text(LIMITS.name), { optional: true })
  productDescription?: string;

  @Field(text(LIMITS.summary))
  summary!: string;

  /** Required so "no identifiers known" is an explicit []; correlation relies on this list. */
  @NestedArray(() => EntityRef, { max: LIMITS.entities })
  entities!: EntityRef[];

  /** Who reads the content (DESIGN "Sharing"): unit | line | region | joint; absent, the campaign's default. */
  @Field(oneOf(isDistributionLevel, DISTRIBUTION_LEVELS), { optional: true })
  distribution?: string;
}

/**
 * lead.referred — the sender refers (移送/协查) a lead to another unit; the referral is born here and
 * `referralId` becomes the subject id of the receiver's referral.* events.
 */
export class LeadReferredData {
  @Field(aggregateId)
  referralId!: string;

  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  @Field(text(LIMITS.reason))
  reason!: string;

  /** Agreed answer deadline, when the sender sets one; otherwise the joint office's defaults apply. */
  @Field(timestamp, { optional: true })
  dueAt?: string;
}

/** lead.closed — how the lead ended; `caseId` names the case it became or was merged into. */
export class LeadClosedData {
  @Field(oneOf(isLeadCloseOutcome, LEAD_CLOSE_OUTCOMES))
  outcome!: string;

  @Field(aggregateId, { optional: true })
  caseId?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}
