import type { AnnexPeriod, AnnexReport, AnnexScope, CampaignDefinition } from '@hub/domain';

/** Where the gateway reads annex totals from: the projector's read models. */
export interface AnnexReader {
  report(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod): Promise<AnnexReport>;
}

export const ANNEX_READER = Symbol('ANNEX_READER');
