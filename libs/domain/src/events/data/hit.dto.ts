import { HIT_VERDICTS, isHitVerdict } from '../../catalogue/actions.js';
import type { Rule } from '../decorators.js';
import { Field } from '../decorators.js';
import { aggregateId, aggregateRef, entityKey, LIMITS, oneOf, region, reportingDepartment, shown, text } from '../rules.js';

const localDate: Rule = (value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : `must be a local date YYYY-MM-DD (got ${shown(value)})`);

/**
 * hit.alerted (joint office) — another unit reported `otherRef` carrying `key`, which the addressed unit's
 * open lead or case `recordRef` also carries. At most one per (unit, key, local day): `alertId` is
 * `<dept>-<region>-<yyyymmdd>-<key digest>` (alertIdOf), so the subject `hit/<alertId>` names the unit it is for.
 */
export class HitAlertedData {
  @Field(aggregateId)
  alertId!: string;

  @Field(reportingDepartment)
  toDepartment!: string;

  @Field(region)
  toRegion!: string;

  @Field(entityKey)
  key!: string;

  @Field(aggregateRef(['lead', 'case']))
  recordRef!: string;

  @Field(aggregateRef(['lead', 'case']))
  otherRef!: string;

  @Field(localDate)
  day!: string;
}

/**
 * hit.feedback (the alerted unit) — its verdict on a hit, on its own chain `hit/<alertId>` (readers key by
 * unit + alertId; a later verdict replaces an earlier one). Names the entity and the other record it judged.
 */
export class HitFeedbackData {
  @Field(aggregateId)
  alertId!: string;

  @Field(oneOf(isHitVerdict, HIT_VERDICTS))
  verdict!: string;

  @Field(entityKey)
  key!: string;

  @Field(aggregateRef(['lead', 'case']))
  recordRef!: string;

  @Field(aggregateRef(['lead', 'case']))
  otherRef!: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}
