import { annexRecordKey, evolveAnnexRecord, isAnnexRecordEvent, type AnnexRecord, type HubEvent } from '@hub/domain';
import type { PositionedEvent } from '../table/positioned-event.js';

/** One row of annex_records: an AnnexRecord with its key columns. */
export interface AnnexRecordState extends AnnexRecord {
  unit: string;
  subject: string;
  kind: string;
  occurredAt: string;
  recordedAt: string;
  corrections: number;
  updatedAt: string;
}

/** The record an annex event is about (`<unit>\u0000<subject>`), or undefined for events that create, correct or void none. */
export function annexRecordKeyOf(e: PositionedEvent): string | undefined {
  return isAnnexRecordEvent(e.event) ? annexRecordKey(e.event) : undefined;
}

/**
 * The event as the record keeps it: what annexContributions reads (type, source, subject, times, data, id),
 * without the seal's hash and signature, so a row stays small.
 */
function slimEvent(event: HubEvent): HubEvent {
  return { id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time, recordedAt: event.recordedAt, version: event.version, data: event.data, prevHash: null, hash: '', sig: '' };
}

/**
 * The record after `e` (evolveAnnexRecord). A correction or void of a record the log never created (not
 * accepted by the lifecycle rules, but a log may hold one) keeps a voided placeholder: it counts nothing,
 * exactly as no record, and a later creating event replaces it.
 */
export function evolveAnnexRecordState(state: AnnexRecordState | undefined, e: PositionedEvent): AnnexRecordState {
  const after = evolveAnnexRecord(state, e.event);
  const record = after ?? { event: e.event, voided: true };
  const created = state === undefined || record.event.id === e.event.id;
  return {
    unit: e.event.source,
    subject: e.event.subject,
    event: slimEvent(record.event),
    voided: record.voided,
    kind: e.aggregateType,
    occurredAt: record.event.time,
    recordedAt: created ? e.event.recordedAt : state.recordedAt,
    corrections: created ? 0 : state.corrections + (e.event.type.endsWith('.corrected') ? 1 : 0),
    updatedAt: e.event.recordedAt,
  };
}
