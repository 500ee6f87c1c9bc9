import type { HubEvent } from '../integrity/envelope.js';
import { annexContributions } from './contributions.js';
import type { AnnexContribution, CampaignDefinition } from './types.js';

/*
 * Corrections and voids in the annex. Contributions stay append-only: a `<type>.corrected` adds delta rows
 * at its own recordedAt — minus what the record contributed before, plus what it contributes now — and a
 * `<type>.voided` adds the minus rows only. So the annex counts each record's current state, `asOf` before
 * the correction still answers what the hub knew then (a filed report stays reproducible), and the trace
 * lists the original and every correction (the delta rows carry the correction's event id).
 */

/** The events that create a record the annex counts, per aggregate type. */
const CREATED_BY: Readonly<Record<string, string>> = {
  lead: 'lead.reported',
  case: 'case.opened',
  takedown: 'takedown.recorded',
  inspection: 'inspection.recorded',
  seizure: 'seizure.recorded',
  rectification: 'rectification.ordered',
};

/** A record as the annex sees it now: its creating event with the corrected data and time, or voided. */
export interface AnnexRecord {
  readonly event: HubEvent;
  readonly voided: boolean;
}

const aggregateTypeOf = (subject: string): string => subject.slice(0, Math.max(0, subject.indexOf('/')));
const verbOf = (type: string): string => type.slice(type.indexOf('.') + 1);

/** Key of a record: aggregate ids are unique per publishing unit only. */
export const annexRecordKey = (event: Pick<HubEvent, 'source' | 'subject'>): string => `${event.source}\u0000${event.subject}`;

/** Whether the annex fold needs the record's state for `event` (its creation, correction or void). */
export function isAnnexRecordEvent(event: Pick<HubEvent, 'type' | 'subject'>): boolean {
  const created = CREATED_BY[aggregateTypeOf(event.subject)];
  if (created === undefined) return false;
  const verb = verbOf(event.type);
  return event.type === created || verb === 'corrected' || verb === 'voided';
}

/** The record after `event` (pure); corrections replace the fields they name, `occurredAt` the time. */
export function evolveAnnexRecord(record: AnnexRecord | undefined, event: HubEvent): AnnexRecord | undefined {
  if (event.type === CREATED_BY[aggregateTypeOf(event.subject)]) return { event, voided: false };
  if (!record) return record;
  switch (verbOf(event.type)) {
    case 'corrected': {
      const { reason: _reason, occurredAt, ...fields } = event.data;
      const time = typeof occurredAt === 'string' ? occurredAt : record.event.time;
      return { event: { ...record.event, time, data: { ...record.event.data, ...fields } }, voided: record.voided };
    }
    case 'voided':
      return { event: record.event, voided: true };
    default:
      return record;
  }
}

/**
 * What `event` adds to the annex given the record's state before it: a creating event its contributions
 * (annexContributions), a correction or void the delta rows at its own id and recordedAt, anything else
 * what annexContributions says.
 */
export function annexContributionsOf(before: AnnexRecord | undefined, event: HubEvent, definition: CampaignDefinition): AnnexContribution[] {
  const verb = verbOf(event.type);
  if (!isAnnexRecordEvent(event) || (verb !== 'corrected' && verb !== 'voided')) return annexContributions(event, definition);
  if (!before || before.voided) return [];
  const after = evolveAnnexRecord(before, event);
  const asOfCorrection = (record: AnnexRecord): HubEvent => ({ ...record.event, id: event.id, recordedAt: event.recordedAt });
  const removed = annexContributions(asOfCorrection(before), definition).map((c) => ({ ...c, amount: -c.amount, records: -1 }));
  const added = after && !after.voided ? annexContributions(asOfCorrection(after), definition).map((c) => ({ ...c, records: 1 })) : [];
  return netted([...removed, ...added]);
}

/** Drops pairs that cancel out (same row, time, distinct key and categories): a correction of another field moves nothing. */
function netted(rows: AnnexContribution[]): AnnexContribution[] {
  const byCell = new Map<string, AnnexContribution>();
  for (const row of rows) {
    const cell = JSON.stringify([row.rowId, row.time, row.distinctKey ?? null, row.otherCategories ?? null]);
    const found = byCell.get(cell);
    byCell.set(cell, found ? { ...found, amount: found.amount + row.amount, records: (found.records ?? 1) + (row.records ?? 1) } : row);
  }
  // A moved sum keeps its row (records 0, amount new − old); a void of a zero amount keeps its −1 record.
  return [...byCell.values()].filter((row) => row.amount !== 0 || (row.records ?? 1) !== 0);
}
