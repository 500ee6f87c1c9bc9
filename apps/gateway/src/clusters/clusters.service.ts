import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { COORDINATION_MANUAL_SUBJECT, distributionOf, entityNotes, HubError, isUuid, visibilityOf, warningListsAt, type FieldError } from '@hub/domain';
import type {
  ClusterDecision,
  ClusterDecisionEvent,
  ClusterDetail,
  ClusterEventType,
  ClusterHistoryEntry,
  ClusterMember,
  ClusterPage,
  JurisdictionSuggestion,
  MemberWarning,
  OverCorrelating,
} from '@hub/contracts';
import { warningOfKey } from '../notifications/value-warning.js';
import { ClusterQueries, NotificationRepository } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { coversRegion, coversUnit, scopeFilter, scopeName, scopeOf, type Scope } from '../auth/scope.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { ReadModels } from '../common/read-models.js';
import { defaultLevel, sharingViewerOf } from '../entities/sharing-viewer.js';
import { NATS_CONNECTION } from '../tokens.js';

const MEMBER_REF = /^[a-z_]+\/\d{6}\/(lead|case)\/[A-Za-z0-9_-]{1,128}$/;

const STATUS_OF: Record<string, 'VALIDATION_FAILED' | 'NOT_FOUND' | 'CONFLICT' | 'SERVICE_UNAVAILABLE'> = {
  REASON_REQUIRED: 'VALIDATION_FAILED',
  BAD_COMMAND: 'VALIDATION_FAILED',
  UNKNOWN_CLUSTER: 'NOT_FOUND',
  UNKNOWN_MEMBER: 'NOT_FOUND',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  ID_REUSED: 'CONFLICT',
};

/** Which request field a coordination refusal is about. */
const FIELD_OF: Record<string, string> = { REASON_REQUIRED: 'reason', ID_REUSED: 'id' };

/** The values of a member's entities that are on the warning lists of its campaign (from when it was reported). */
function warningsOf(entities: readonly unknown[], reportedAt: string | null): MemberWarning[] {
  return entityNotes(entities, warningListsAt(reportedAt)).flatMap((n) =>
    n.warning === undefined ? [] : [{ kind: n.kind, value: n.value, warning: { warning: n.warning.warning, why: n.warning.why, version: n.warning.version } }],
  );
}

function memberView(ref: string): Pick<ClusterMember, 'leadId' | 'subject' | 'unit' | 'department' | 'region'> {
  const [department = '', region = '', type = '', id = ''] = ref.split('/');
  return { leadId: id, subject: `${type}/${id}`, unit: `${department}/${region}`, department, region };
}

/** Clusters as the coordination service published them, read by everyone with campaign data, each within its scope and sharing level. */
@Injectable()
export class ClustersService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  /**
   * A unit sees the clusters its own leads and cases are in (issue 15 §3), with every member shown per its
   * sharing level; a line or a prefecture those with a member of its own, and only those members.
   */
  async list(principal: Principal, query: Query): Promise<ClusterPage> {
    const scope = scopeOf(principal);
    const q = new QueryReader(query, ['crossRegion', 'crossDepartment', 'since', 'limit', 'offset']);
    const crossRegion = q.flag('crossRegion');
    const crossDepartment = q.flag('crossDepartment');
    const since = q.instant('since');
    const page = q.page();
    q.done();
    const queries = new ClusterQueries(await this.readModels.coordinationSql());
    const { total, items } = await queries.list({
      ...page,
      ...scopeFilter(scope),
      ...(crossRegion === undefined ? {} : { crossRegion }),
      ...(crossDepartment === undefined ? {} : { crossDepartment }),
      ...(since === undefined ? {} : { since }),
    });
    if (scope.level !== 'unit') return { total, ...page, items };
    // A unit reads the keys its own records carry; keys only other units' records carry may be above its level.
    const own = await queries.membersOfUnit(items.map((c) => c.clusterId), scope.unit);
    const keysOf = await queries.keysOf([...own.values()].flat());
    return {
      total,
      ...page,
      items: items.map((c) => {
        const mine = new Set((own.get(c.clusterId) ?? []).flatMap((m) => keysOf.get(m) ?? []));
        return { ...c, keys: c.keys.filter((k) => mine.has(`${k.kind}:${k.value}`)) };
      }),
    };
  }

  /**
   * One cluster with its members. A line or a prefecture sees only its own units' members (and their
   * suggestions and history), and a cluster without one is not found for it. A unit sees a cluster one of
   * its records is in: every member, in full within the member's sharing level and as existence above it;
   * jurisdiction suggestions for its own leads; the history entries about its own records.
   */
  async get(principal: Principal, clusterId: string): Promise<ClusterDetail> {
    const scope = scopeOf(principal);
    const queries = new ClusterQueries(await this.readModels.coordinationSql());
    const cluster = await queries.get(clusterId);
    if (cluster === undefined) throw new HubError('NOT_FOUND', `no cluster ${clusterId}`);
    const inScope = (member: string): boolean => coversUnit(scope, memberView(member).unit);
    const all = await queries.members(clusterId);
    const own = all.filter((m) => inScope(m.member));
    if (own.length === 0) throw new HubError('NOT_FOUND', `no cluster ${clusterId} in your scope (${scopeName(scope)})`);
    const viewer = sharingViewerOf(principal);
    const shown = scope.level === 'unit' ? all : own;
    const visibility = (m: (typeof all)[number]): 'content' | 'existence' =>
      inScope(m.member) ? 'content' : visibilityOf({ department: m.department, region: m.region, distribution: distributionOf(m.distribution, defaultLevel()) }, viewer);
    const readable = new Set(shown.filter((m) => visibility(m) === 'content').map((m) => m.member));
    // The keys a unit may read: those its readable members carry (a key only a member above its level carries is withheld).
    const readableKeys = scope.level === 'unit' ? new Set([...(await queries.keysOf([...readable])).values()].flat()) : undefined;
    const keyReadable = (key: string): boolean => readableKeys === undefined || readableKeys.has(key);
    const suggestions = await queries.suggestions(own.map((m) => m.member));
    const history = (await queries.history(clusterId)).map((h) => ({ ...h, members: h.members.filter(inScope) })).filter((h) => h.members.length > 0 || scope.level === 'all');
    // Verdicts of the units that were alerted on these values (the joint meeting weighs them).
    const feedback = scope.level === 'all' ? await new NotificationRepository(await this.readModels.sql()).verdictCounts(cluster.keys.map((k) => `${k.kind}:${k.value}`)) : [];
    return {
      ...cluster,
      keys: cluster.keys
        .filter((k) => keyReadable(`${k.kind}:${k.value}`))
        .map((k) => {
          const warning = warningOfKey(`${k.kind}:${k.value}`);
          return warning === undefined ? k : { ...k, warning };
        }),
      feedback: feedback.map((f) => ({ kind: f.entityKey.slice(0, f.entityKey.indexOf(':')), value: f.entityKey.slice(f.entityKey.indexOf(':') + 1), confirmed: f.confirmed, falsePositive: f.falsePositive })),
      members: shown.map((m): ClusterMember => {
        const content = readable.has(m.member);
        // Warnings come from the member's entities: content, withheld above the caller's level like the rest.
        const warnings = content ? warningsOf(m.entities, m.reportedAt) : [];
        return {
          ...memberView(m.member),
          member: m.member,
          category: m.category,
          summary: content ? m.summary : null,
          reportedAt: m.reportedAt,
          visibility: content ? 'content' : 'existence',
          via: m.via,
          ...(m.key === null || !(content || keyReadable(m.key)) ? {} : { key: m.key }),
          joinedAt: m.joinedAt,
          ...(warnings.length > 0 ? { warnings } : {}),
        };
      }),
      suggestions: suggestions.map((s): JurisdictionSuggestion => ({ leadId: memberView(s.leadRef).leadId, member: s.leadRef, suggestedDepartment: s.toDepartment, suggestedRegion: s.toRegion, reason: s.note ?? s.basis, basis: s.basis })),
      history: history.map((h): ClusterHistoryEntry => ({
        // The coordination service records only these four (ClusterEventInput['type']).
        type: h.type as ClusterEventType,
        at: h.at,
        by: h.type === 'cluster.linked' || h.type === 'cluster.unlinked' ? 'coordinator' : 'correlation',
        members: h.members,
        ...(h.members.length === 1 ? { leadId: memberView(h.members[0] ?? '').leadId } : {}),
        keys: h.keys.filter(keyReadable),
        ...(h.reason === null ? {} : { reason: h.reason }),
      })),
    };
  }

  async overCorrelating(principal: Principal): Promise<OverCorrelating> {
    if (principal.kind !== 'coordinator') throw new HubError('FORBIDDEN', 'coordinators only');
    const over = await new ClusterQueries(await this.readModels.coordinationSql()).overCorrelating();
    return { items: over.map((o) => ({ kind: o.key.slice(0, o.key.indexOf(':')), value: o.key.slice(o.key.indexOf(':') + 1), count: o.count })) };
  }

  /**
   * POST …/link|unlink: `leadId` is the qualified member `<dept>/<region>/lead/<id>` (ids are unique per unit
   * only). The coordinator decides anywhere; a prefecture's joint meeting only on its own region's leads of
   * a cluster that has a member there. The deciding person rides along as `by`.
   */
  async manual(principal: Principal, action: 'link' | 'unlink', clusterId: string, body: unknown): Promise<ClusterDecision> {
    if (principal.kind !== 'coordinator' && principal.kind !== 'region') throw new HubError('FORBIDDEN', 'only a coordinator or a prefecture\'s joint meeting may link or unlink');
    const { leadId, reason, id } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    if (id !== undefined && !isUuid(id)) fields.push({ path: 'id', message: 'must be a UUID (the request\'s idempotency key: send the same one when retrying), e.g. 0190f3c2-7a4b-7cde-8f01-23456789abcd' });
    if (typeof leadId !== 'string' || !MEMBER_REF.test(leadId)) fields.push({ path: 'leadId', message: 'must be a qualified lead or case, e.g. samr/653100/lead/L-2021-0001' });
    if (typeof reason !== 'string' || reason.trim() === '') fields.push({ path: 'reason', message: 'is required: say why' });
    if (fields.length > 0) throw new HubError('VALIDATION_FAILED', `invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
    if (principal.kind === 'region') await this.requireRegion(principal.region, clusterId, leadId as string);
    // The coordination service's ManualReply (apps/coordination): its event is the stored joint event with its seq.
    let reply: { ok: true; duplicate: boolean; event: ClusterDecisionEvent } | { ok: false; error?: { code: string; message: string } };
    try {
      const msg = await this.nc.request(COORDINATION_MANUAL_SUBJECT, JSON.stringify({ action, clusterId, members: [leadId], reason, ...(id === undefined ? {} : { requestId: id }), ...(principal.actor === undefined ? {} : { by: principal.actor }) }), { timeout: 15_000 });
      reply = msg.json<typeof reply>();
    } catch (error) {
      throw new HubError('SERVICE_UNAVAILABLE', `the coordination service did not answer: ${(error as Error).message}`);
    }
    if (reply.ok) return { duplicate: reply.duplicate === true, event: reply.event };
    const code = reply.error?.code ?? 'UNAVAILABLE';
    const hubCode = STATUS_OF[code] ?? 'CONFLICT';
    throw new HubError(hubCode, reply.error?.message ?? code, { reason: code, ...(hubCode === 'VALIDATION_FAILED' || code === 'ID_REUSED' ? { fields: [{ path: FIELD_OF[code] ?? 'leadId', message: reply.error?.message ?? code }] } : {}) });
  }
  /** A prefecture decides only on its own leads, of a cluster it can see (403 naming the field otherwise). */
  private async requireRegion(region: string, clusterId: string, leadId: string): Promise<void> {
    const scope: Scope = { level: 'region', region };
    if (!coversRegion(scope, memberView(leadId).region)) {
      throw new HubError('FORBIDDEN', `leadId ${leadId} is outside your region ${region}`, { fields: [{ path: 'leadId', message: `is outside your region ${region}` }] });
    }
    const cluster = await new ClusterQueries(await this.readModels.coordinationSql()).get(clusterId);
    if (cluster !== undefined && !cluster.regions.includes(region)) {
      throw new HubError('FORBIDDEN', `cluster ${clusterId} has no member in your region ${region}`);
    }
  }

}
