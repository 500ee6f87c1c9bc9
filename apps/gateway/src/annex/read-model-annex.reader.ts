import { Inject, Injectable } from '@nestjs/common';
import type { AnnexPeriod, AnnexReport, AnnexScope, CampaignDefinition } from '@hub/domain';
import { annexReport } from '@hub/persistence';
import { ReadModels } from '../common/read-models.js';
import type { AnnexReader } from './annex.reader.js';

/** Reads annex totals from the projector's PostgreSQL read models. */
@Injectable()
export class ReadModelAnnexReader implements AnnexReader {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async report(definition: CampaignDefinition, scope: AnnexScope, period: AnnexPeriod): Promise<AnnexReport> {
    return annexReport(await this.readModels.connection(), definition, scope, period);
  }
}
