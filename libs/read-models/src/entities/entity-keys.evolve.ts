import { extractKeys } from '@hub/domain';
import type { PositionedEvent } from '../table/positioned-event.js';

/** One row of `entity_keys`: a key a lead or case carries. */
export interface EntityKeyRow {
  seq: number;
  key: string;
  recordType: 'lead' | 'case';
  unit: string;
  recordId: string;
  department: string;
  region: string;
}

/**
 * The index rows of one event (pure): the distinct keys of a lead.reported or case.opened, normalised exactly
 * as correlation normalises them (extractKeys), so a search finds what the correlation would link.
 */
export function entityKeyRowsOf(e: PositionedEvent): EntityKeyRow[] {
  if (e.aggregateType !== 'lead' && e.aggregateType !== 'case') return [];
  const extracted = extractKeys(e.event);
  if (extracted === undefined) return [];
  return extracted.keys.map((key) => ({ seq: e.seq, key, recordType: e.aggregateType as 'lead' | 'case', unit: e.unit, recordId: e.aggregateId, department: e.department, region: e.region }));
}
