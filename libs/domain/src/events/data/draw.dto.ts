import { DRAW_ALGORITHM, DRAW_SEED_RULE } from '../../draws/draw-algorithm.js';
import { isOperatorKind, OPERATOR_KINDS, DISPLAY_STATUSES, isDisplayStatus } from '../../catalogue/operators.js';
import type { Rule } from '../decorators.js';
import { ArrayOf, Field, NestedArray, Noun } from '../decorators.js';
import { aggregateId, aggregateRef, each, equals, integer, LIMITS, oneOf, region, shown, text, unique } from '../rules.js';

/** Most operators one draw can commit to (the snapshot travels in the event, so anyone can recompute). */
export const MAX_DRAW_TARGETS = 2_000;
export const MAX_DRAW_INSPECTORS = 500;

const sha256: Rule = (value) => (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? undefined : `must be a sha256 in 64 lower-case hex digits (got ${shown(value)})`);

const ratio: Rule = (value, object) =>
  (object as Record<string, unknown>)['sampleSize'] !== undefined
    ? 'must not be given with sampleSize (one of the two)'
    : typeof value === 'number' && value > 0 && value <= 1 && Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6
    ? undefined
    : `must be a ratio above 0 and at most 1 with at most 4 decimals, e.g. 0.05 (got ${shown(value)})`;

const positive = (max: number): Rule => (value, object) => integer(max)(value, object) ?? (value === 0 ? 'must be at least 1' : undefined);

@Noun('draw target')
export class DrawTargetData {
  @Field(aggregateRef(['operator']))
  operator!: string;

  @Field(text(LIMITS.name), { optional: true })
  uscc?: string;
}

@Noun('conflict of interest')
export class InspectorConflictData {
  @Field(aggregateRef(['operator']), { optional: (o) => o['uscc'] !== undefined, requiredMessage: 'is required unless uscc is given' })
  operator?: string;

  @Field(text(LIMITS.name), { optional: true })
  uscc?: string;

  @Field(text(LIMITS.reason))
  reason!: string;
}

@Noun('inspector')
export class InspectorData {
  @Field(aggregateId)
  id!: string;

  @Field(text(LIMITS.name))
  name!: string;

  @NestedArray(() => InspectorConflictData, { max: MAX_DRAW_TARGETS })
  conflicts!: InspectorConflictData[];
}

/**
 * draw.committed — a unit commits, before anyone can know the seed, to what it draws from: the target
 * snapshot (the register under `filter` as of stream sequence `registerSeq`) and its inspector list, each with
 * its sha256, the algorithm and the seed rule (双随机、一公开, 方案 三(一)). `sampleSize` or `sampleRatio`, never both.
 */
export class DrawCommittedData {
  /** A spot-check item of the draw lists of the draw's campaign: checked in validateIntake, which knows the event's time. */
  @Field(aggregateId)
  item!: string;

  /** The target filter over the register: the drawing unit's region, optionally one kind and one display status. */
  @Field(region)
  region!: string;

  @Field(oneOf(isOperatorKind, OPERATOR_KINDS), { optional: true })
  kind?: string;

  @Field(oneOf(isDisplayStatus, DISPLAY_STATUSES), { optional: true })
  status?: string;

  @Field(positive(MAX_DRAW_TARGETS), { optional: (o) => o['sampleRatio'] !== undefined, requiredMessage: 'is required unless sampleRatio is given' })
  sampleSize?: number;

  @Field(ratio, { optional: true })
  sampleRatio?: number;

  @Field(positive(10))
  inspectorsPerTarget!: number;

  @Field(integer(Number.MAX_SAFE_INTEGER))
  registerSeq!: number;

  @NestedArray(() => DrawTargetData, { max: MAX_DRAW_TARGETS })
  targets!: DrawTargetData[];

  @Field(sha256)
  targetsHash!: string;

  @NestedArray(() => InspectorData, { min: 1, max: MAX_DRAW_INSPECTORS })
  inspectors!: InspectorData[];

  @Field(sha256)
  inspectorsHash!: string;

  @Field(equals(DRAW_ALGORITHM))
  algorithm!: string;

  @Field(equals(DRAW_SEED_RULE))
  seedRule!: string;
}

@Noun('drawn operator')
export class DrawSelectedData {
  @Field(aggregateRef(['operator']))
  operator!: string;

  @ArrayOf(unique(each(aggregateId)), { max: 10 })
  inspectors!: string[];
}

@Noun('skipped inspector')
export class DrawSkippedData {
  @Field(aggregateRef(['operator']))
  operator!: string;

  @Field(aggregateId)
  inspector!: string;

  @Field(text(LIMITS.reason))
  reason!: string;
}

/**
 * draw.revealed — the joint office's reveal of a unit's draw (`draw/<dept>-<region>-draw-<id>`): its signature
 * over the commit's hash, the seed that follows from it, and the selection by the committed algorithm, with every
 * inspector skipped for a declared conflict and the reason.
 */
export class DrawRevealedData {
  @Field(aggregateRef(['draw']))
  drawRef!: string;

  @Field(sha256)
  commitHash!: string;

  @Field(text(200))
  seedSignature!: string;

  @Field(sha256)
  seed!: string;

  @NestedArray(() => DrawSelectedData, { max: MAX_DRAW_TARGETS })
  selected!: DrawSelectedData[];

  @NestedArray(() => DrawSkippedData, { max: MAX_DRAW_TARGETS * 10 })
  skipped!: DrawSkippedData[];
}
