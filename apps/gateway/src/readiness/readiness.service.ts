import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessReport } from '@hub/contracts';
import { annexDepartments, assessReadiness, campaignBounds, CORRECTION_EVENT_TYPES, NET_SWORD_2021, reportingUnits, type UnitReportFacts } from '@hub/domain';
import { AnnexRollupRepository, CaseRepository, EventArchiveRepository } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { isDepartmentCode, isRegionCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';

/** Per reporting unit: is its 12-05 package complete (annex, ≥ 2 decided typical cases, summary), and what is missing. */
@Injectable()
export class ReadinessService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async readiness(principal: Principal, query: Query): Promise<ReadinessReport> {
    const definition = NET_SWORD_2021;
    const read = new QueryReader(query, ['department', 'region']);
    const department = read.matching('department', isDepartmentCode, 'a reporting department code, e.g. samr');
    const region = read.matching('region', isRegionCode, 'a GB/T 2260 region code, e.g. 653100');
    read.done();
    const units = reportingUnits(definition.regionTableYear).filter((unit) => {
      const [dept, code] = unit.split('/');
      if (principal.kind === 'unit') return unit === principal.unit;
      return (!department || dept === department) && (!region || code === region);
    });
    const sql = await this.readModels.sql();
    const bounds = campaignBounds(definition);
    const [contributions, typical, summaries, corrections] = await Promise.all([
      new AnnexRollupRepository(sql).contributionsPerUnit(definition.id, new Date(bounds.start).toISOString(), new Date(bounds.end).toISOString(), definition.timezone),
      new CaseRepository(sql).typicalPerUnit(),
      new EventArchiveRepository(sql).latestPerSource('report.submitted', definition.id),
      new EventArchiveRepository(sql).lastCorrectionPerSource(CORRECTION_EVENT_TYPES),
    ]);
    const summaryOf = new Map(summaries.map((event) => [event.source, event]));
    const annexDepts = annexDepartments(definition);
    const items = units.map((unit) => {
      const [dept = '', code = ''] = unit.split('/');
      const summary = summaryOf.get(unit);
      const lastCorrection = corrections.get(unit);
      const facts: UnitReportFacts = {
        unit,
        department: dept,
        region: code,
        annexContributions: contributions.get(unit)?.contributions ?? 0,
        typicalCases: typical.get(unit)?.typical ?? 0,
        typicalWithPenaltyDecision: typical.get(unit)?.withPenaltyDecision ?? 0,
        ...(summary
          ? { summary: { submittedAt: summary.time, recordedAt: summary.recordedAt, version: summary.version, length: typeof summary.data['summary'] === 'string' ? summary.data['summary'].length : 0 } }
          : {}),
        ...(lastCorrection ? { lastCorrectionRecordedAt: lastCorrection } : {}),
      };
      return assessReadiness(facts, definition, annexDepts);
    });
    return { campaign: definition.id, reportDue: definition.reportDue, total: items.length, complete: items.filter((item) => item.complete).length, items };
  }
}
