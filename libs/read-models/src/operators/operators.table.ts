import { defineTable, key, nullable, required } from '../table/define-table.js';

/** The operator register (经营者名录): one row per `operator/<id>` of a unit (ids are unique per unit only). */
export const OPERATORS = defineTable({
  name: 'operators',
  columns: {
    unit: key('text'),
    operator_id: key('text'),
    department: required('text'),
    /** The registering unit's region. */
    unit_region: required('text'),
    /** Where the operator does business (data.region); what the register is counted by. */
    region: required('text'),
    kind: required('text'),
    name: required('text'),
    uscc: nullable('text'),
    self_declared: required('boolean', { default: 'false' }),
    platform: nullable('text'),
    shop_id: nullable('text'),
    domain: nullable('text'),
    icp_filing: nullable('text'),
    licence_display: required('text'),
    permit_display: required('text'),
    mark_display: required('text'),
    /** compliant | deficient, derived from the three display states. */
    display_status: required('text'),
    self_operated_labelling: nullable('text'),
    registered_at: nullable('timestamptz'),
    version: required('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [
    { name: 'operators_region_kind_idx', columns: ['region', 'kind'] },
    { name: 'operators_uscc_idx', columns: ['uscc'] },
    { name: 'operators_domain_idx', columns: ['domain'] },
  ],
});
