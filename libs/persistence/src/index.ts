// @hub/persistence: the PostgreSQL read models — TypeORM entities and migrations, one repository per table
// (all SQL lives there), the pure projections (evolve functions), the transactional batch writer the
// projector and the rebuild share, and the annex aggregate the gateway serves.
export { annexReport } from './annex-report.js';
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
export { allCampaigns, campaignContributions } from './projector/campaign-contributions.js';
export { commitBatch, inTransaction } from './projector/transaction.js';
export { evolveCase, type CaseState } from './projections/case.projection.js';
export { decodeMessage, type CorruptMessage, type DecodedMessage } from './projections/decode.js';
export { evolveLead, type LeadState } from './projections/lead.projection.js';
export { decodeBatch, foldBatch, type BatchWrites, type CampaignContribution, type ContributionRow } from './projections/plan-batch.js';
export type { PositionedEvent, RawMessage } from './projections/positioned-event.js';
export { evolveReferral, type ReferralState, type ReferralStatus } from './projections/referral.projection.js';
export { referralView, runningClock, type ReferralView } from './projections/referral-view.js';
export { tallyOf, type TallyRow } from './projections/tally.projection.js';
export { AnnexRepository } from './repositories/annex.repository.js';
export { AnnexRollupRepository } from './repositories/annex-rollup.repository.js';
export { CaseRepository, type CaseFilter } from './repositories/case.repository.js';
export { CheckpointRepository, PROJECTED_CHANNEL, type ProjectedNotice } from './repositories/checkpoint.repository.js';
export {
  archivedEnvelope,
  EventArchiveRepository,
  type ActivityCell,
  type ActivityFilter,
  type ArchivedEvent,
  type EventHead,
  type TimelineTarget,
} from './repositories/event-archive.repository.js';
export { LeadRepository } from './repositories/lead.repository.js';
export { ProjectionErrorRepository, type ProjectionError } from './repositories/projection-error.repository.js';
export { ReferralRepository, type ReferralFilter } from './repositories/referral.repository.js';
export { TallyRepository } from './repositories/tally.repository.js';
export { sqlOf, sqlOfDataSource, type Sql } from './sql/sql.js';
export { SchemaAdmin } from './schema/schema-admin.js';
export { schemaDrift } from './schema/schema-drift.js';
export { BatchPipeline } from './projector/batch-pipeline.js';
export { ReadModelWriter, type PreparedBatch, type WriterOptions } from './projector/read-model-writer.js';
export { deferSecondaryIndexes, restoreDeferredIndexes } from './projector/catch-up-indexes.js';
export { AuditStreamRepository, type CopyPair, type StreamEventRef } from './repositories/audit-stream.repository.js';
export { caseKeyOf } from './projections/case.projection.js';
export { referralKeyOf } from './projections/referral.projection.js';
