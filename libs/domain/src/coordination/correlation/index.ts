// Correlation: entity keys → clusters of leads and cases across regions and departments.
export { clusterIdFor, seedRefOf } from './cluster-id.js';
export { BatchedGrowths, type BatchedGrowth } from './batched-growths.js';
export { CorrelationEngine } from './engine.js';
export { CorrelationError, DEFAULT_CORRELATION_CAP } from './types.js';
export type {
  ClusterFinding,
  ClusterView,
  CorrelationErrorCode,
  CorrelationOptions,
  CorrelationOutcome,
  CorrelationSnapshot,
  LinkCommand,
  ManualDecision,
  UnlinkCommand,
} from './types.js';
export { buildExclusions, defaultExclusions, ExclusionListError, linkExclusions } from './exclusions.js';
export type { ExclusionEntry } from './exclusions.js';
export { CORRELATED_EVENT_TYPES, extractKeys, keyString, memberRefOf } from './extract.js';
export type { CorrelationInput, ExtractedKeys, FlaggedKey, SkippedEntity } from './extract.js';
