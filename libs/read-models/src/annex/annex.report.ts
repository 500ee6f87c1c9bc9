import { assembleAnnex, type AnnexPeriod, type AnnexReport, type AnnexScope, type CampaignDefinition } from '@hub/domain';
import type { DataSource } from 'typeorm';
import { sqlOfDataSource } from '../table/sql.js';
import { AnnexRollupRepository } from './annex-rollup.queries.js';
import { AnnexRepository } from './annex.queries.js';

/**
 * The statistics annex for `scope` and `period` from the read models: one SQL aggregate, assembled into
 * the printed form by the domain's assembleAnnex (the same function the in-memory recomputation uses).
 * Without `asOf` the aggregate reads the rollup (per unit × local day × row, small); with `asOf` it reads
 * the contributions themselves, the only place that knows when each was recorded.
 * What the gateway's annex endpoint calls. Throws VALIDATION_FAILED (HubError) for a malformed period.
 */
export async function annexReport(dataSource: DataSource, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexReport> {
  const sql = sqlOfDataSource(dataSource);
  const totals =
    period.asOf === undefined ? await new AnnexRollupRepository(sql).totals(definition, scope, period) : await new AnnexRepository(sql).totals(definition, scope, period);
  return assembleAnnex(definition, scope, totals, {
    ...(period.from === undefined ? {} : { from: period.from }),
    ...(period.to === undefined ? {} : { to: period.to }),
    ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
  });
}
