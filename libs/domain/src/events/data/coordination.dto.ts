import { ReferralRefData } from './referral.dto.js';
import { isJurisdictionBasis, isReferralClock, JURISDICTION_BASES, REFERRAL_CLOCKS } from '../../catalogue/leads.js';
import { ArrayOf, Field } from '../decorators.js';
import {
  aggregateId,
  aggregateRef,
  each,
  entityKey,
  flag,
  LIMITS,
  oneOf,
  region,
  reportingDepartment,
  text,
  timestamp,
  unique,
} from '../rules.js';

/** Cap on members per event; larger clusters grow over several events. */
export const MAX_CLUSTER_MEMBERS = 1000;

const member = unique(each(aggregateRef(['lead', 'case'])));
const key = unique(each(entityKey));

/**
 * Cluster events (joint office only). `members` are qualified references to other units' leads and
 * cases (`samr/653100/lead/L-1`), because subjects are only unique per unit. `keys` are the entity
 * keys that tie them together. `crossRegion` / `crossDepartment` describe the whole cluster after
 * the event, so a projection can filter without replaying membership.
 */
class ClusterData {
  @Field(aggregateId)
  clusterId!: string;

  @Field(flag)
  crossRegion!: boolean;

  @Field(flag)
  crossDepartment!: boolean;
}

/** cluster.formed — the initial members (at least two) and the keys they share. */
export class ClusterFormedData extends ClusterData {
  @ArrayOf(member, { min: 2, max: MAX_CLUSTER_MEMBERS })
  members!: string[];

  @ArrayOf(key, { min: 1, max: LIMITS.entities })
  keys!: string[];

  @Field(text(LIMITS.reason), { optional: true })
  reason?: string;
}

/** cluster.grown — members added by correlation (only the new ones) and the keys that matched. */
export class ClusterGrownData extends ClusterData {
  @ArrayOf(member, { min: 1, max: MAX_CLUSTER_MEMBERS })
  members!: string[];

  @ArrayOf(key, { min: 1, max: LIMITS.entities })
  keys!: string[];

  @Field(text(LIMITS.reason), { optional: true })
  reason?: string;
}

/**
 * cluster.linked / cluster.unlinked — a coordinator's manual, reversible decision: members added or
 * removed. No key need match (keys may be []), so the reason is required.
 */
class ClusterManualData extends ClusterData {
  @ArrayOf(member, { min: 1, max: MAX_CLUSTER_MEMBERS })
  members!: string[];

  @ArrayOf(key, { max: LIMITS.entities })
  keys!: string[];

  @Field(text(LIMITS.reason))
  reason!: string;
}

export class ClusterLinkedData extends ClusterManualData {}

export class ClusterUnlinkedData extends ClusterManualData {}

/** referral.overdue — a referral clock ran out at `dueAt` (the referral's sender-qualified subject). */
export class ReferralOverdueData extends ReferralRefData {
  @Field(oneOf(isReferralClock, REFERRAL_CLOCKS))
  clock!: string;

  @Field(timestamp)
  dueAt!: string;
}

/**
 * jurisdiction.suggested — the joint office proposes which unit should handle a lead. `leadSubject`
 * names it with the reporting unit (`<dept>/<region>/lead/<id>`), since lead ids are only unique per
 * unit; the event's subject is that reference as one id, `lead/<dept>-<region>-lead-<id>`
 * (qualifiedAggregateId), so two units' `L-1` get separate chains.
 */
export class JurisdictionSuggestedData {
  @Field(aggregateRef(['lead']))
  leadSubject!: string;

  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  @Field(oneOf(isJurisdictionBasis, JURISDICTION_BASES))
  basis!: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}
