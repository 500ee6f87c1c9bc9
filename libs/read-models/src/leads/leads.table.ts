import { defineTable, key, nullable, required } from '../table/define-table.js';

/** Current state of each lead aggregate (`<unit>` + lead id; ids are unique per unit only). */
export const LEADS = defineTable({
  name: 'leads',
  columns: {
    unit: key('text'),
    lead_id: key('text'),
    department: required('text'),
    region: required('text'),
    /** open | referred | closed */
    status: required('text'),
    category: nullable('text'),
    channel: nullable('text'),
    platform: nullable('text'),
    product_category: nullable('text'),
    product_description: nullable('text'),
    summary: nullable('text'),
    /** [{kind, value}] */
    entities: required('jsonb', { default: "'[]'" }),
    /** unit | line | region | joint as reported or corrected; null: the campaign's default (DESIGN "Sharing"). */
    distribution: nullable('text'),
    reported_at: nullable('timestamptz'),
    /** Referral ids this lead was referred under, in order. */
    referral_ids: required('text[]', { default: "'{}'" }),
    closed_outcome: nullable('text'),
    closed_at: nullable('timestamptz'),
    case_id: nullable('text'),
    /** The campaign's key period (重要时间节点) a monitoring lead was found in, derived at projection. */
    key_period: nullable('text'),
    version: required('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [
    { name: 'leads_region_status_idx', columns: ['region', 'status'] },
    { name: 'leads_key_period_idx', columns: ['key_period'] },
  ],
});
