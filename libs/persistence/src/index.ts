// @hub/persistence: what the projector keeps beside the read models — the data source and the migrations
// (TypeORM: runner and pool), the checkpoint, projection errors, schema administration for the blue/green
// rebuild, and the transactional batch writer the projector and the rebuild share, which iterates over
// @hub/read-models' READ_MODELS. The read models themselves (tables, evolve functions, queries) live in
// @hub/read-models; what moved there is re-exported here so existing imports keep working.
export {
  assertSchemaName,
  createReadModelDataSource,
  migrateReadModels,
  openReadModels,
  READ_MODEL_SCHEMA,
  readModelClientConfig,
  readModelDataSourceOptions,
  type ReadModelDataSourceOptions,
} from './data-source.js';
export * from './entities/index.js';
export { READ_MODEL_MIGRATIONS } from './migrations/index.js';
export { applyBatch, READ_MODEL_LOCK, type ApplyOptions, type BatchOutcome } from './projector/apply-batch.js';
export { commitBatch, inTransaction } from './projector/transaction.js';
export { decodeMessage, type CorruptMessage, type DecodedMessage } from './projections/decode.js';
export { decodeBatch, foldBatch, type BatchWrites } from './projections/plan-batch.js';
export { CheckpointRepository, PROJECTED_CHANNEL, type ProjectedNotice } from './repositories/checkpoint.repository.js';
export { ProjectionErrorRepository, type ProjectionError } from './repositories/projection-error.repository.js';
export { SchemaAdmin } from './schema/schema-admin.js';
export { acquireLease, leaseHolder, type Lease, type LeaseOptions } from './lease.js';
export { holdServiceLease } from './service-lease.js';
export { schemaDrift } from './schema/schema-drift.js';
export { BatchPipeline } from './projector/batch-pipeline.js';
export { DEFAULT_CACHE_ROWS, ReadModelWriter, type PreparedBatch, type WriterOptions } from './projector/read-model-writer.js';
export { deferSecondaryIndexes, restoreDeferredIndexes } from './projector/catch-up-indexes.js';
export { AuditStreamRepository, type CopyPair, type StreamEventRef } from './repositories/audit-stream.repository.js';
// Moved to @hub/read-models (re-exported for existing imports).
export {
  allCampaigns,
  annexReport,
  AnnexRepository,
  AnnexRollupRepository,
  archivedEnvelope,
  campaignContributions,
  CaseRepository,
  caseKeyOf,
  EventArchiveRepository,
  evolveCase,
  evolveLead,
  evolveReferral,
  LeadRepository,
  ReferralRepository,
  referralKeyOf,
  referralView,
  runningClock,
  preparedSqlOf,
  sqlOf,
  sqlOfDataSource,
  tallyOf,
  TallyRepository,
  type ActivityCell,
  type ActivityFilter,
  type ArchivedEvent,
  type CampaignContribution,
  type CaseFilter,
  type CaseState,
  type ContributionRow,
  type EventHead,
  type LeadState,
  type PositionedEvent,
  type RawMessage,
  type ReferralFilter,
  type ReferralState,
  type ReferralStatus,
  type ReferralView,
  type Sql,
  type TallyRow,
  type TimelineTarget,
} from '@hub/read-models';
