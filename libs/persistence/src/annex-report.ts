import { assembleAnnex, type AnnexPeriod, type AnnexReport, type AnnexScope, type CampaignDefinition } from '@hub/domain';
import type { DataSource } from 'typeorm';
import { AnnexRepository } from './repositories/annex.repository.js';
import { sqlOfDataSource } from './sql/sql.js';

/**
 * The statistics annex for `scope` and `period` from the read models: one SQL aggregate, assembled into
 * the printed form by the domain's assembleAnnex (the same function the in-memory recomputation uses).
 * What the gateway's annex endpoint calls. Throws VALIDATION_FAILED (HubError) for a malformed period.
 */
export async function annexReport(dataSource: DataSource, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexReport> {
  const totals = await new AnnexRepository(sqlOfDataSource(dataSource)).totals(definition, scope, period);
  return assembleAnnex(definition, scope, totals, {
    ...(period.from === undefined ? {} : { from: period.from }),
    ...(period.to === undefined ? {} : { to: period.to }),
    ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
  });
}
