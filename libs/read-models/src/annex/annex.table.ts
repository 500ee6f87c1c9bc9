import { defineTable, key, nullable, required } from '../table/define-table.js';

/**
 * What each event adds to each statistics-annex row (annexContributions(event, definition)), so an annex
 * for any scope, period and "as of" is one aggregate over an index, and every cell can list its events.
 * Rows carry their campaign (definition id): a 2022 definition is added beside 2021, not instead of it.
 * The indexes lead with campaign and the scope column (unit or region; `all` scans the campaign), then
 * the period column.
 */
export const ANNEX_CONTRIBUTIONS = defineTable({
  name: 'annex_contributions',
  columns: {
    seq: key('bigint'),
    campaign: key('text'),
    row_id: key('text'),
    event_id: required('uuid'),
    unit: required('text'),
    department: required('text'),
    region: required('text'),
    time: required('timestamptz'),
    recorded_at: required('timestamptz'),
    /** double precision: the annex sums the same numbers computeAnnexFromEvents sums in JavaScript. */
    amount: required('double precision'),
    distinct_key: nullable('text'),
    other_categories: nullable('text[]'),
    /**
     * Records the row adds to the cell's record count: 1 for a record's own row, −1/+1 for a correction's
     * minus/plus rows, 0 for the two netted into one. Part of the key: one correction may write a −1 and a +1
     * row for the same annex row (the record moved to another day or other categories).
     */
    records: key('integer'),
  },
  indexes: [
    { name: 'annex_contributions_unit_idx', columns: ['campaign', 'unit', 'time'] },
    { name: 'annex_contributions_region_idx', columns: ['campaign', 'region', 'time'] },
    // The exact tail of an annex "as of": what was recorded on the as-of instant's local day up to it.
    { name: 'annex_contributions_recorded_idx', columns: ['campaign', 'recorded_at'] },
  ],
});
