import { CASE_KINDS, isCaseKind } from '../../catalogue/cases.js';
import { isSeizureChannel, isTakedownAction, isTargetKind, SEIZURE_CHANNELS, TAKEDOWN_ACTIONS, TARGET_KINDS } from '../../catalogue/enforcement.js';
import { isLeadChannel, LEAD_CHANNELS } from '../../catalogue/leads.js';
import { isProductCategory, PRODUCT_CATEGORIES } from '../../catalogue/products.js';
import { DISTRIBUTION_LEVELS, isDistributionLevel } from '../../catalogue/distribution.js';
import { isViolationCategory, VIOLATION_CATEGORIES } from '../../catalogue/violations.js';
import { ArrayOf, Field, type ItemRule } from '../decorators.js';
import { count, each, LIMITS, money, oneOf, shown, text, timestamp, unique } from '../rules.js';

/*
 * `<type>.corrected` — new values for named fields of what the aggregate recorded, with a reason; every
 * field but `reason` is optional, at least one must be given. `occurredAt` corrects when the recorded fact
 * happened (the original event's `time`, which the annex's period filters on). `<type>.voided` withdraws
 * the record with a reason: the annex stops counting it. Both need the record (lifecycle rules).
 */

/** A reason, and the check that the correction names at least one field (reported on `reason`). */
function correctionReason(fields: readonly string[]): (value: unknown, object: object) => string | undefined {
  return (value, object) => {
    const problem = text(LIMITS.reason)(value, object);
    if (problem) return problem;
    return fields.some((field) => Object.hasOwn(object, field)) ? undefined : `is given but no field is corrected: name at least one of ${fields.join(', ')}`;
  };
}

const category = oneOf(isViolationCategory, VIOLATION_CATEGORIES);
const optional = { optional: true } as const;
/** A new sharing level: widening or narrowing who reads the record's content is a correction like any other. */
const distribution = oneOf(isDistributionLevel, DISTRIBUTION_LEVELS);

export class LeadCorrectedData {
  @Field(correctionReason(['category', 'channel', 'platform', 'productCategory', 'productDescription', 'summary', 'occurredAt', 'distribution']))
  reason!: string;

  @Field(distribution, optional)
  distribution?: string;

  @Field(category, optional)
  category?: string;

  @Field(oneOf(isLeadChannel, LEAD_CHANNELS), optional)
  channel?: string;

  @Field(text(LIMITS.name), optional)
  platform?: string;

  @Field(oneOf(isProductCategory, PRODUCT_CATEGORIES), optional)
  productCategory?: string;

  @Field(text(LIMITS.name), optional)
  productDescription?: string;

  @Field(text(LIMITS.summary), optional)
  summary?: string;

  @Field(timestamp, optional)
  occurredAt?: string;
}

export class TakedownCorrectedData {
  @Field(correctionReason(['action', 'count', 'platform', 'occurredAt']))
  reason!: string;

  @Field(oneOf(isTakedownAction, TAKEDOWN_ACTIONS), optional)
  action?: string;

  @Field(count, optional)
  count?: number;

  @Field(text(LIMITS.name), optional)
  platform?: string;

  @Field(timestamp, optional)
  occurredAt?: string;
}

/** inspection.corrected and rectification.corrected. */
class TargetCountCorrectedData {
  @Field(correctionReason(['targetKind', 'count', 'occurredAt']))
  reason!: string;

  @Field(oneOf(isTargetKind, TARGET_KINDS), optional)
  targetKind?: string;

  @Field(count, optional)
  count?: number;

  @Field(timestamp, optional)
  occurredAt?: string;
}

export class InspectionCorrectedData extends TargetCountCorrectedData {}

export class RectificationCorrectedData extends TargetCountCorrectedData {}

export class SeizureCorrectedData {
  @Field(correctionReason(['channel', 'batches', 'pieces', 'occurredAt']))
  reason!: string;

  @Field(oneOf(isSeizureChannel, SEIZURE_CHANNELS), optional)
  channel?: string;

  @Field(count, optional)
  batches?: number;

  @Field(count, optional)
  pieces?: number;

  @Field(timestamp, optional)
  occurredAt?: string;
}

// A corrected primary category must not repeat among the corrected other categories.
const otherCategory: ItemRule = unique((item, index, items, object) => {
  const problem = each(category)(item, index, items, object);
  if (problem) return problem;
  return item === (object as { primaryCategory?: unknown }).primaryCategory ? `repeats primaryCategory ${shown(item)}` : undefined;
});

/** case.corrected — the opening's categories, kind, target and platform, and the decision's number and amounts. */
export class CaseCorrectedData {
  @Field(correctionReason(['caseNo', 'kind', 'primaryCategory', 'otherCategories', 'targetKind', 'platform', 'decisionNo', 'fine', 'confiscation', 'occurredAt', 'distribution']))
  reason!: string;

  @Field(distribution, optional)
  distribution?: string;

  @Field(text(LIMITS.id), optional)
  caseNo?: string;

  @Field(oneOf(isCaseKind, CASE_KINDS), optional)
  kind?: string;

  @Field(category, optional)
  primaryCategory?: string;

  @ArrayOf(otherCategory, { max: VIOLATION_CATEGORIES.length - 1, optional: true })
  otherCategories?: string[];

  @Field(oneOf(isTargetKind, TARGET_KINDS), optional)
  targetKind?: string;

  @Field(text(LIMITS.name), optional)
  platform?: string;

  @Field(text(LIMITS.id), optional)
  decisionNo?: string;

  @Field(money, optional)
  fine?: number;

  @Field(money, optional)
  confiscation?: number;

  @Field(timestamp, optional)
  occurredAt?: string;
}

/** `<type>.voided` — the record is withdrawn (entered in error, a duplicate of another record …). */
export class VoidedData {
  @Field(text(LIMITS.reason))
  reason!: string;
}

