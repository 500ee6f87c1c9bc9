import { ReadModels1732900000000 } from './1732900000000-read-models.js';
import { ReferralClocks1733100000000 } from './1733100000000-referral-clocks.js';
import { AnnexRollup1733200000000 } from './1733200000000-annex-rollup.js';
import { CaseTransferredTo1733300000000 } from './1733300000000-case-transferred-to.js';

/** In order. Add a class here for every new migration (ESM: no glob loading). */
export const READ_MODEL_MIGRATIONS = [ReadModels1732900000000, ReferralClocks1733100000000, AnnexRollup1733200000000, CaseTransferredTo1733300000000];
