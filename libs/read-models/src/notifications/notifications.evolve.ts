import { text, type PositionedEvent } from '../table/positioned-event.js';

/** One notification as the `notifications` table holds it. Times are ISO strings. */
export interface NotificationState {
  unit: string;
  alertId: string;
  alerted: boolean;
  entityKey: string | null;
  recordRef: string | null;
  otherRef: string | null;
  otherUnit: string | null;
  day: string | null;
  alertedAt: string | null;
  alertSeq: number | null;
  verdict: string | null;
  verdictNote: string | null;
  verdictAt: string | null;
  verdictSeq: number | null;
  lastSeq: number;
}

export const notificationKey = (unit: string, alertId: string): string => `${unit}\u0000${alertId}`;

/** hit.alerted is the joint office's and names the unit in its data; hit.feedback is the unit's own. */
export function notificationKeyOf(e: PositionedEvent): string | undefined {
  if (e.aggregateType !== 'hit') return undefined;
  const data = e.event.data;
  if (e.event.type === 'hit.alerted' && e.department === 'joint') {
    const department = text(data, 'toDepartment');
    const region = text(data, 'toRegion');
    return department === null || region === null ? undefined : notificationKey(`${department}/${region}`, e.aggregateId);
  }
  if (e.event.type === 'hit.feedback' && e.department !== 'joint') return notificationKey(e.unit, e.aggregateId);
  return undefined;
}

function blank(unit: string, alertId: string): NotificationState {
  return { unit, alertId, alerted: false, entityKey: null, recordRef: null, otherRef: null, otherUnit: null, day: null, alertedAt: null, alertSeq: null, verdict: null, verdictNote: null, verdictAt: null, verdictSeq: null, lastSeq: 0 };
}

/** Folds an alert or a verdict (pure); a later verdict replaces an earlier one. */
export function evolveNotification(state: NotificationState | undefined, e: PositionedEvent): NotificationState {
  const data = e.event.data;
  if (e.event.type === 'hit.alerted') {
    const unit = `${text(data, 'toDepartment') ?? ''}/${text(data, 'toRegion') ?? ''}`;
    const otherRef = text(data, 'otherRef');
    return {
      ...(state ?? blank(unit, e.aggregateId)),
      alerted: true,
      entityKey: text(data, 'key'),
      recordRef: text(data, 'recordRef'),
      otherRef,
      otherUnit: otherRef === null ? null : otherRef.split('/').slice(0, 2).join('/'),
      day: text(data, 'day'),
      alertedAt: e.event.recordedAt,
      alertSeq: e.seq,
      lastSeq: e.seq,
    };
  }
  if (e.event.type === 'hit.feedback') {
    return { ...(state ?? blank(e.unit, e.aggregateId)), verdict: text(data, 'verdict'), verdictNote: text(data, 'note'), verdictAt: e.event.recordedAt, verdictSeq: e.seq, lastSeq: e.seq };
  }
  return state ?? blank(e.unit, e.aggregateId);
}
