import { Inject, Injectable } from '@nestjs/common';
import { NET_SWORD_2021, overdueByDepartment, overdueReferrals, type Briefing, type BriefingCase, type BriefingCluster } from '@hub/domain';
import { CaseRepository, EventArchiveRepository, ReferralRepository } from '@hub/persistence';
import { renderBriefingHtml, renderBriefingXlsx } from '@hub/reports';
import { ANNEX_READER, type AnnexReader } from '../annex/annex.reader.js';
import type { Principal } from '../auth/principal.js';
import { badParam, instantParam, requireOversight } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';
import { ReadinessService } from '../readiness/readiness.service.js';

export interface BriefingQuery {
  /** The previous joint meeting (clusters formed since then are new); default 14 days before asOf. */
  since?: string;
  /** The briefing's cut-off; default now. */
  asOf?: string;
  format?: string;
}

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
  ) {}

  async briefing(principal: Principal, query: BriefingQuery): Promise<BriefingDocument> {
    requireOversight(principal, 'the joint-meeting briefing');
    const format = FORMATS.find((known) => known === (query.format ?? 'json'));
    if (format === undefined) throw badParam('format', `must be one of ${FORMATS.join(', ')} (got "${query.format ?? ''}")`);
    const asOf = instantParam('asOf', query.asOf) ?? new Date();
    const since = instantParam('since', query.since) ?? new Date(asOf.getTime() - TWO_WEEKS_MS);
    if (since.getTime() > asOf.getTime()) throw badParam('since', 'must not be after asOf');
    const briefing = await this.assemble(principal, since, asOf);
    if (format === 'json') return { format, body: briefing };
    const stamp = briefing.asOf.slice(0, 10);
    if (format === 'html') return { format, body: renderBriefingHtml(briefing), contentType: 'text/html; charset=utf-8', fileName: `briefing-${stamp}.html` };
    return { format, body: await renderBriefingXlsx(briefing), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `briefing-${stamp}.xlsx` };
  }

  private async assemble(principal: Principal, since: Date, asOf: Date): Promise<Briefing> {
    const definition = NET_SWORD_2021;
    const sql = await this.readModels.sql();
    const [awaiting, clusterEvents, typical, annex, readiness] = await Promise.all([
      new ReferralRepository(sql).awaitingReceiver(asOf.toISOString()),
      new EventArchiveRepository(sql).ofTypes(['cluster.formed'], since.toISOString(), asOf.toISOString()),
      new CaseRepository(sql).page({ typical: true }, 1_000, 0),
      this.annex.report(definition, { kind: 'all' }, { asOf: asOf.toISOString() }),
      this.readiness.readiness(principal, {}),
    ]);
    const overdue = overdueReferrals(awaiting, asOf);
    return {
      campaign: { id: definition.id, name: definition.name, title: definition.title, start: definition.start, end: definition.end, reportDue: definition.reportDue },
      generatedAt: new Date().toISOString(),
      since: since.toISOString(),
      asOf: asOf.toISOString(),
      overdue: { total: overdue.length, byDepartment: overdueByDepartment(overdue) },
      newClusters: clusterEvents.map(
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
    };
  }
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
