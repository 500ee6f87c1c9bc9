// Event catalogue and submission validation. Pure: no Nest, no I/O.
export { aggregateOf, AGGREGATE_ID_PATTERN, isAggregateId, parseAggregateRef, qualifiedAggregateId, referralOfSubjectId, referralRef, referralSubjectId, subjectOf } from './subject.js';
export type { AggregateAddress, AggregateRef } from './subject.js';
export { CORRECTION_EVENT_TYPES, EVENT_TYPES, EVENT_TYPE_LABELS, eventSpec, isEventType, mayPublish } from './catalogue.js';
export type { DataClass, EventSpec, EventType } from './catalogue.js';
export { checkTimestamp, isTimestamp, yearOf } from './time.js';
export { LIMITS } from './rules.js';
export type { FieldError, SubmittedEvent, ValidationResult } from './types.js';
export { BODY_PATH, isUuid, validateEvent, validateSubmission } from './validate.js';
export { EVENT_EXAMPLES } from './examples.js';
export type { EventExample } from './examples.js';
export * from './data/case.dto.js';
export * from './data/coordination.dto.js';
export * from './data/enforcement.dto.js';
export * from './data/entity-ref.dto.js';
export * from './data/lead.dto.js';
export * from './data/hit.dto.js';
export * from './data/referral.dto.js';
