// The statistics annex (附件 情况统计表): campaign definitions as data, per-event contributions, assembly.
// Only annex-specific names are exported: @hub/domain re-exports this module next to other folders.
export { annexRemarkText, assembleAnnex } from './assemble.js';
export type { AnnexReportMeta, AnnexRowTotals, AnnexTotals } from './assemble.js';
export { campaignById, campaignCalendar, campaignCalendars, campaignIds, campaignOfTime, campaignSpan, currentCampaign, inCampaignSpan, NET_SWORD_2021, resolveCampaign } from './campaigns.js';
export { CAMPAIGN_DIRS_ENV } from './campaign-files.js';
export { AnnexLogFold, AnnexTotalsFold, computeAnnexFromEvents, totalsFromContributions } from './compute.js';
export { annexContributions } from './contributions.js';
export { annexContributionsOf, annexRecordKey, evolveAnnexRecord, isAnnexRecordEvent, type AnnexRecord } from './corrections.js';
export { CAMPAIGN_ID_PATTERN, InvalidCampaignDefinitionError, loadCampaignDefinition } from './definition.js';
export { formatAnnexScope, parseAnnexScope, scopeLabel, unitLabels } from './scope.js';
export { campaignBounds, resolveAnnexWindow } from './time-window.js';
export type { AnnexPeriod, AnnexWindow } from './time-window.js';
export type * from './types.js';
export { keyPeriodOf, keyPeriodLabels } from './key-periods.js';
