import { defineTable, key, nullable, required } from '../table/define-table.js';

/**
 * Count-style facts, one row per event: takedowns, inspections, rectification orders and seizures.
 * Append-only (these aggregates have one event each in practice; each event is its own tally).
 */
export const TALLIES = defineTable({
  name: 'tallies',
  columns: {
    seq: key('bigint'),
    event_id: required('uuid'),
    /** takedown | inspection | rectification | seizure */
    kind: required('text'),
    /** The aggregate id under the unit (e.g. takedown/T-1 → T-1). */
    aggregate_id: required('text'),
    /** takedown `action`. */
    action: nullable('text'),
    /** inspection / rectification `targetKind`. */
    target_kind: nullable('text'),
    /** seizure `channel`. */
    channel: nullable('text'),
    count: nullable('integer'),
    batches: nullable('integer'),
    pieces: nullable('integer'),
    platform: nullable('text'),
    unit: required('text'),
    department: required('text'),
    region: required('text'),
    time: required('timestamptz'),
    recorded_at: required('timestamptz'),
  },
  indexes: [{ name: 'tallies_unit_time_idx', columns: ['unit', 'time'] }],
});
