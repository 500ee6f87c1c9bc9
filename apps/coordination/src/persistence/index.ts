// The coordination service's own schema (`coordination`): entities, migrations, data source, one repository per table.
export * from './entities/coordination.entities.js';
export { COORDINATION_MIGRATIONS } from './migrations/index.js';
export { COORDINATION_SCHEMA, coordinationDataSourceOptions } from './data-source.js';
export { ClusterRepository, type ClusterEventInput, type MovesOutcome } from './repositories/cluster.repository.js';
export { CoordinationCheckpointRepository, isCheckpointNotBelow } from './repositories/coordination-checkpoint.repository.js';
export { CoordinationReferralRepository } from './repositories/coordination-referral.repository.js';
export { CorrelationRepository, type StoredMember } from './repositories/correlation.repository.js';
export { OutboxRepository, outboxPendingCountSql, type OutboxEntry } from './repositories/outbox.repository.js';
export { CoordinationWatchRepository, type WatchRow } from './repositories/coordination-watch.repository.js';
export { ClosedRecordRepository } from './repositories/closed-record.repository.js';
export { JointHeadsRepository } from './repositories/joint-heads.repository.js';
