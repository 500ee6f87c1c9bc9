import { Inject, Injectable } from '@nestjs/common';
import type { OperatorChanges, OperatorCounts, OperatorItem, OperatorPage, OperatorRegionCounts } from '@hub/contracts';
import { campaignSpan, DISPLAY_STATUSES, HubError, OPERATOR_KINDS } from '@hub/domain';
import { OperatorRepository, type OperatorFilter, type OperatorState } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { isRegionCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';

const FILTERS = ['region', 'kind', 'status'] as const;

/** The API item of a register entry: a field-by-field copy, so a column is published only once the contract names it. */
export const operatorItem = (s: OperatorState): OperatorItem => ({
  unit: s.unit,
  operatorId: s.operatorId,
  region: s.region,
  kind: s.kind,
  name: s.name,
  uscc: s.uscc,
  selfDeclared: s.selfDeclared,
  platform: s.platform,
  shopId: s.shopId,
  domain: s.domain,
  icpFiling: s.icpFiling,
  licenceDisplay: s.licenceDisplay,
  permitDisplay: s.permitDisplay,
  markDisplay: s.markDisplay,
  displayStatus: s.displayStatus,
  selfOperatedLabelling: s.selfOperatedLabelling,
  registeredAt: s.registeredAt,
  updatedAt: s.updatedAt,
  version: s.version,
});

/**
 * The operator register (经营者名录). Scope: the plan shares the register among the departments of a region
 * (摸清辖区…底数，加强信息共享), so a unit reads every department's entries for operators in its own region;
 * the joint office's coordinators and the auditors read every region.
 */
@Injectable()
export class OperatorsService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async list(principal: Principal, query: Query): Promise<OperatorPage> {
    const read = new QueryReader(query, [...FILTERS, 'limit', 'offset']);
    const filter = this.filter(principal, read);
    const { limit, offset } = read.page();
    read.done();
    const page = await this.repository().then((r) => r.page(filter, limit, offset));
    return { total: page.total, items: page.items.map(operatorItem) };
  }

  async counts(principal: Principal, query: Query): Promise<OperatorCounts> {
    const read = new QueryReader(query, FILTERS);
    const filter = this.filter(principal, read);
    read.done();
    const rows = await this.repository().then((r) => r.counts(filter));
    const regions = new Map<string, OperatorRegionCounts>();
    const total = emptyCounts('all');
    for (const row of rows) {
      const region = regions.get(row.region) ?? emptyCounts(row.region);
      regions.set(row.region, region);
      for (const counts of [region, total]) {
        counts.total += row.count;
        counts.byKind[row.kind] = (counts.byKind[row.kind] ?? 0) + row.count;
        counts.byDisplayStatus[row.displayStatus] = (counts.byDisplayStatus[row.displayStatus] ?? 0) + row.count;
      }
    }
    return { regions: [...regions.values()], total };
  }

  async changes(principal: Principal, query: Query): Promise<OperatorChanges> {
    const read = new QueryReader(query, [...FILTERS, 'campaign']);
    const filter = this.filter(principal, read);
    // The register is standing data; its changes are charted per campaign: the campaign's days, in its zone.
    const definition = read.campaign();
    read.done();
    const rows = await this.repository().then((r) => r.changesByDay(filter, definition.timezone, campaignSpan(definition)));
    const days = new Map<string, { day: string; registered: number; updated: number }>();
    for (const row of rows) {
      const day = days.get(row.day) ?? { day: row.day, registered: 0, updated: 0 };
      days.set(row.day, day);
      if (row.type === 'operator.registered') day.registered += row.count;
      else day.updated += row.count;
    }
    return { items: [...days.values()] };
  }

  /** The filter a principal may use: a unit's or prefecture's own region only (another region is 403, not an empty list). */
  private filter(principal: Principal, read: QueryReader): OperatorFilter {
    const region = read.matching('region', isRegionCode, 'a GB/T 2260 region code, e.g. 653100');
    const kind = read.oneOf('kind', OPERATOR_KINDS);
    const displayStatus = read.oneOf('status', DISPLAY_STATUSES);
    if (principal.kind === 'staff') throw new HubError('FORBIDDEN', 'the operator register is for units, coordinators and auditors');
    // A unit and a prefecture's joint meeting read their region's register; a line supervisor (a department at
    // autonomous-region level) every region's, as the joint office does.
    const own = principal.kind === 'unit' || principal.kind === 'region' ? principal.region : undefined;
    if (own !== undefined && region !== undefined && region !== own) {
      throw new HubError('FORBIDDEN', `${principal.kind === 'unit' ? `unit ${principal.unit}` : `the joint meeting of ${own}`} reads the register of its own region ${own} only`, { fields: [{ path: 'region', message: `must be ${own}` }] });
    }
    const regions = own !== undefined ? [own] : region === undefined ? null : [region];
    return { regions, kind: kind ?? null, displayStatus: displayStatus ?? null };
  }

  private async repository(): Promise<OperatorRepository> {
    return new OperatorRepository(await this.readModels.sql());
  }
}

const emptyCounts = (region: string): OperatorRegionCounts => ({ region, total: 0, byKind: {}, byDisplayStatus: {} });
