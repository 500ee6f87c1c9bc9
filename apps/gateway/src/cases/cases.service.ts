import { Inject, Injectable } from '@nestjs/common';
import { CaseRepository, type CaseFilter, type CaseState } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { badParam, booleanParam, departmentParam, pageParams, regionParam } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';

export interface CasesQuery {
  department?: string;
  region?: string;
  unit?: string;
  typical?: string;
  kind?: string;
  decided?: string;
  limit?: string;
  offset?: string;
}

export interface CaseItem {
  unit: string;
  caseId: string;
  caseNo: string | null;
  department: string;
  region: string;
  status: string;
  kind: string | null;
  primaryCategory: string | null;
  otherCategories: string[];
  platform: string | null;
  leadIds: string[];
  openedAt: string | null;
  decisionNo: string | null;
  fine: number | null;
  confiscation: number | null;
  decidedAt: string | null;
  transferred: boolean;
  closed: boolean;
  typical: boolean;
}

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
  closed: s.closed,
  typical: s.typical,
});

/** Cases with their decisions (typical cases first of all); a unit sees its own. */
@Injectable()
export class CasesService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async list(principal: Principal, query: CasesQuery): Promise<{ total: number; items: CaseItem[] }> {
    const { limit, offset } = pageParams(query);
    const kind = query.kind || undefined;
    if (kind !== undefined && kind !== 'administrative' && kind !== 'criminal') throw badParam('kind', `must be administrative or criminal (got "${kind}")`);
    if (query.unit && !/^[a-z_]+\/\d{6}$/.test(query.unit)) throw badParam('unit', `must be <department>/<region> (got "${query.unit}")`);
    const filter: CaseFilter = {
      unit: principal.kind === 'unit' ? principal.unit : (query.unit ?? null),
      department: departmentParam('department', query.department) ?? null,
      region: regionParam('region', query.region) ?? null,
      typical: booleanParam('typical', query.typical) ?? null,
      decided: booleanParam('decided', query.decided) ?? null,
      kind: kind ?? null,
    };
    const page = await new CaseRepository(await this.readModels.sql()).page(filter, limit, offset);
    return { total: page.total, items: page.items.map(caseItem) };
  }
}
