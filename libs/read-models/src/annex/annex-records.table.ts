import { defineTable, key, required } from '../table/define-table.js';

/**
 * Each annex record's current state (leads, cases, takedowns, inspections, seizures, rectifications; key
 * `<unit>` + subject, as ids are unique per unit only): its creating event with every correction applied,
 * or voided. The projector gives a `<type>.corrected`/`<type>.voided` this state to write the annex delta
 * rows (−what the record contributed, +what it contributes now), so the annex counts current state.
 * A unit's 我的记录 (GET /api/v1/records) lists its rows: kind, dates and correction state are columns for it.
 */
export const ANNEX_RECORDS = defineTable({
  name: 'annex_records',
  columns: {
    unit: key('text'),
    subject: key('text'),
    /** The creating event as corrected so far (only the fields the annex rules read: see slimEvent). */
    event: required('jsonb'),
    voided: required('boolean'),
    /** The aggregate type: lead, case, takedown, inspection, seizure, rectification. */
    kind: required('text'),
    /** When the fact happened (the event's `time`, as corrected). */
    occurred_at: required('timestamptz'),
    /** When the hub first recorded it. */
    recorded_at: required('timestamptz'),
    /** How many corrections it has had. */
    corrections: required('integer'),
    /** When the last creation, correction or void was recorded. */
    updated_at: required('timestamptz'),
  },
  indexes: [{ name: 'annex_records_unit_kind_idx', columns: ['unit', 'kind', 'occurred_at'] }],
});
