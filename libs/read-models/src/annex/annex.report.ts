import { assembleAnnex, type AnnexPeriod, type AnnexReport, type AnnexScope, type CampaignDefinition } from '@hub/domain';
import type { DataSource } from 'typeorm';
import { sqlOfDataSource } from '../table/sql.js';
import { AnnexRollupRepository } from './annex-rollup.queries.js';

/**
 * The statistics annex for `scope` and `period` from the read models: one SQL aggregate, assembled into
 * the printed form by the domain's assembleAnnex (the same function the in-memory recomputation uses).
 * It reads the rollup (per unit × local day × row, small); with `asOf` the rollup per recorded day and the
 * contributions recorded on the as-of instant's own local day (AnnexRollupRepository.totalsAsOf).
 * What the gateway's annex endpoint calls. Throws VALIDATION_FAILED (HubError) for a malformed period.
 */
export async function annexReport(dataSource: DataSource, definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod = {}): Promise<AnnexReport> {
  const sql = sqlOfDataSource(dataSource);
  const rollup = new AnnexRollupRepository(sql);
  const totals = period.asOf === undefined ? await rollup.totals(definition, scope, period) : await rollup.totalsAsOf(definition, scope, { ...period, asOf: period.asOf });
  return assembleAnnex(definition, scope, totals, {
    ...(period.from === undefined ? {} : { from: period.from }),
    ...(period.to === undefined ? {} : { to: period.to }),
    ...(period.asOf === undefined ? {} : { asOf: period.asOf }),
  });
}
