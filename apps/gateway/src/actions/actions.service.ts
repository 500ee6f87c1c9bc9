import { Inject, Injectable } from '@nestjs/common';
import type { ClosureItem, ClosurePage, GuidanceItem, GuidancePage, SamplingItem, SamplingPage } from '@hub/contracts';
import { GUIDANCE_KINDS, PRODUCT_CATEGORIES, qualifiedAggregateId } from '@hub/domain';
import { ActionRepository, type ClosureState, type GuidanceState, type SamplingState } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { narrowFilter, scopeOf, type Scope } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { pastDue } from '../common/past-due.js';
import { readPartyFilter } from '../common/party-filter.js';
import { ReadModels } from '../common/read-models.js';
import { isDepartmentCode, isRegionCode, isUnitCode } from '../common/roles.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';

const SCOPE_PARAMS = ['unit', 'department', 'region'] as const;
export const GUIDANCE_QUERY = [...SCOPE_PARAMS, 'kind', 'from', 'before', 'search', 'limit', 'offset'] as const;
export const SAMPLINGS_QUERY = [...SCOPE_PARAMS, 'productCategory', 'published', 'from', 'before', 'limit', 'offset'] as const;
export const CLOSURES_QUERY = ['direction', 'status', 'overdue', 'limit', 'offset'] as const;

/** Field-by-field copies: a read-model column is published only once the contract names it. */
export const guidanceItem = (s: GuidanceState): GuidanceItem => ({
  unit: s.unit,
  guidanceId: s.guidanceId,
  department: s.department,
  region: s.region,
  kind: s.kind,
  operatorRef: s.operatorRef,
  operatorName: s.operatorName,
  topic: s.topic,
  heldAt: s.heldAt,
  participants: s.participants,
  recordedBy: s.recordedBy,
});

export const samplingItem = (s: SamplingState): SamplingItem => ({
  unit: s.unit,
  samplingId: s.samplingId,
  department: s.department,
  region: s.region,
  batches: s.batches,
  failed: s.failed,
  productCategory: s.productCategory,
  productDescription: s.productDescription,
  operatorRef: s.operatorRef,
  sampledAt: s.sampledAt,
  publishedAt: s.publishedAt,
  recordedBy: s.recordedBy,
});

/** The request as a party sees it: due time on the configured hours clock, overdue by notice or by now. */
export function closureItem(s: ClosureState, hours: number, now: Date, viewer: string | undefined): ClosureItem {
  const dueAt = s.recordedAt === null ? null : new Date(Date.parse(s.recordedAt) + hours * 3_600_000).toISOString();
  return {
    id: qualifiedAggregateId(`${s.fromUnit}/closure/${s.closureId}`),
    fromUnit: s.fromUnit,
    closureId: s.closureId,
    toUnit: s.toUnit,
    targetKind: s.targetKind,
    target: s.target,
    operatorRef: s.operatorRef,
    platform: s.platform,
    reason: s.reason,
    requestedAt: s.requestedAt,
    recordedAt: s.recordedAt,
    dueAt,
    hours,
    status: s.status,
    decisionReason: s.decisionReason,
    answeredAt: s.answeredAt,
    answeredBy: s.answeredBy,
    overdue: s.overdueDueAt !== null || pastDue(dueAt, s.answeredAt, now),
    overdueNotice: s.overdueDueAt === null ? null : { dueAt: s.overdueDueAt, hours: s.overdueHours },
    answerable: viewer !== undefined && viewer === s.toUnit && s.status === 'requested',
  };
}


/**
 * The plan's further actions as lists: guidance and interviews (三(二)), quality sampling (二(三)三) — a unit its
 * own, a line its department's, a prefecture its region's, coordinators and auditors all — and the 7×24 urgent
 * closure requests (二(六)五), which a unit sees when it made them or they are addressed to it.
 */
@Injectable()
export class ActionsService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async guidance(principal: Principal, query: Query): Promise<GuidancePage> {
    const read = new QueryReader(query, GUIDANCE_QUERY);
    const scope = this.scoped(principal, read);
    const filter = {
      ...scope,
      kind: read.oneOf('kind', GUIDANCE_KINDS) ?? null,
      from: read.instant('from')?.toISOString() ?? null,
      before: read.instant('before')?.toISOString() ?? null,
      search: read.text('search') ?? null,
    };
    const { limit, offset } = read.page();
    read.done();
    const page = await (await this.repository()).guidance(filter, limit, offset);
    return { total: page.total, items: page.items.map(guidanceItem) };
  }

  async samplings(principal: Principal, query: Query): Promise<SamplingPage> {
    const read = new QueryReader(query, SAMPLINGS_QUERY);
    const scope = this.scoped(principal, read);
    const filter = {
      ...scope,
      productCategory: read.oneOf('productCategory', PRODUCT_CATEGORIES) ?? null,
      published: read.flag('published') ?? null,
      from: read.instant('from')?.toISOString() ?? null,
      before: read.instant('before')?.toISOString() ?? null,
    };
    const { limit, offset } = read.page();
    read.done();
    const page = await (await this.repository()).samplings(filter, limit, offset);
    return { total: page.total, items: page.items.map(samplingItem) };
  }

  /** `direction`: sent (made by the caller's unit) or received (addressed to it); a unit sees both by default. */
  async closures(principal: Principal, query: Query): Promise<ClosurePage> {
    const read = new QueryReader(query, CLOSURES_QUERY);
    const { filter, viewer } = readPartyFilter(principal, read, 'requests');
    const status = read.oneOf('status', ['requested', 'closed', 'refused'] as const);
    const overdue = read.flag('overdue');
    const { limit, offset } = read.page();
    read.done();
    const page = await (await this.repository()).closures({ ...filter, status: status ?? null, overdue: overdue ?? null }, limit, offset);
    const now = this.config.clock?.() ?? new Date();
    return { total: page.total, items: page.items.map((s) => closureItem(s, this.closureHours(), now, viewer)) };
  }

  private closureHours(): number {
    return this.config.closureHours ?? 24;
  }

  /** The unit/department/region filter asked for, within the caller's scope (403 naming the field outside it). */
  private scoped(principal: Principal, read: QueryReader): { unit: string | null; department: string | null; region: string | null } {
    const scope: Scope = scopeOf(principal);
    const asked = {
      unit: read.matching('unit', isUnitCode, 'a reporting unit <department>/<region>, e.g. samr/653100'),
      department: read.matching('department', isDepartmentCode, 'a reporting department code, e.g. samr'),
      region: read.matching('region', isRegionCode, 'a GB/T 2260 region code, e.g. 653100'),
    };
    const narrowed = narrowFilter(scope, asked);
    return { unit: narrowed.unit ?? null, department: narrowed.department ?? null, region: narrowed.region ?? null };
  }

  private async repository(): Promise<ActionRepository> {
    return new ActionRepository(await this.readModels.sql());
  }
}
