import { defineTable, key, nullable, required } from '../table/define-table.js';

/** 行政指导 / 行政约谈 (guidance.given): one row per `guidance/<id>` of a unit (ids are unique per unit only). */
export const GUIDANCE = defineTable({
  name: 'guidance',
  columns: {
    unit: key('text'),
    guidance_id: key('text'),
    department: required('text'),
    region: required('text'),
    /** guidance | interview (catalogue guidanceKinds). */
    kind: required('text'),
    operator_ref: nullable('text'),
    operator_name: required('text'),
    topic: required('text'),
    held_at: required('timestamptz'),
    /** The departments that took part. */
    participants: required('text[]', { default: "'{}'" }),
    recorded_by: nullable('text'),
    version: required('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [{ name: 'guidance_region_kind_idx', columns: ['region', 'kind'] }],
});

/** 抽检 (sampling.recorded): one row per `sampling/<id>` of a unit. */
export const SAMPLINGS = defineTable({
  name: 'samplings',
  columns: {
    unit: key('text'),
    sampling_id: key('text'),
    department: required('text'),
    region: required('text'),
    batches: required('integer'),
    failed: required('integer'),
    product_category: required('text'),
    product_description: nullable('text'),
    operator_ref: nullable('text'),
    /** When the sampling took place (the event's time). */
    sampled_at: required('timestamptz'),
    /** When the result was published (公开); null while unpublished. */
    published_at: nullable('timestamptz'),
    recorded_by: nullable('text'),
    version: required('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [{ name: 'samplings_region_product_idx', columns: ['region', 'product_category'] }],
});

/**
 * 7×24 urgent closure requests (closure.requested → closure.answered, closure.overdue): one row per request,
 * named by its requester (`<from>` + closure id), as referrals are by their sender.
 */
export const CLOSURES = defineTable({
  name: 'closures',
  columns: {
    from_unit: key('text'),
    closure_id: key('text'),
    to_unit: required('text'),
    to_department: required('text'),
    to_region: required('text'),
    target_kind: nullable('text'),
    target: nullable('text'),
    operator_ref: nullable('text'),
    platform: nullable('text'),
    reason: nullable('text'),
    /** The requester's time, and when the hub recorded the request (the hours clock starts then). */
    requested_at: nullable('timestamptz'),
    recorded_at: nullable('timestamptz'),
    /** requested | closed | refused */
    status: required('text'),
    decision_reason: nullable('text'),
    answered_at: nullable('timestamptz'),
    answered_by: nullable('text'),
    /** closure.overdue: the deadline the joint office found passed, and the hours the clock ran. */
    overdue_due_at: nullable('timestamptz'),
    overdue_hours: nullable('integer'),
    last_seq: required('bigint'),
    updated_at: required('timestamptz'),
  },
  indexes: [
    { name: 'closures_to_unit_idx', columns: ['to_unit', 'status'] },
    { name: 'closures_status_idx', columns: ['status'] },
  ],
});
