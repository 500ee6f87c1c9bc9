import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AssistanceRequestResult, EntityHit, EntitySearchResult, OperatorItem } from '@hub/contracts';
import {
  distributionOf,
  ENTITY_KINDS,
  HubError,
  isUuid,
  keyString,
  normaliseEntity,
  operatorLookupOf,
  parseAggregateRef,
  referralSubjectId,
  visibilityOf,
  type DistributionLevel,
  type FieldError,
  type SharingViewer,
} from '@hub/domain';
import { ClusterQueries, EntitySearchRepository, OperatorRepository, type EntityRecordRow, type OperatorState } from '@hub/read-models';
import type { Principal } from '../auth/principal.js';
import { QueryReader, type Query } from '../common/query-params.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { ReadModels } from '../common/read-models.js';
import { EventsService } from '../events/events.service.js';
import { operatorItem } from '../operators/operators.service.js';
import { defaultLevel, sharingViewerOf } from './sharing-viewer.js';

/** What may be searched: every entity kind correlation normalises, and an operator's registered name. */
export const SEARCH_KINDS = [...ENTITY_KINDS, 'operator_name'] as const;
/** Hits per search: one key rarely sits on more records; a flood is cut and flagged `truncated`. */
const MAX_HITS = 200;
/** An operator-name search follows the keys of at most this many matching operators. */
const MAX_OPERATORS = 20;


/**
 * "Who else holds this operator?" (issue 15 §2): a value is normalised exactly as the correlation does and
 * looked up in the entity index; each hit is shown in full within the caller's sharing level and as its
 * existence (holder, date, category) above it, with the assistance request a unit may send the holder.
 */
@Injectable()
export class EntitiesService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async search(principal: Principal, query: Query): Promise<EntitySearchResult> {
    const viewer = sharingViewerOf(principal);
    const q = new QueryReader(query, ['kind', 'value']);
    const kind = q.oneOf('kind', SEARCH_KINDS);
    const value = q.text('value');
    if (query['kind'] === undefined) q.errors.push({ path: 'kind', message: `is required: one of ${SEARCH_KINDS.join(', ')}` });
    if (query['value'] === undefined) q.errors.push({ path: 'value', message: 'is required: the identifier to look for' });
    q.done();
    const searched = { kind: kind as string, value: (value as string).trim() };
    const sql = await this.readModels.sql();
    const operators = new OperatorRepository(sql);
    const regions = operatorRegions(principal);
    let keys: string[];
    let registered: OperatorState[];
    if (searched.kind === 'operator_name') {
      if (searched.value.length < 2) throw fieldError('value', 'an operator name needs at least 2 characters');
      registered = await operators.byName(searched.value.normalize('NFKC'), regions, MAX_OPERATORS);
      keys = [...new Set(registered.flatMap(operatorKeys))];
    } else {
      const normalised = normaliseEntity(searched.kind, searched.value);
      if (!normalised.ok) throw fieldError('value', `does not read as a ${searched.kind}: ${normalised.error}`);
      keys = [keyString(normalised.key)];
      const inRegion = (o: OperatorState): boolean => regions === null || regions.includes(o.region);
      registered = (await operators.matching(operatorLookupOf([searched]))).filter(inRegion);
    }
    const repository = new EntitySearchRepository(sql);
    const found = new Map<string, EntityRecordRow>();
    let truncated = false;
    for (const key of keys) {
      const rows = await repository.records(key, MAX_HITS + 1);
      if (rows.length > MAX_HITS) truncated = true;
      for (const row of rows.slice(0, MAX_HITS)) found.set(recordRef(row), row);
    }
    const rows = [...found.values()].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, MAX_HITS);
    const clusters = await this.clustersOf(rows.filter((row) => visibilityOf(shared(row), viewer) === 'content').map(recordRef));
    return {
      kind: searched.kind,
      value: searched.value,
      key: searched.kind === 'operator_name' ? null : (keys[0] ?? null),
      items: rows.map((row) => hitOf(row, principal, viewer, clusters)),
      truncated: truncated || found.size > MAX_HITS,
      operators: registered.map((o): OperatorItem => operatorItem(o)),
    };
  }

  /**
   * POST /api/v1/entities/request {record, reason?, id?}: a unit asks the holder of a record for assistance
   * (协查). Stored as the unit's referral.requested on its own chain, so the request is the requester's fact
   * and the holder answers it like any referral, on the same clocks. `id` makes a retry safe.
   */
  async request(principal: Principal, body: unknown): Promise<AssistanceRequestResult> {
    if (principal.kind !== 'unit') throw new HubError('UNITS_ONLY', 'an assistance request is sent by a unit (its clerk or head)');
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    for (const name of Object.keys(b)) if (!['record', 'reason', 'id'].includes(name)) fields.push({ path: name, message: 'unknown field (allowed: record, reason, id)' });
    const ref = typeof b['record'] === 'string' ? parseAggregateRef(b['record']) : undefined;
    if (ref === undefined || (ref.type !== 'lead' && ref.type !== 'case')) fields.push({ path: 'record', message: 'must be a qualified lead or case, e.g. samr/653100/lead/L-2021-0001' });
    if (b['reason'] !== undefined && (typeof b['reason'] !== 'string' || b['reason'].trim() === '')) fields.push({ path: 'reason', message: 'must be non-empty text when given' });
    if (b['id'] !== undefined && !isUuid(b['id'])) fields.push({ path: 'id', message: "must be a UUID (the request's idempotency key: send the same one when retrying)" });
    if (fields.length > 0 || ref === undefined) throw new HubError('VALIDATION_FAILED', `invalid input: ${fields.map((f) => f.path).join(', ')}`, { fields });
    const toUnit = `${ref.department}/${ref.region}`;
    if (toUnit === principal.unit) throw fieldError('record', 'is your own unit\'s record: nothing to request', 'CONFLICT');
    const record = `${toUnit}/${ref.type}/${ref.id}`;
    const eventId = (b['id'] as string | undefined) ?? randomUUID();
    // The referral id is the requester's own; derived from the event id so a retry names the same referral.
    const referralId = `A-${eventId}`;
    const subject = `referral/${referralSubjectId(principal.unit, referralId)}`;
    const reason = typeof b['reason'] === 'string' ? b['reason'].trim() : `请求协查：${record}`;
    const time = this.clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event = { id: eventId, type: 'referral.requested', subject, time, data: { referralId, toDepartment: ref.department, toRegion: ref.region, record, reason } };
    const outcome = await this.events.submit(principal, principal.department, [event]);
    const [result] = outcome.body.results;
    if (outcome.status !== 201 || result === undefined || 'error' in result) {
      const error = result !== undefined && 'error' in result ? result.error : { code: outcome.body.code ?? 'SERVICE_UNAVAILABLE', message: outcome.body.message ?? 'not stored' };
      throw new HubError(error.code as never, error.message, { fields: outcome.body.fields ?? [] });
    }
    return { referralId, subject, toUnit, record, seq: result.seq, duplicate: result.duplicate };
  }

  private async clustersOf(members: string[]): Promise<Map<string, string>> {
    if (members.length === 0) return new Map();
    return new ClusterQueries(await this.readModels.coordinationSql()).clustersOf(members);
  }
}

const recordRef = (row: Pick<EntityRecordRow, 'unit' | 'recordType' | 'recordId'>): string => `${row.unit}/${row.recordType}/${row.recordId}`;

const shared = (row: EntityRecordRow): { department: string; region: string; distribution: DistributionLevel } => ({
  department: row.department,
  region: row.region,
  distribution: distributionOf(row.distribution, defaultLevel()),
});

/** The hit as the caller may see it: content within its level, existence (holder, date, category) above it. */
export function hitOf(row: EntityRecordRow, principal: Principal, viewer: SharingViewer, clusters: ReadonlyMap<string, string>): EntityHit {
  const record = recordRef(row);
  const existence = {
    recordType: row.recordType,
    record,
    unit: row.unit,
    department: row.department,
    region: row.region,
    category: row.category,
    at: row.at,
    requestable: principal.kind === 'unit' && principal.unit !== row.unit,
  };
  const level = shared(row);
  if (visibilityOf(level, viewer) === 'existence') return { visibility: 'existence', ...existence };
  return {
    visibility: 'content',
    ...existence,
    distribution: level.distribution,
    status: row.status,
    summary: row.summary,
    entities: row.entities,
    caseNo: row.caseNo,
    platform: row.platform,
    clusterId: clusters.get(record) ?? null,
  };
}

/** The register a caller reads (as OperatorsService): a unit's or prefecture's own region, else every region. */
function operatorRegions(principal: Principal): string[] | null {
  return principal.kind === 'unit' || principal.kind === 'region' ? [principal.region] : null;
}

/** The correlation keys a register entry is known by (its USCC, domain and platform shop). */
function operatorKeys(o: OperatorState): string[] {
  const keys: string[] = [];
  if (o.uscc) keys.push(`uscc:${o.uscc}`);
  if (o.domain) keys.push(`domain:${o.domain}`);
  if (o.platform && o.shopId) keys.push(`shop_url:${o.platform}:shop:${o.shopId}`);
  return keys;
}

function fieldError(path: string, message: string, code: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED'): HubError {
  return new HubError(code, `${path} ${message}`, { fields: [{ path, message }] });
}
