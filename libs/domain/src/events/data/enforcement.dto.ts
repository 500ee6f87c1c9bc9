import { isSeizureChannel, isTakedownAction, isTargetKind, SEIZURE_CHANNELS, TAKEDOWN_ACTIONS, TARGET_KINDS } from '../../catalogue/enforcement.js';
import { Field } from '../decorators.js';
import { aggregateId, count, LIMITS, oneOf, text } from '../rules.js';

/**
 * Count-style facts: one event may stand for many items (e.g. 1,200 listings removed in a sweep)
 * because departments report totals, and the annex sums `count`.
 */
export class TakedownRecordedData {
  @Field(oneOf(isTakedownAction, TAKEDOWN_ACTIONS))
  action!: string;

  @Field(count)
  count!: number;

  @Field(text(LIMITS.name), { optional: true })
  platform?: string;

  /** The unit's own lead the takedown followed from, when there is one. */
  @Field(aggregateId, { optional: true })
  leadId?: string;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

/** Shared by inspection.recorded and rectification.ordered (same shape, different annex rows). */
class TargetCountData {
  @Field(oneOf(isTargetKind, TARGET_KINDS))
  targetKind!: string;

  @Field(count)
  count!: number;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}

export class InspectionRecordedData extends TargetCountData {
  /**
   * The unit's own draw (双随机, `draw/<id>`) the inspected targets were drawn in, when they were: the department
   * service refuses an id its unit has not committed (404 naming data.drawId), so a result links only to a real draw.
   */
  @Field(aggregateId, { optional: true })
  drawId?: string;
}

export class RectificationOrderedData extends TargetCountData {}

/** seizure.recorded — customs seizures of infringing goods: batches (批次) and pieces (件). */
export class SeizureRecordedData {
  @Field(oneOf(isSeizureChannel, SEIZURE_CHANNELS))
  channel!: string;

  @Field(count)
  batches!: number;

  @Field(count)
  pieces!: number;

  @Field(text(LIMITS.reason), { optional: true })
  note?: string;
}
