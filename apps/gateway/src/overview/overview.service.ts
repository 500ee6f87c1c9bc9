import { Inject, Injectable } from '@nestjs/common';
import { NET_SWORD_2021, resolveAnnexWindow } from '@hub/domain';
import type { Overview } from '@hub/contracts';
import { EventArchiveRepository } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';

/** The campaign overview: who is active where, and how the work is spread over the campaign calendar. */
@Injectable()
export class OverviewService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async overview(principal: Principal, query: Query): Promise<Overview> {
    const definition = NET_SWORD_2021;
    const read = new QueryReader(query, ['from', 'to']);
    const [from, to] = [read.text('from'), read.text('to')];
    read.done();
    const window = resolveAnnexWindow(definition, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const unit = principal.kind === 'unit' ? principal.unit : null;
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const filter = { unit, timeFrom: window.timeFrom, timeBefore: window.timeBefore };
    const [activity, daily] = await Promise.all([archive.activity(filter), archive.daily(filter, definition.timezone)]);
    return {
      scope: unit ? `unit:${unit}` : 'all',
      campaign: { id: definition.id, title: definition.title, start: definition.start, end: definition.end, reportDue: definition.reportDue, timezone: definition.timezone },
      window: { timeFrom: window.timeFrom, timeBefore: window.timeBefore },
      activity,
      daily,
    };
  }
}
