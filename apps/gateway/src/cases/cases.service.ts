import { Inject, Injectable } from '@nestjs/common';
import type { CaseItem, CasePage } from '@hub/contracts';
import { CaseRepository, type CaseFilter, type CaseState } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { narrowFilter, scopeOf } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { isDepartmentCode, isRegionCode, isUnitCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';

export const CASES_QUERY = ['department', 'region', 'unit', 'typical', 'kind', 'decided', 'limit', 'offset'] as const;

/** The API item of a case: a field-by-field copy, so a read-model column is published only once the contract names it. */
export const caseItem = (s: CaseState): CaseItem => ({
  unit: s.unit,
  caseId: s.caseId,
  caseNo: s.caseNo,
  department: s.department,
  region: s.region,
  status: s.status,
  kind: s.kind,
  primaryCategory: s.primaryCategory,
  otherCategories: s.otherCategories,
  platform: s.platform,
  leadIds: s.leadIds,
  openedAt: s.openedAt,
  decisionNo: s.decisionNo,
  fine: s.fine,
  confiscation: s.confiscation,
  decidedAt: s.decidedAt,
  transferred: s.transferred,
  transferredTo: s.transferredTo,
  closed: s.closed,
  typical: s.typical,
});

/** Cases with their decisions (typical cases first of all), within the caller's scope (a unit its own). */
@Injectable()
export class CasesService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async list(principal: Principal, query: Query): Promise<CasePage> {
    const read = new QueryReader(query, CASES_QUERY);
    const asked = {
      unit: read.matching('unit', isUnitCode, 'a reporting unit <department>/<region>, e.g. samr/653100'),
      department: read.matching('department', isDepartmentCode, 'a reporting department code, e.g. samr'),
      region: read.matching('region', isRegionCode, 'a GB/T 2260 region code, e.g. 653100'),
    };
    const scoped = narrowFilter(scopeOf(principal), asked);
    const filter: CaseFilter = {
      unit: scoped.unit ?? null,
      department: scoped.department ?? null,
      region: scoped.region ?? null,
      typical: read.flag('typical') ?? null,
      decided: read.flag('decided') ?? null,
      kind: read.oneOf('kind', ['administrative', 'criminal'] as const) ?? null,
    };
    const { limit, offset } = read.page();
    read.done();
    const page = await new CaseRepository(await this.readModels.sql()).page(filter, limit, offset);
    return { total: page.total, items: page.items.map(caseItem) };
  }
}
