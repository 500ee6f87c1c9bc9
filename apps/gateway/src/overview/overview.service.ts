import { Inject, Injectable } from '@nestjs/common';
import { campaignCalendar, resolveAnnexWindow } from '@hub/domain';
import type { Overview } from '@hub/contracts';
import { EventArchiveRepository, LeadRepository } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { scopeFilter, scopeName, scopeOf } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';

/** The campaign overview: who is active where, and how the work is spread over the campaign calendar. */
@Injectable()
export class OverviewService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async overview(principal: Principal, query: Query): Promise<Overview> {
    const read = new QueryReader(query, ['from', 'to', 'campaign']);
    const [from, to] = [read.text('from'), read.text('to')];
    const definition = read.campaign();
    read.done();
    const window = resolveAnnexWindow(definition, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const scope = scopeOf(principal);
    const sql = await this.readModels.sql();
    const archive = new EventArchiveRepository(sql);
    const filter = { ...scopeFilter(scope), timeFrom: window.timeFrom, timeBefore: window.timeBefore };
    const [activity, daily, byProduct] = await Promise.all([archive.activity(filter), archive.daily(filter, definition.timezone), new LeadRepository(sql).byProduct(filter)]);
    return {
      scope: scopeName(scope),
      campaign: campaignCalendar(definition),
      window: { timeFrom: window.timeFrom, timeBefore: window.timeBefore },
      activity,
      daily,
      byProduct,
    };
  }
}
