import { defineTable, key, nullable, required } from '../table/define-table.js';

/** Current state of each case aggregate (`<unit>` + case id), including assistance records (case.assisted). */
export const CASES = defineTable({
  name: 'cases',
  columns: {
    unit: key('text'),
    case_id: key('text'),
    department: required('text'),
    region: required('text'),
    /** opened | decided | transferred | closed | assisted */
    status: required('text'),
    case_no: nullable('text'),
    /** administrative | criminal (null for a pure assistance record) */
    kind: nullable('text'),
    primary_category: nullable('text'),
    other_categories: required('text[]', { default: "'{}'" }),
    platform: nullable('text'),
    target_kind: nullable('text'),
    lead_ids: required('text[]', { default: "'{}'" }),
    /** unit | line | region | joint as opened or corrected; null: the campaign's default (DESIGN "Sharing"). */
    distribution: nullable('text'),
    opened_at: nullable('timestamptz'),
    /** The campaign the case belongs to (campaignOfTime of when it was opened); null: no readable time. */
    campaign: nullable('text'),
    decision_no: nullable('text'),
    fine: nullable('numeric(14,2)'),
    confiscation: nullable('numeric(14,2)'),
    decided_at: nullable('timestamptz'),
    transferred: required('boolean', { default: 'false' }),
    transferred_at: nullable('timestamptz'),
    /** case.transferred: the department the case went to (移送, e.g. police). */
    transferred_to: nullable('text'),
    closed: required('boolean', { default: 'false' }),
    closed_at: nullable('timestamptz'),
    close_outcome: nullable('text'),
    typical: required('boolean', { default: 'false' }),
    /** case.assisted: the other department's case reference and department. */
    assisted_case_ref: nullable('text'),
    assisted_department: nullable('text'),
    version: required('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [
    { name: 'cases_region_category_idx', columns: ['region', 'primary_category'] },
    { name: 'cases_campaign_region_idx', columns: ['campaign', 'region'] },
  ],
});
