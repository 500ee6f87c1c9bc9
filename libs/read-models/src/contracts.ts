// The API contracts: the response types the gateway returns and apps/web (alias `@hub/contracts`) reads.
// Types only — importing this adds no code to any bundle.
export type * from './common/common.contract.js';
export type * from './cases/cases.contract.js';
export type * from './referrals/referrals.contract.js';
export type * from './clusters/clusters.contract.js';
export type * from './annex/annex.contract.js';
export type * from './timeline/timeline.contract.js';
export type * from './overview/overview.contract.js';
export type * from './readiness/readiness.contract.js';
export type * from './briefing/briefing.contract.js';
export type * from './live/live.contract.js';
export type * from './session/session.contract.js';
export type * from './uploads/uploads.contract.js';
export type * from './records/records.contract.js';
export type * from './operators/operators.contract.js';
export type * from './access/access.contract.js';
export type * from './entities/entities.contract.js';
export type * from './actions/actions.contract.js';
export type * from './transfers/transfers.contract.js';
export type * from './attachments/attachments.contract.js';
export type * from './notifications/notifications.contract.js';
export type * from './audit/audit.contract.js';
