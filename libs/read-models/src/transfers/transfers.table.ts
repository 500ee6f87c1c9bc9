import { defineTable, key, nullable, required } from '../table/define-table.js';

/**
 * Cases transferred to the police (case.transferred → the police's case.transfer_answered, case.overdue on the
 * police_decision clock): one row per transfer, named by the transferring unit (`<from>` + case id), as closure
 * requests are by their requester.
 */
export const TRANSFERS = defineTable({
  name: 'transfers',
  columns: {
    from_unit: key('text'),
    case_id: key('text'),
    /** The addressed police unit `police/<region>` (the transferring unit's region when the transfer names none). */
    to_unit: required('text'),
    to_region: required('text'),
    approved_at: nullable('timestamptz'),
    /** The transferring unit's time of the hand-over: the police's 3-day clock starts here (第八条). */
    transferred_at: nullable('timestamptz'),
    recorded_at: nullable('timestamptz'),
    reason: nullable('text'),
    /** transferred | opened | declined */
    status: required('text'),
    police_case_id: nullable('text'),
    decision_reason: nullable('text'),
    answered_at: nullable('timestamptz'),
    answered_by: nullable('text'),
    /** case.overdue on police_decision: the deadline the joint office found passed. */
    overdue_due_at: nullable('timestamptz'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [{ name: 'transfers_to_unit_idx', columns: ['to_unit', 'status'] }],
});
