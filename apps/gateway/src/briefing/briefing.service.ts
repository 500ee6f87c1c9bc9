import { Inject, Injectable } from '@nestjs/common';
import type { Briefing, BriefingCase, BriefingCluster, OverdueReferral } from '@hub/contracts';
import { annexCutOffDay, campaignSpan, CHECKPOINT_EVENT_TYPE, HubError, maskBriefing, overdueByDepartment, workingDaysLate, type CampaignDefinition } from '@hub/domain';
import { CaseRepository, EventArchiveRepository, LeadRepository, ReferralRepository, referralView } from '@hub/persistence';
import { renderBriefingHtml, renderBriefingXlsx } from '@hub/reports';
import { ANNEX_READER, type AnnexReader } from '../annex/annex.reader.js';
import type { Principal } from '../auth/principal.js';
import { coversUnit, scopeFilter, scopeOf, type Scope } from '../auth/scope.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';
import { ReadinessService } from '../readiness/readiness.service.js';

export type BriefingDocument =
  | { format: 'json'; body: Briefing }
  | { format: 'html' | 'xlsx'; body: Buffer | string; contentType: string; fileName: string };

const FORMATS = ['json', 'html', 'xlsx'] as const;
const TWO_WEEKS_MS = 14 * 24 * 3_600_000;

/** The joint-meeting briefing (联席会议通报): overdue referrals, new clusters, typical cases, annex totals, readiness. */
@Injectable()
export class BriefingService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(ANNEX_READER) private readonly annex: AnnexReader,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Query: `since` (the previous meeting; default 14 days before asOf), `asOf` (default now), `format` json|html|xlsx, `campaign` (default: the current one). */
  async briefing(principal: Principal, query: Query): Promise<BriefingDocument> {
    const scope = briefingScope(principal);
    const read = new QueryReader(query, ['since', 'asOf', 'format', 'campaign']);
    const definition = read.campaign();
    const format = read.oneOf('format', FORMATS) ?? 'json';
    const asOf = read.instant('asOf') ?? this.clock();
    const since = read.instant('since') ?? new Date(asOf.getTime() - TWO_WEEKS_MS);
    if (since.getTime() > asOf.getTime()) read.errors.push({ path: 'since', message: 'must not be after asOf' });
    read.done();
    // A handout: phones, platform accounts and waybills are masked in every format (issue 12 §6).
    const briefing = maskBriefing(await this.assemble(principal, scope, since, asOf, definition));
    if (format === 'json') return { format, body: briefing };
    const stamp = briefing.asOf.slice(0, 10);
    if (format === 'html') return { format, body: renderBriefingHtml(briefing), contentType: 'text/html; charset=utf-8', fileName: `briefing-${stamp}.html` };
    return { format, body: await renderBriefingXlsx(briefing), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `briefing-${stamp}.xlsx` };
  }

  private async assemble(principal: Principal, scope: Scope & { level: 'all' | 'region' }, since: Date, asOf: Date, definition: CampaignDefinition): Promise<Briefing> {
    const sql = await this.readModels.sql();
    const own = scopeFilter(scope);
    const region = scope.level === 'region' ? { region: scope.region } : {};
    // The campaign's own records: from its start (the first: from always) to the next campaign's start or asOf.
    const span = campaignSpan(definition);
    const spanFrom = span.timeFrom === undefined ? {} : { timeFrom: span.timeFrom };
    const before = span.timeBefore !== undefined && span.timeBefore < asOf.toISOString() ? span.timeBefore : asOf.toISOString();
    const [late, clusterEvents, typical, annex, readiness, byProduct, actions, byKeyPeriod, checkpoint] = await Promise.all([
      new ReferralRepository(sql).list({ overdue: true, now: asOf, limit: 1_000, offset: 0, ...own, ...(span.timeFrom ? { sentFrom: span.timeFrom } : {}), ...(span.timeBefore ? { sentBefore: span.timeBefore } : {}) }),
      new EventArchiveRepository(sql).ofTypes(['cluster.formed'], since.toISOString(), asOf.toISOString()),
      new CaseRepository(sql).page({ typical: true, campaign: definition.id, ...own }, 1_000, 0),
      // Events that happened up to the cut-off day (event time): back-filled records count where they belong.
      this.annex.report(definition, scope.level === 'all' ? { kind: 'all' } : { kind: 'region', region: scope.region }, { to: annexCutOffDay(asOf, definition) }),
      this.readiness.readiness(principal, { campaign: definition.id }),
      // A prefecture's briefing counts its own units only.
      new LeadRepository(sql).byProduct({ ...spanFrom, timeBefore: before, ...region }),
      new EventArchiveRepository(sql).actionTotals({ ...spanFrom, timeBefore: before, ...region }),
      new LeadRepository(sql).byKeyPeriod({ ...spanFrom, timeBefore: before, ...region }),
      new EventArchiveRepository(sql).latestOfType(CHECKPOINT_EVENT_TYPE, asOf.toISOString()),
    ]);
    const overdue = late.items.flatMap((state): OverdueReferral[] => {
      const view = referralView(state, asOf);
      if (!view.overdue || !view.overdueSince) return [];
      return [
        {
          referralId: view.referralId,
          leadId: view.leadId,
          fromUnit: view.fromUnit,
          toUnit: view.toUnit,
          toDepartment: view.toDepartment,
          toRegion: view.toRegion,
          reason: view.reason,
          status: view.status,
          sentAt: view.sentAt,
          clock: view.overdueClock ?? 'answer',
          deadline: view.overdueSince,
          overdueWorkingDays: workingDaysLate(view.overdueSince, asOf),
        },
      ];
    });
    return {
      campaign: { id: definition.id, name: definition.name, title: definition.title, start: definition.start, end: definition.end, reportDue: definition.reportDue },
      generatedAt: new Date().toISOString(),
      since: since.toISOString(),
      asOf: asOf.toISOString(),
      overdue: { total: overdue.length, byDepartment: overdueByDepartment(overdue) },
      newClusters: clusterEvents.filter((event) => stringList(event.data['members']).some((member) => coversUnit(scope, member.split('/').slice(0, 2).join('/')))).map(
        (event): BriefingCluster => ({
          clusterId: String(event.data['clusterId']),
          formedAt: event.time,
          members: stringList(event.data['members']),
          keys: stringList(event.data['keys']),
          crossRegion: event.data['crossRegion'] === true,
          crossDepartment: event.data['crossDepartment'] === true,
        }),
      ),
      typicalCases: typical.items.map(
        (c): BriefingCase => ({
          unit: c.unit,
          caseId: c.caseId,
          caseNo: c.caseNo,
          department: c.department,
          region: c.region,
          kind: c.kind,
          primaryCategory: c.primaryCategory,
          decisionNo: c.decisionNo,
          fine: c.fine,
          confiscation: c.confiscation,
          decidedAt: c.decidedAt,
        }),
      ),
      annex,
      readiness: { total: readiness.total, complete: readiness.complete },
      byProduct,
      actions,
      // Every key period of the campaign, also those with no lead (a zero is news to the meeting too).
      logCheckpoint: checkpoint
        ? { treeSize: Number(checkpoint.data['treeSize']), uptoSeq: Number(checkpoint.data['uptoSeq']), root: String(checkpoint.data['root']), signedAt: checkpoint.recordedAt }
        : null,
      keyPeriodLeads: (definition.keyPeriods ?? []).map((p) => ({ keyPeriod: p.id, label: `${p.label}（${p.from.slice(5)}至${p.to.slice(5)}）`, leads: byKeyPeriod.get(p.id) ?? 0 })),
    };
  }
}

/**
 * The briefing is a joint meeting's: the autonomous region's (coordinator, auditor) or a prefecture's, of
 * its own region. A line supervisor or a unit holds no joint meeting (403).
 */
function briefingScope(principal: Principal): Scope & { level: 'all' | 'region' } {
  const scope = scopeOf(principal);
  if (scope.level === 'all' || scope.level === 'region') return scope;
  throw new HubError('FORBIDDEN', 'the joint-meeting briefing is for the joint meetings (coordinators, prefectures) and auditors');
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
