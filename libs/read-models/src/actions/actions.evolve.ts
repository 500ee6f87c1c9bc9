import { int, text, texts, type PositionedEvent } from '../table/positioned-event.js';

/** One guidance or interview as the `guidance` table holds it. Times are ISO strings. */
export interface GuidanceState {
  unit: string;
  guidanceId: string;
  department: string;
  region: string;
  kind: string;
  operatorRef: string | null;
  operatorName: string;
  topic: string;
  heldAt: string;
  participants: string[];
  recordedBy: string | null;
  version: number;
  lastSeq: number;
  updatedAt: string;
}

/** One sampling round as the `samplings` table holds it. */
export interface SamplingState {
  unit: string;
  samplingId: string;
  department: string;
  region: string;
  batches: number;
  failed: number;
  productCategory: string;
  productDescription: string | null;
  operatorRef: string | null;
  sampledAt: string;
  publishedAt: string | null;
  recordedBy: string | null;
  version: number;
  lastSeq: number;
  updatedAt: string;
}

export type ClosureStatus = 'requested' | 'closed' | 'refused';

/** One urgent closure request as the `closures` table holds it. */
export interface ClosureState {
  fromUnit: string;
  closureId: string;
  toUnit: string;
  toDepartment: string;
  toRegion: string;
  targetKind: string | null;
  target: string | null;
  operatorRef: string | null;
  platform: string | null;
  reason: string | null;
  requestedAt: string | null;
  recordedAt: string | null;
  status: ClosureStatus;
  decisionReason: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  overdueDueAt: string | null;
  overdueHours: number | null;
  lastSeq: number;
  updatedAt: string;
}

const keyOf = (unit: string, id: string): string => `${unit}\u0000${id}`;

export function guidanceKeyOf(e: PositionedEvent): string | undefined {
  return e.event.type === 'guidance.given' && e.aggregateType === 'guidance' ? keyOf(e.unit, e.aggregateId) : undefined;
}

export function samplingKeyOf(e: PositionedEvent): string | undefined {
  return e.event.type === 'sampling.recorded' && e.aggregateType === 'sampling' ? keyOf(e.unit, e.aggregateId) : undefined;
}

/**
 * guidance.given (pure). A unit's guidance id names one record: a second event under the same id (the
 * department service refuses it as a lifecycle conflict) does not rewrite the first.
 */
export function evolveGuidance(state: GuidanceState | undefined, e: PositionedEvent): GuidanceState {
  if (state !== undefined) return state;
  const data = e.event.data;
  return {
    unit: e.unit,
    guidanceId: e.aggregateId,
    department: e.department,
    region: e.region,
    kind: text(data, 'kind') ?? 'guidance',
    operatorRef: text(data, 'operatorRef'),
    operatorName: text(data, 'operatorName') ?? '',
    topic: text(data, 'topic') ?? '',
    heldAt: text(data, 'heldAt') ?? e.event.time,
    participants: texts(data, 'participants'),
    recordedBy: e.event.actor ?? null,
    version: e.event.version,
    lastSeq: e.seq,
    updatedAt: e.event.recordedAt,
  };
}

/** sampling.recorded (pure), first record per id kept, as for guidance. */
export function evolveSampling(state: SamplingState | undefined, e: PositionedEvent): SamplingState {
  if (state !== undefined) return state;
  const data = e.event.data;
  return {
    unit: e.unit,
    samplingId: e.aggregateId,
    department: e.department,
    region: e.region,
    batches: int(data, 'batches') ?? 0,
    failed: int(data, 'failed') ?? 0,
    productCategory: text(data, 'productCategory') ?? 'other',
    productDescription: text(data, 'productDescription'),
    operatorRef: text(data, 'operatorRef'),
    sampledAt: e.event.time,
    publishedAt: text(data, 'publishedAt'),
    recordedBy: e.event.actor ?? null,
    version: e.event.version,
    lastSeq: e.seq,
    updatedAt: e.event.recordedAt,
  };
}

/** The request a closure event is about, named by its requester: the request itself, or the answer's / notice's data. */
function requesterOf(e: PositionedEvent): { fromUnit: string; closureId: string } | undefined {
  if (e.aggregateType !== 'closure') return undefined;
  if (e.event.type === 'closure.requested') return { fromUnit: e.unit, closureId: e.aggregateId };
  if (e.event.type !== 'closure.answered' && e.event.type !== 'closure.overdue') return undefined;
  const [id, department, region] = [text(e.event.data, 'closureId'), text(e.event.data, 'fromDepartment'), text(e.event.data, 'fromRegion')];
  return id === null || department === null || region === null ? undefined : { fromUnit: `${department}/${region}`, closureId: id };
}

export function closureKeyOf(e: PositionedEvent): string | undefined {
  const target = requesterOf(e);
  return target && keyOf(target.fromUnit, target.closureId);
}

/**
 * Whether the entry may change the row: nothing one unit publishes may change another's request. Only the
 * requester's first request sets it, only the addressed unit answers (once), only the joint office says overdue.
 */
function mayChange(current: ClosureState, e: PositionedEvent): boolean {
  switch (e.event.type) {
    case 'closure.requested':
      return current.recordedAt === null && e.unit === current.fromUnit;
    case 'closure.answered':
      return e.unit === current.toUnit && current.answeredAt === null;
    default:
      return e.department === 'joint' && current.overdueDueAt === null;
  }
}

/** Folds one closure event (pure); an answer or notice read before its request (out of order) starts the row. */
export function evolveClosure(state: ClosureState | undefined, e: PositionedEvent): ClosureState {
  const target = requesterOf(e);
  if (target === undefined) {
    if (state === undefined) throw new TypeError(`${e.event.type} at seq ${e.seq} is not a closure event`);
    return state;
  }
  const data = e.event.data;
  const [fromDepartment = '', fromRegion = ''] = target.fromUnit.split('/');
  const current: ClosureState = state ?? {
    ...target,
    toUnit: e.event.type === 'closure.answered' ? e.unit : '',
    toDepartment: e.event.type === 'closure.answered' ? e.department : '',
    toRegion: e.event.type === 'closure.answered' ? e.region : '',
    targetKind: null,
    target: null,
    operatorRef: null,
    platform: null,
    reason: null,
    requestedAt: null,
    recordedAt: null,
    status: 'requested',
    decisionReason: null,
    answeredAt: null,
    answeredBy: null,
    overdueDueAt: null,
    overdueHours: null,
    lastSeq: 0,
    updatedAt: e.event.recordedAt,
  };
  if (fromDepartment === '' || fromRegion === '' || (state !== undefined && !mayChange(current, e))) return current;
  const next: ClosureState = { ...current, lastSeq: e.seq, updatedAt: e.event.recordedAt };
  switch (e.event.type) {
    case 'closure.requested': {
      const [toDepartment, toRegion] = [text(data, 'toDepartment') ?? '', text(data, 'toRegion') ?? ''];
      // An answer read before its request counts only when it came from the unit the request addresses.
      const answer = current.toUnit === `${toDepartment}/${toRegion}` ? {} : { status: 'requested' as const, decisionReason: null, answeredAt: null, answeredBy: null };
      return {
        ...next,
        ...answer,
        toUnit: `${toDepartment}/${toRegion}`,
        toDepartment,
        toRegion,
        targetKind: text(data, 'targetKind'),
        target: text(data, 'target'),
        operatorRef: text(data, 'operatorRef'),
        platform: text(data, 'platform'),
        reason: text(data, 'reason'),
        requestedAt: e.event.time,
        recordedAt: e.event.recordedAt,
      };
    }
    case 'closure.answered':
      return {
        ...next,
        status: text(data, 'decision') === 'refused' ? 'refused' : 'closed',
        decisionReason: text(data, 'reason'),
        answeredAt: e.event.recordedAt,
        answeredBy: e.event.actor ?? null,
      };
    default:
      return { ...next, overdueDueAt: text(data, 'dueAt'), overdueHours: int(data, 'hours') };
  }
}
