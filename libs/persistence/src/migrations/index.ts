import { ReadModels1732900000000 } from './1732900000000-read-models.js';
import { ReferralClocks1733100000000 } from './1733100000000-referral-clocks.js';
import { AnnexRollup1733200000000 } from './1733200000000-annex-rollup.js';
import { CaseTransferredTo1733300000000 } from './1733300000000-case-transferred-to.js';
import { ReferralsBySender1733400000000 } from './1733400000000-referrals-by-sender.js';
import { AnnexRecords1733500000000 } from './1733500000000-annex-records.js';
import { EventActor1733600000000 } from './1733600000000-event-actor.js';
import { Operators1733700000000 } from './1733700000000-operators.js';
import { Actions1733800000000 } from './1733800000000-actions.js';
import { Notifications1765100000000 } from './1765100000000-notifications.js';
import { SharingLevels1765200000000 } from './1765200000000-sharing-levels.js';
import { DeferredRollup1765300000000 } from './1765300000000-deferred-rollup.js';
import { Transfers1765350000000 } from './1765350000000-transfers.js';
import { AnnexRollupRecorded1765400000000 } from './1765400000000-annex-rollup-recorded.js';
import { CaseCampaign1765460000000 } from './1765460000000-case-campaign.js';
import { AnnexRollupMonthly1765500000000 } from './1765500000000-annex-rollup-monthly.js';

/** In order. Add a class here for every new migration (ESM: no glob loading). */
export const READ_MODEL_MIGRATIONS = [
  ReadModels1732900000000,
  ReferralClocks1733100000000,
  AnnexRollup1733200000000,
  CaseTransferredTo1733300000000,
  ReferralsBySender1733400000000,
  AnnexRecords1733500000000,
  EventActor1733600000000,
  Operators1733700000000,
  Actions1733800000000,
  Notifications1765100000000,
  SharingLevels1765200000000,
  DeferredRollup1765300000000,
  Transfers1765350000000,
  AnnexRollupRecorded1765400000000,
  CaseCampaign1765460000000,
  AnnexRollupMonthly1765500000000,
];
