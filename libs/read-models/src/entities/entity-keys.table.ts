import { defineTable, key, required } from '../table/define-table.js';

/**
 * The entity index: one row per correlation key (`<kind>:<canonical>`, the normalisers correlation uses) a
 * lead.reported or case.opened carries. Append-only — a record's entities never change after it is created —
 * so "who else holds this USCC?" is one index probe on `key`, joined to the lead's or case's current row for
 * its status and sharing level.
 */
export const ENTITY_KEYS = defineTable({
  name: 'entity_keys',
  columns: {
    seq: key('bigint'),
    key: key('text'),
    /** lead | case */
    record_type: required('text'),
    unit: required('text'),
    record_id: required('text'),
    department: required('text'),
    region: required('text'),
  },
  indexes: [
    // (key, seq): a search reads one key's newest rows first and stops at its limit, however many leads carry it.
    { name: 'entity_keys_key_idx', columns: ['key', 'seq'] },
    { name: 'entity_keys_record_idx', columns: ['unit', 'record_type', 'record_id'] },
  ],
});
