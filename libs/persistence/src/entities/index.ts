import { AnnexContributionEntity } from './annex-contribution.entity.js';
import { AnnexRollupEntity, AnnexRollupKeyEntity, AnnexRollupRemarkEntity } from './annex-rollup.entity.js';
import { CaseEntity } from './case.entity.js';
import { EventArchiveEntity } from './event-archive.entity.js';
import { LeadEntity } from './lead.entity.js';
import { ProjectionErrorEntity } from './projection-error.entity.js';
import { ProjectorCheckpointEntity } from './projector-checkpoint.entity.js';
import { ReferralEntity } from './referral.entity.js';
import { TallyEntity } from './tally.entity.js';

export {
  AnnexContributionEntity,
  AnnexRollupEntity,
  AnnexRollupKeyEntity,
  AnnexRollupRemarkEntity,
  CaseEntity,
  EventArchiveEntity,
  LeadEntity,
  ProjectionErrorEntity,
  ProjectorCheckpointEntity,
  ReferralEntity,
  TallyEntity,
};

/** Every read-model entity; the migrations must produce exactly these tables (checked by the drift spec). */
export const READ_MODEL_ENTITIES = [
  EventArchiveEntity,
  LeadEntity,
  ReferralEntity,
  CaseEntity,
  TallyEntity,
  AnnexContributionEntity,
  AnnexRollupEntity,
  AnnexRollupKeyEntity,
  AnnexRollupRemarkEntity,
  ProjectorCheckpointEntity,
  ProjectionErrorEntity,
];
