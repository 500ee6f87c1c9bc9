import { Inject, Injectable } from '@nestjs/common';
import type { FilingStatus, ReadinessReport } from '@hub/contracts';
import { addressedUnits, annexCountedTypes, assessReadiness, campaignBounds, campaignSpan, CORRECTION_EVENT_TYPES, filingsReaching, reportingPlan, type UnitReportFacts } from '@hub/domain';
import { AnnexRollupRepository, CaseRepository, EventArchiveRepository, type ArchivedEvent } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { coversUnit, narrowFilter, scopeOf } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { isDepartmentCode, isRegionCode, isUnitCode } from '../common/roles.js';
import { ReadModels } from '../common/read-models.js';

/** The correction that changed a filing, as readiness shows it. */
const changeOf = (event: ArchivedEvent | undefined): { type: string; subject: string; recordedAt: string } | null =>
  event ? { type: event.type, subject: event.streamSubject.split('.').slice(4).join('/'), recordedAt: event.recordedAt } : null;

const FILING_STATUSES: readonly FilingStatus[] = ['missing', 'filed', 'late', 'returned'];

/**
 * Per unit the plan addresses: is its 12-05 package complete — what its department must file (the
 * campaign's reporting duties), where its filing stands, whom it goes to — and what is missing.
 */
@Injectable()
export class ReadinessService {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  async readiness(principal: Principal, query: Query): Promise<ReadinessReport> {
    const read = new QueryReader(query, ['department', 'region', 'campaign', 'to', 'filing']);
    const department = read.matching('department', isDepartmentCode, 'a reporting department code, e.g. samr');
    const region = read.matching('region', isRegionCode, 'a GB/T 2260 region code, e.g. 653100');
    const to = read.matching('to', isUnitCode, 'a reporting unit <department>/<region> the filings are routed or copied to, e.g. police/650000');
    const filing = read.oneOf('filing', FILING_STATUSES);
    // Checked with the other parameters, so one answer names every bad one.
    const definition = read.campaign();
    read.done();
    const plan = reportingPlan(definition);
    const scope = scopeOf(principal);
    // A filter outside the caller's scope is 403 (naming it); inside, it narrows the scope's units.
    narrowFilter(scope, { department, region });
    const reaching = to === undefined ? undefined : new Set(Object.values(filingsReaching(definition, to, plan)).flat());
    const units = addressedUnits(definition, plan).filter((unit) => {
      const [dept, code] = unit.split('/');
      return coversUnit(scope, unit) && (!department || dept === department) && (!region || code === region) && (!reaching || reaching.has(unit));
    });
    const sql = await this.readModels.sql();
    const bounds = campaignBounds(definition);
    // Only corrections of this campaign's records (from their first event's time) change its filings.
    const span = campaignSpan(definition);
    const archive = new EventArchiveRepository(sql);
    const [contributions, typical, summaries, corrections, returns] = await Promise.all([
      new AnnexRollupRepository(sql).contributionsPerUnit(definition.id, new Date(bounds.start).toISOString(), new Date(bounds.end).toISOString(), definition.timezone),
      new CaseRepository(sql).typicalPerUnit(definition.id),
      archive.latestPerSource('report.submitted', definition.id),
      archive.lastCorrectionPerSource(CORRECTION_EVENT_TYPES, span),
      archive.latestReturns(),
    ]);
    const returnOf = new Map(returns.map((event) => [String(event.data['reportSubject']), event]));
    // Filings that name their checkpoint: changed when a record the figures count was corrected after it.
    const checkpointed = summaries.filter((event) => typeof event.data['checkpointSeq'] === 'number').map((event) => ({ source: event.source, seq: Number(event.data['checkpointSeq']) }));
    const changes = await archive.changesAfterFiling(checkpointed, CORRECTION_EVENT_TYPES, annexCountedTypes(definition), span);
    const withCheckpoint = new Set(checkpointed.map((filing) => filing.source));
    const summaryOf = new Map(summaries.map((event) => [event.source, event]));
    const items = units
      .map((unit) => {
        const [dept = '', code = ''] = unit.split('/');
        const summary = summaryOf.get(unit);
        const lastCorrection = corrections.get(unit);
        const returned = returnOf.get(`${unit}/report/${definition.id}`);
        const note = summary?.data['jointEnforcementNote'];
        const facts: UnitReportFacts = {
          unit,
          department: dept,
          region: code,
          annexContributions: contributions.get(unit)?.contributions ?? 0,
          typicalCases: typical.get(unit)?.typical ?? 0,
          typicalWithPenaltyDecision: typical.get(unit)?.withPenaltyDecision ?? 0,
          ...(summary
            ? {
                summary: {
                  submittedAt: summary.time,
                  recordedAt: summary.recordedAt,
                  version: summary.version,
                  length: typeof summary.data['summary'] === 'string' ? summary.data['summary'].length : 0,
                  // Joint-enforcement material: described in the note, or attached as files.
                  jointEnforcement: (typeof note === 'string' && note.trim() !== '') || (Array.isArray(summary.data['jointEnforcementAttachments']) && summary.data['jointEnforcementAttachments'].length > 0),
                  ...(Array.isArray(summary.data['typicalCases'])
                    ? { typicalWithoutDecisionDocument: (summary.data['typicalCases'] as { caseId: string; decisions: string[] }[]).filter((c) => c.decisions.length === 0).map((c) => c.caseId) }
                    : {}),
                },
              }
            : {}),
          ...(lastCorrection ? { lastCorrectionRecordedAt: lastCorrection } : {}),
          ...(withCheckpoint.has(unit) ? { changeAfterCheckpoint: changeOf(changes.get(unit)) } : {}),
          ...(returned
            ? { returned: { filedVersion: Number(returned.data['filedVersion']), recordedAt: returned.recordedAt, reason: String(returned.data['reason']), by: String(returned.data['by']) } }
            : {}),
        };
        return assessReadiness(facts, definition, plan);
      })
      .filter((item) => filing === undefined || item.filing === filing);
    return { campaign: definition.id, reportDue: definition.reportDue, total: items.length, complete: items.filter((item) => item.complete).length, items };
  }
}
