import { CASE_CLOSE_OUTCOMES, CASE_KINDS, isCaseCloseOutcome, isCaseKind } from '../../catalogue/cases.js';
import { isTargetKind, TARGET_KINDS } from '../../catalogue/enforcement.js';
import { isTransferDecision, TRANSFER_DECISIONS } from '../../catalogue/actions.js';
import { DISTRIBUTION_LEVELS, isDistributionLevel } from '../../catalogue/distribution.js';
import { isViolationCategory, VIOLATION_CATEGORIES } from '../../catalogue/violations.js';
import { ArrayOf, Field, type ItemRule, NestedArray } from '../decorators.js';
import {
  aggregateId,
  each,
  equals,
  LIMITS,
  money,
  oneOf,
  region,
  reportingDepartment,
  text,
  timestamp,
  unique,
} from '../rules.js';
import { EntityRef } from './entity-ref.dto.js';

const category = oneOf(isViolationCategory, VIOLATION_CATEGORIES);

// The annex counts a case once, under its primary category; repeating it here would double it in remarks.
const otherCategory: ItemRule = unique((item, index, items, object) => {
  const problem = each(category)(item, index, items, object);
  if (problem) return problem;
  return item === (object as { primaryCategory?: unknown }).primaryCategory ? 'repeats primaryCategory' : undefined;
});

/** case.opened — a case is filed (立案). The annex counts these by kind and primaryCategory. */
export class CaseOpenedData {
  /** The department's own case number (案号), e.g. 喀市监立〔2021〕12号. */
  @Field(text(LIMITS.id))
  caseNo!: string;

  @Field(oneOf(isCaseKind, CASE_KINDS))
  kind!: string;

  @Field(category)
  primaryCategory!: string;

  @ArrayOf(otherCategory, { max: VIOLATION_CATEGORIES.length - 1 })
  otherCategories!: string[];

  /** Ids of the unit's own leads that this case came from ([] when none). */
  @ArrayOf(unique(each(aggregateId)), { max: LIMITS.entities })
  leadIds!: string[];

  @NestedArray(() => EntityRef, { max: LIMITS.entities })
  entities!: EntityRef[];

  /** What kind of operator the case is against; `platform` feeds the police "platforms" row. */
  @Field(oneOf(isTargetKind, TARGET_KINDS), { optional: true })
  targetKind?: string;

  @Field(text(LIMITS.name), { optional: true })
  platform?: string;

  /** Who reads the content (DESIGN "Sharing"): unit | line | region | joint; absent, the campaign's default. */
  @Field(oneOf(isDistributionLevel, DISTRIBUTION_LEVELS), { optional: true })
  distribution?: string;
}

/** case.assisted — this unit helped another department's case (e.g. forestry assisting police). */
export class CaseAssistedData {
  /** The other department's case number or reference, as they gave it. */
  @Field(text(LIMITS.id))
  caseRef!: string;

  @Field(reportingDepartment)
  leadDepartment!: string;

  @Field(region, { optional: true })
  leadRegion?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

/** case.transferred — administrative → criminal transfer (国务院令 310), always to the police. */
export class CaseTransferredData {
  @Field(equals('police'))
  toDepartment!: string;

  @Field(region, { optional: true })
  toRegion?: string;

  /** When the transfer was approved; the 3-day / 24-hour clocks of Decree 310 start here. */
  @Field(timestamp, { optional: true })
  approvedAt?: string;

  @Field(text(LIMITS.reason), { optional: true })
  reason?: string;
}

/**
 * case.transfer_answered — the police unit a case was transferred to decides whether to open a case (国务院令第310号
 * 第八条, within 3 days). It lives on the transferring unit's qualified chain `case/<fromDept>-<fromRegion>-case-<id>`,
 * as referral answers do, so the transferring unit's own case is never changed by it.
 */
export class CaseTransferAnsweredData {
  /** The transferring unit's case id. */
  @Field(aggregateId)
  caseId!: string;

  @Field(reportingDepartment)
  fromDepartment!: string;

  @Field(region)
  fromRegion!: string;

  @Field(oneOf(isTransferDecision, TRANSFER_DECISIONS))
  decision!: string;

  /** The police's own case (立案) when opened. */
  @Field(aggregateId, {
    optional: (data) => data['decision'] !== 'opened',
    requiredMessage: 'is required when decision is opened',
  })
  policeCaseId?: string;

  @Field(text(LIMITS.reason), {
    optional: (data) => data['decision'] !== 'declined',
    requiredMessage: 'is required when decision is declined',
  })
  reason?: string;
}

/** case.decided — the penalty decision (处罚决定); amounts in yuan. */
export class CaseDecidedData {
  @Field(text(LIMITS.id))
  decisionNo!: string;

  @Field(money)
  fine!: number;

  /** Value of confiscated illegal gains (没收违法所得), yuan. */
  @Field(money)
  confiscation!: number;

  @Field(timestamp, { optional: true })
  decidedAt?: string;
}

export class CaseClosedData {
  @Field(oneOf(isCaseCloseOutcome, CASE_CLOSE_OUTCOMES), { optional: true })
  outcome?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

/** case.marked_typical — the plan asks each unit for at least two typical cases (典型案例). */
export class CaseMarkedTypicalData {
  @Field(text(LIMITS.reason), { optional: true })
  reason?: string;
}
