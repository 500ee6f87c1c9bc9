// @hub/read-models: one folder per read model — `<model>.table.ts` (the columns, declared once),
// `<model>.evolve.ts` (state, keyOf, evolve: pure), `<model>.queries.ts` (the SQL the gateway reads with) —
// and the generic table helpers that derive row types, COPY encoders and upserts from a declaration.
export * from './read-models.js';
export { closureKeyOf, evolveClosure, evolveGuidance, evolveSampling, guidanceKeyOf, samplingKeyOf, type ClosureState, type ClosureStatus, type GuidanceState, type SamplingState } from './actions/actions.evolve.js';
export { ActionRepository, type ActionScope, type ClosureFilter, type GuidanceFilter, type SamplingFilter } from './actions/actions.queries.js';
export { CLOSURES, GUIDANCE, SAMPLINGS } from './actions/actions.table.js';
export { evolveTransfer, transferKeyOf, type TransferState, type TransferStatus } from './transfers/transfers.evolve.js';
export { TransferRepository, type TransferFilter, type TransferRow } from './transfers/transfers.queries.js';
export { TRANSFERS } from './transfers/transfers.table.js';
export { ANNEX_ROLLUP, ANNEX_ROLLUP_KEYS, ANNEX_ROLLUP_MONTHLY, ANNEX_ROLLUP_MONTHLY_REMARKS, ANNEX_ROLLUP_RECORDED, ANNEX_ROLLUP_RECORDED_MONTHLY, ANNEX_ROLLUP_RECORDED_MONTHLY_REMARKS, ANNEX_ROLLUP_RECORDED_KEYS, ANNEX_ROLLUP_RECORDED_REMARKS, ANNEX_ROLLUP_REMARKS, ANNEX_ROLLUP_TABLES } from './annex/annex-rollup.table.js';
export { ALL_UNITS, AnnexRollupRepository, ASOF_TOTALS_SQL, campaignZones, ROLL_UP_SQL, ROLLUP_TOTALS_SQL } from './annex/annex-rollup.queries.js';
export { allCampaigns, campaignContributions, type CampaignContribution, type ContributionRow, type ContributionsOf } from './annex/annex.evolve.js';
export { ANNEX_RECORDS } from './annex/annex-records.table.js';
export { annexRecordKeyOf, evolveAnnexRecordState, type AnnexRecordState } from './annex/annex-records.evolve.js';
export { AnnexRepository, EXACT_TOTALS_SQL } from './annex/annex.queries.js';
export { annexReport } from './annex/annex.report.js';
export { ANNEX_CONTRIBUTIONS } from './annex/annex.table.js';
export {
  archivedEnvelope,
  EventArchiveRepository,
  type ActivityCell,
  type ActivityFilter,
  type ArchivedEvent,
  type EventHead,
  type TimelineTarget,
} from './archive/archive.queries.js';
export { archiveCopyText, EVENT_ARCHIVE } from './archive/archive.table.js';
export { caseKey, caseKeyOf, evolveCase, type CaseState, type CaseStatus } from './cases/cases.evolve.js';
export { CaseRepository, type CaseFilter } from './cases/cases.queries.js';
export { RecordRepository, type RecordFilter, type RecordRow } from './records/records.queries.js';
export { CASES } from './cases/cases.table.js';
export { evolveLead, leadKey, leadKeyOf, type LeadState, type LeadStatus } from './leads/leads.evolve.js';
export { LeadRepository } from './leads/leads.queries.js';
export { EntitySearchRepository, type EntityRecordRow } from './entities/entity-search.queries.js';
export { entityKeyRowsOf, type EntityKeyRow } from './entities/entity-keys.evolve.js';
export { ENTITY_KEYS } from './entities/entity-keys.table.js';
export { LEADS } from './leads/leads.table.js';
export { evolveOperator, operatorKey, operatorKeyOf, type OperatorState } from './operators/operators.evolve.js';
export { OperatorRepository, type OperatorFilter, type OperatorKeys } from './operators/operators.queries.js';
export { OPERATORS } from './operators/operators.table.js';
export { evolveNotification, notificationKey, notificationKeyOf, type NotificationState } from './notifications/notifications.evolve.js';
export { NotificationRepository, type VerdictCount } from './notifications/notifications.queries.js';
export { NOTIFICATIONS } from './notifications/notifications.table.js';
export { evolveReferral, referralKey, referralKeyOf, type ReferralState, type ReferralStatus } from './referrals/referrals.evolve.js';
export { ReferralRepository, type ReferralFilter } from './referrals/referrals.queries.js';
export { REFERRALS } from './referrals/referrals.table.js';
export { referralView, runningClock, type ReferralView } from './referrals/referrals.view.js';
export { tallyOf, type TallyRow } from './tallies/tallies.evolve.js';
export { TallyRepository } from './tallies/tallies.queries.js';
export { TALLIES } from './tallies/tallies.table.js';
export { bool, copyLines, CopyWriter, json, num, text, textArray } from './table/copy-text.js';
export { camel, defineTable, key, nullable, required, type ColumnSpec, type IndexSpec, type SqlType, type Table } from './table/define-table.js';
export { entitySchemaOf } from './table/entity-schema.js';
export { appendModel, appendModelEncodedBy, stateModel, type AppendModel, type FoldContext, type ReadModel, type StateModel } from './table/model.js';
export type { PositionedEvent, RawMessage } from './table/positioned-event.js';
export { rowCodec, type RowCodec } from './table/row-codec.js';
export { preparedSqlOf, sqlOf, sqlOfDataSource, type CopyRows, type Sql } from './table/sql.js';
export { copyTextValues, inlineParameters, literal, SqlScript } from './table/sql-script.js';
export { copyInto, KEY_SEPARATOR, StateTableSql, type StateRowsWrite } from './table/table-sql.js';
export * from './clusters/clusters.queries.js';
