import { Inject, Injectable } from '@nestjs/common';
import type { CaseClockItem, CaseItem, CasePage } from '@hub/contracts';
import { CASE_DECISION_CLOCK_EVENTS, caseDecisionClock, LEGAL_CLOCKS, PROCEDURE_RULE_DEPARTMENTS } from '@hub/domain';
import { archivedEnvelope, CaseRepository, EventArchiveRepository, type CaseFilter, type CaseState } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { narrowFilter, scopeOf } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { isDepartmentCode, isRegionCode, isUnitCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';

export const CASES_QUERY = ['department', 'region', 'unit', 'typical', 'kind', 'decided', 'campaign', 'limit', 'offset'] as const;

/** The API item of a case: a field-by-field copy, so a read-model column is published only once the contract names it. */
export const caseItem = (s: CaseState, clock: CaseClockItem | null = null): CaseItem => ({
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
  campaign: s.campaign,
  decisionNo: s.decisionNo,
  fine: s.fine,
  confiscation: s.confiscation,
  decidedAt: s.decidedAt,
  transferred: s.transferred,
  transferredTo: s.transferredTo,
  closed: s.closed,
  typical: s.typical,
  clock,
});

/** Cases with their decisions (typical cases first of all), within the caller's scope (a unit its own). */
@Injectable()
export class CasesService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

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
      campaign: read.campaign().id,
    };
    const { limit, offset } = read.page();
    read.done();
    const sql = await this.readModels.sql();
    const page = await new CaseRepository(sql).page(filter, limit, offset);
    const clocks = await this.clocks(new EventArchiveRepository(sql), page.items);
    return { total: page.total, items: page.items.map((s) => caseItem(s, clocks.get(`${s.unit}/${s.caseId}`) ?? null)) };
  }

  /**
   * Days left on each listed case's decision clock, folded from the case's own archived events exactly as the
   * coordination service folds them (case.extended, case.suspended / resumed taken into account).
   */
  private async clocks(archive: EventArchiveRepository, cases: readonly CaseState[]): Promise<Map<string, CaseClockItem>> {
    const ruled = cases.filter((c) => PROCEDURE_RULE_DEPARTMENTS.has(c.department));
    const events = await archive.ofAggregates('case', ruled.map((c) => ({ source: c.unit, id: c.caseId })), CASE_DECISION_CLOCK_EVENTS);
    const byCase = new Map<string, ReturnType<typeof archivedEnvelope>[]>();
    for (const row of events) {
      const event = archivedEnvelope(row);
      const key = `${event.source}/${event.subject.slice('case/'.length)}`;
      byCase.set(key, [...(byCase.get(key) ?? []), event]);
    }
    const now = this.config.clock?.() ?? new Date();
    const out = new Map<string, CaseClockItem>();
    for (const [key, caseEvents] of byCase) {
      try {
        const view = caseDecisionClock(caseEvents, now);
        if (view !== undefined) out.set(key, { state: view.state, daysLeft: view.daysLeft, dueAt: view.dueAt, extensions: view.extensions, suspendedDays: view.suspendedDays, basis: view.basis });
      } catch {
        // The period reaches a year without holiday data: the board says so rather than guessing a date.
        out.set(key, { state: 'unknown', daysLeft: null, dueAt: null, extensions: 0, suspendedDays: 0, basis: LEGAL_CLOCKS.case_decision.basis });
      }
    }
    return out;
  }
}
