import { defineTable, key, nullable, required } from '../table/define-table.js';

/**
 * 通知 (issue 15 §5): one row per hit alert addressed to a unit (`hit.alerted` by the joint office), with the
 * unit's latest verdict on it (`hit.feedback` on its own chain `hit/<alertId>`). Keyed by (unit, alert id): an
 * alert id names its unit, and a unit's feedback can only ever touch its own row.
 */
export const NOTIFICATIONS = defineTable({
  name: 'notifications',
  columns: {
    unit: key('text'),
    alert_id: key('text'),
    /** Whether the joint office's alert is in (a feedback row without one is never listed). */
    alerted: required('boolean', { default: 'false' }),
    /** `<kind>:<canonical>`: the value both records carry. */
    entity_key: nullable('text'),
    /** The unit's own open record that carries it. */
    record_ref: nullable('text'),
    /** The other unit's record that was reported. */
    other_ref: nullable('text'),
    other_unit: nullable('text'),
    /** The local day (Asia/Shanghai) of the alert: one per (unit, value, day). */
    day: nullable('text'),
    alerted_at: nullable('timestamptz'),
    alert_seq: nullable('bigint'),
    /** confirmed | false_positive, the unit's latest feedback. */
    verdict: nullable('text'),
    verdict_note: nullable('text'),
    verdict_at: nullable('timestamptz'),
    verdict_seq: nullable('bigint'),
    last_seq: required('bigint'),
  },
  indexes: [
    { name: 'notifications_unit_seq_idx', columns: ['unit', 'alert_seq'] },
    { name: 'notifications_verdict_idx', columns: ['verdict'] },
  ],
});
