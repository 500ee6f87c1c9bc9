import { defineTable, key, nullable, required } from '../table/define-table.js';

/**
 * One referral (移送/协查), born with the sender's lead.referred and continued by the receiver's
 * referral.* events under the referral's sender-qualified subject. Keyed by the sending unit and the
 * referral id: ids are the sender's choice, so only the two together name one referral.
 */
export const REFERRALS = defineTable({
  name: 'referrals',
  columns: {
    from_unit: key('text'),
    referral_id: key('text'),
    to_unit: required('text'),
    to_department: required('text'),
    to_region: required('text'),
    lead_id: nullable('text'),
    /** transfer (移送, lead.referred) | assistance (协查请求, referral.requested) */
    kind: required('text', { default: "'transfer'" }),
    /** An assistance request's record, `<dept>/<region>/<lead|case>/<id>` (the addressed unit's). */
    record_ref: nullable('text'),
    reason: nullable('text'),
    sent_at: nullable('timestamptz'),
    due_at: nullable('timestamptz'),
    /** sent | accepted | rejected | returned | fed_back (REFERRAL_STATUSES) */
    status: required('text'),
    decision: nullable('text'),
    decision_reason: nullable('text'),
    answered_at: nullable('timestamptz'),
    feedback_due_at: nullable('timestamptz'),
    feedback_outcome: nullable('text'),
    feedback_case_id: nullable('text'),
    feedback_at: nullable('timestamptz'),
    /** Who sent it and who answered (the events' signed `actor`), when they name one. */
    sent_by: nullable('text'),
    answered_by: nullable('text'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [
    { name: 'referrals_to_unit_idx', columns: ['to_unit'] },
    { name: 'referrals_status_due_idx', columns: ['status', 'due_at'] },
    { name: 'referrals_status_feedback_due_idx', columns: ['status', 'feedback_due_at'] },
    { name: 'referrals_referral_id_idx', columns: ['referral_id'] },
  ],
});
