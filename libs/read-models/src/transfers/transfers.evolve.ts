import { text, type PositionedEvent } from '../table/positioned-event.js';

export type TransferStatus = 'transferred' | 'opened' | 'declined';

/** One case transferred to the police as the `transfers` table holds it. Times are ISO strings. */
export interface TransferState {
  fromUnit: string;
  caseId: string;
  toUnit: string;
  toRegion: string;
  approvedAt: string | null;
  transferredAt: string | null;
  recordedAt: string | null;
  reason: string | null;
  status: TransferStatus;
  policeCaseId: string | null;
  decisionReason: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  overdueDueAt: string | null;
  lastSeq: number;
  updatedAt: string;
}

const keyOf = (unit: string, id: string): string => `${unit}\u0000${id}`;

/** The transfer an event is about, named by the transferring unit: its own case.transferred, the answer's or notice's data. */
function transferOf(e: PositionedEvent): { fromUnit: string; caseId: string } | undefined {
  if (e.aggregateType !== 'case') return undefined;
  if (e.event.type === 'case.transferred') return { fromUnit: e.unit, caseId: e.aggregateId };
  if (e.event.type === 'case.transfer_answered') {
    const [id, department, region] = [text(e.event.data, 'caseId'), text(e.event.data, 'fromDepartment'), text(e.event.data, 'fromRegion')];
    return id === null || department === null || region === null ? undefined : { fromUnit: `${department}/${region}`, caseId: id };
  }
  if (e.event.type !== 'case.overdue' || text(e.event.data, 'clock') !== 'police_decision') return undefined;
  // recordRef `<dept>/<region>/case/<id>`.
  const parts = (text(e.event.data, 'recordRef') ?? '').split('/');
  return parts.length === 4 && parts[2] === 'case' ? { fromUnit: `${parts[0]}/${parts[1]}`, caseId: parts[3] ?? '' } : undefined;
}

export function transferKeyOf(e: PositionedEvent): string | undefined {
  const target = transferOf(e);
  return target && keyOf(target.fromUnit, target.caseId);
}

/**
 * Whether the entry may change the row: nothing one unit publishes may change another's record. Only the
 * transferring unit's first transfer sets it, only the addressed police unit answers (once), only the joint
 * office says overdue.
 */
function mayChange(current: TransferState, e: PositionedEvent): boolean {
  switch (e.event.type) {
    case 'case.transferred':
      return current.recordedAt === null && e.unit === current.fromUnit;
    case 'case.transfer_answered':
      return e.unit === current.toUnit && current.answeredAt === null;
    default:
      return e.department === 'joint' && current.overdueDueAt === null;
  }
}

/** The answer's fields, written into the fold's own copy of the state. */
function answer(next: TransferState, e: PositionedEvent): void {
  next.status = text(e.event.data, 'decision') === 'declined' ? 'declined' : 'opened';
  next.policeCaseId = text(e.event.data, 'policeCaseId');
  next.decisionReason = text(e.event.data, 'reason');
  // The decision's own time, as the transfer's: the coordination's police_decision clock stops at it (case-clocks),
  // so a decision entered into the hub later (a backdated record) is judged by when it was made, as there.
  next.answeredAt = e.event.time;
  next.answeredBy = e.event.actor ?? null;
}

/** No answer yet (in the fold's own copy of the state). */
function unanswered(next: TransferState): void {
  next.status = 'transferred';
  next.policeCaseId = null;
  next.decisionReason = null;
  next.answeredAt = null;
  next.answeredBy = null;
}

/**
 * Folds one transfer event (pure: `state` is never changed); an answer or notice read before its transfer (out of
 * order) starts the row. The state is copied once and the copy filled in (the fold runs for every case event).
 */
export function evolveTransfer(state: TransferState | undefined, e: PositionedEvent): TransferState {
  const target = transferOf(e);
  if (target === undefined) {
    if (state === undefined) throw new TypeError(`${e.event.type} at seq ${e.seq} is not a transfer event`);
    return state;
  }
  if (state !== undefined && !mayChange(state, e)) return state;
  const answered = e.event.type === 'case.transfer_answered';
  const next: TransferState =
    state === undefined
      ? {
          fromUnit: target.fromUnit,
          caseId: target.caseId,
          toUnit: answered ? e.unit : '',
          toRegion: answered ? e.region : '',
          approvedAt: null,
          transferredAt: null,
          recordedAt: null,
          reason: null,
          status: 'transferred',
          policeCaseId: null,
          decisionReason: null,
          answeredAt: null,
          answeredBy: null,
          overdueDueAt: null,
          lastSeq: 0,
          updatedAt: e.event.recordedAt,
        }
      : { ...state };
  next.lastSeq = e.seq;
  next.updatedAt = e.event.recordedAt;
  switch (e.event.type) {
    case 'case.transferred': {
      const toRegion = text(e.event.data, 'toRegion') ?? e.region;
      const toUnit = `police/${toRegion}`;
      // An answer read before its transfer counts only when it came from the police unit the transfer addresses.
      if (next.toUnit !== toUnit) unanswered(next);
      next.toUnit = toUnit;
      next.toRegion = toRegion;
      next.approvedAt = text(e.event.data, 'approvedAt');
      next.transferredAt = e.event.time;
      next.recordedAt = e.event.recordedAt;
      next.reason = text(e.event.data, 'reason');
      break;
    }
    case 'case.transfer_answered':
      answer(next, e);
      break;
    default:
      next.overdueDueAt = text(e.event.data, 'dueAt');
  }
  return next;
}
