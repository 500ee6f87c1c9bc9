import { closureKeyOf, evolveClosure, evolveGuidance, evolveSampling, guidanceKeyOf, samplingKeyOf, type ClosureState, type GuidanceState, type SamplingState } from './actions/actions.evolve.js';
import { CLOSURES, GUIDANCE, SAMPLINGS } from './actions/actions.table.js';
import { evolveTransfer, transferKeyOf, type TransferState } from './transfers/transfers.evolve.js';
import { TRANSFERS } from './transfers/transfers.table.js';
import { ANNEX_ROLLUP_TABLES } from './annex/annex-rollup.table.js';
import { AnnexRollupRepository, campaignZones } from './annex/annex-rollup.queries.js';
import { collectContributions, type ContributionRow } from './annex/annex.evolve.js';
import { ANNEX_CONTRIBUTIONS } from './annex/annex.table.js';
import { annexRecordKeyOf, evolveAnnexRecordState, type AnnexRecordState } from './annex/annex-records.evolve.js';
import { ANNEX_RECORDS } from './annex/annex-records.table.js';
import { archiveCopyText, EVENT_ARCHIVE } from './archive/archive.table.js';
import { entityKeyRowsOf, type EntityKeyRow } from './entities/entity-keys.evolve.js';
import { ENTITY_KEYS } from './entities/entity-keys.table.js';
import { caseKeyOf, evolveCase, type CaseState } from './cases/cases.evolve.js';
import { CASES } from './cases/cases.table.js';
import { evolveLead, leadKeyOf, type LeadState } from './leads/leads.evolve.js';
import { LEADS } from './leads/leads.table.js';
import { evolveOperator, operatorKeyOf, type OperatorState } from './operators/operators.evolve.js';
import { OPERATORS } from './operators/operators.table.js';
import { evolveNotification, notificationKeyOf, type NotificationState } from './notifications/notifications.evolve.js';
import { NOTIFICATIONS } from './notifications/notifications.table.js';
import { evolveReferral, referralKeyOf, type ReferralState } from './referrals/referrals.evolve.js';
import { REFERRALS } from './referrals/referrals.table.js';
import { tallyOf, type TallyRow } from './tallies/tallies.evolve.js';
import { TALLIES } from './tallies/tallies.table.js';
import type { Table } from './table/define-table.js';
import { appendModel, appendModelEncodedBy, stateModel, type AppendModel, type StateModel } from './table/model.js';
import type { PositionedEvent } from './table/positioned-event.js';

/*
 * Every read model the projector maintains, in the order a batch writes them: the append-only models
 * first (the archive leads: its unique id index is what makes a batch exactly-once), then the stateful
 * ones. The projector's writer, batch planner, state cache and rebuild, and the auditors' projections
 * iterate over these lists; a new read model is a folder and an entry here.
 */

export const ARCHIVE_MODEL = appendModelEncodedBy<'archive', PositionedEvent, (typeof EVENT_ARCHIVE)['columns']>(
  { name: 'archive', table: EVENT_ARCHIVE, collect: (e, _context, into) => void into.push(e) },
  archiveCopyText,
);

export const TALLIES_MODEL = appendModel<'tallies', TallyRow, (typeof TALLIES)['columns']>({
  name: 'tallies',
  table: TALLIES,
  collect: (e, _context, into) => {
    const tally = tallyOf(e);
    if (tally !== undefined) into.push(tally);
  },
});

export const CONTRIBUTIONS_MODEL = appendModel<'contributions', ContributionRow, (typeof ANNEX_CONTRIBUTIONS)['columns']>({
  name: 'contributions',
  table: ANNEX_CONTRIBUTIONS,
  collect: (e, context, into) => collectContributions(e, context.annexRecordBefore(e), context.contributionsOf, into),
  // The rollup adds up the contributions the batch has just written (sequences after its base checkpoint).
  afterInsert: (sql, batch, rows) => new AnnexRollupRepository(sql).rollUp(batch.from, batch.lastSeq, campaignZones(rows)),
});

/** The entity index behind GET /api/v1/entities/search: the correlation keys of every lead and case. */
export const ENTITY_KEYS_MODEL = appendModel<'entityKeys', EntityKeyRow, (typeof ENTITY_KEYS)['columns']>({
  name: 'entityKeys',
  table: ENTITY_KEYS,
  collect: (e, _context, into) => {
    for (const row of entityKeyRowsOf(e)) into.push(row);
  },
});

export const LEADS_MODEL = stateModel<'leads', LeadState, (typeof LEADS)['columns']>({ name: 'leads', table: LEADS, keyOf: leadKeyOf, evolve: evolveLead });
export const REFERRALS_MODEL = stateModel<'referrals', ReferralState, (typeof REFERRALS)['columns']>({
  name: 'referrals',
  table: REFERRALS,
  keyOf: referralKeyOf,
  evolve: evolveReferral,
});
export const CASES_MODEL = stateModel<'cases', CaseState, (typeof CASES)['columns']>({ name: 'cases', table: CASES, keyOf: caseKeyOf, evolve: evolveCase });

/** Each annex record's current state: what a correction's or void's delta rows in annex_contributions are computed from. */
export const ANNEX_RECORDS_MODEL = stateModel<'annexRecords', AnnexRecordState, (typeof ANNEX_RECORDS)['columns']>({
  name: 'annexRecords',
  table: ANNEX_RECORDS,
  keyOf: annexRecordKeyOf,
  evolve: evolveAnnexRecordState,
});

export const OPERATORS_MODEL = stateModel<'operators', OperatorState, (typeof OPERATORS)['columns']>({
  name: 'operators',
  table: OPERATORS,
  keyOf: operatorKeyOf,
  evolve: evolveOperator,
});

/** 行政指导 / 约谈, 抽检 and 7×24 closure requests (issue 19 §3). */
export const GUIDANCE_MODEL = stateModel<'guidance', GuidanceState, (typeof GUIDANCE)['columns']>({ name: 'guidance', table: GUIDANCE, keyOf: guidanceKeyOf, evolve: evolveGuidance });
export const SAMPLINGS_MODEL = stateModel<'samplings', SamplingState, (typeof SAMPLINGS)['columns']>({ name: 'samplings', table: SAMPLINGS, keyOf: samplingKeyOf, evolve: evolveSampling });
export const CLOSURES_MODEL = stateModel<'closures', ClosureState, (typeof CLOSURES)['columns']>({ name: 'closures', table: CLOSURES, keyOf: closureKeyOf, evolve: evolveClosure });

/** Cases transferred to the police and the police's decision (国务院令第310号第八条). */
export const TRANSFERS_MODEL = stateModel<'transfers', TransferState, (typeof TRANSFERS)['columns']>({ name: 'transfers', table: TRANSFERS, keyOf: transferKeyOf, evolve: evolveTransfer });

/** 通知: hit alerts addressed to a unit and its verdicts on them (issue 15 §5). */
export const NOTIFICATIONS_MODEL = stateModel<'notifications', NotificationState, (typeof NOTIFICATIONS)['columns']>({
  name: 'notifications',
  table: NOTIFICATIONS,
  keyOf: notificationKeyOf,
  evolve: evolveNotification,
});

export const APPEND_MODELS = [ARCHIVE_MODEL, TALLIES_MODEL, CONTRIBUTIONS_MODEL, ENTITY_KEYS_MODEL] as const;
export const STATE_MODELS = [LEADS_MODEL, REFERRALS_MODEL, CASES_MODEL, ANNEX_RECORDS_MODEL, OPERATORS_MODEL, GUIDANCE_MODEL, SAMPLINGS_MODEL, CLOSURES_MODEL, NOTIFICATIONS_MODEL, TRANSFERS_MODEL] as const;
export const READ_MODELS = [...APPEND_MODELS, ...STATE_MODELS] as const;

/** Every table of the read models (the rollup's ten are written by the contributions' afterInsert). */
export const READ_MODEL_TABLES: readonly Table[] = [
  ...READ_MODELS.map((m) => m.table),
  ...ANNEX_ROLLUP_TABLES,
];

export type AppendModels = (typeof APPEND_MODELS)[number];
export type StateModels = (typeof STATE_MODELS)[number];
export type AppendModelName = AppendModels['name'];
export type StateModelName = StateModels['name'];

/** Rows of a stateful model the batch changed, in their final state: new ones and ones that existed. */
export interface Upserts<S> {
  insert: S[];
  update: S[];
}

type RowsOf<M> = M extends AppendModel<infer R> ? R : never;
type StateOf<M> = M extends StateModel<infer S> ? S : never;

/** Per append model, the rows a batch adds. */
export type AppendedRows = { [M in AppendModels as M['name']]: RowsOf<M>[] };
/** Per state model, key → current state. */
export type StatesByModel = { [M in StateModels as M['name']]: ReadonlyMap<string, StateOf<M>> };
/** Per state model, the rows a batch writes. */
export type UpsertsByModel = { [M in StateModels as M['name']]: Upserts<StateOf<M>> };
