import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DEPARTMENT_LABELS,
  campaignOfTime,
  currentCampaign,
  drawListsOf,
  noDrawListsMessage,
  regionName,
  DISPLAY_STATUSES,
  DRAW_ALGORITHM,
  DRAW_SEED_RULE,
  HubError,
  inspectorsHash,
  inspectorsOf,
  isAggregateId,
  isDisplayStatus,
  isOperatorKind,
  isUuid,
  maskPersonName,
  OPERATOR_KINDS,
  registerTargets,
  targetsHash,
  type DrawCommittedFacts,
  type DrawRevealedFacts,
  type DrawVerification,
  type FieldError,
  type HubEvent,
  validationFailed,
} from '@hub/domain';
import { drawIdOfRef, drawRefOfId, loadKeyRegistry, verifyLoggedDraw, type LoggedEvent } from '@hub/audit';
import { EventArchiveRepository, type ArchivedEvent } from '@hub/persistence';
import { OperatorRepository } from '@hub/read-models';
import { renderDrawPublicationCsv } from '@hub/reports';
import { QueryReader, type Query } from '../common/query-params.js';
import type { Principal } from '../auth/principal.js';
import { coversUnit, scopeOf } from '../auth/scope.js';
import { ReadModels } from '../common/read-models.js';
import { EventsService } from '../events/events.service.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG } from '../tokens.js';

const DRAW_TYPES = ['draw.committed', 'draw.revealed'];

/** The campaign a draw made at `time` belongs to (its time's, as for every record). */
const campaignOfDraw = (time: string): string => campaignOfTime(time) ?? currentCampaign().id;
const OPERATOR_TYPES = ['operator.registered', 'operator.updated'];

/** One draw as the API shows it: the commit, and the reveal once the joint office has published it. */
export interface DrawItemView {
  id: string;
  drawRef: string;
  unit: string;
  /** The campaign the draw belongs to (its commit's time): its draw lists name the item and the inspectors. */
  campaign: string;
  status: 'committed' | 'revealed';
  committedAt: string;
  commitSeq: number;
  commitHash: string;
  item: string;
  itemLabel: string;
  region: string;
  kind?: string;
  status_filter?: string;
  sampleSize?: number;
  sampleRatio?: number;
  inspectorsPerTarget: number;
  registerSeq: number;
  targetCount: number;
  targetsHash: string;
  inspectorsHash: string;
  algorithm: string;
  seedRule: string;
  revealedAt?: string;
  seed?: string;
  selected?: { operator: string; inspectors: { id: string; name: string }[] }[];
  skipped?: { operator: string; inspector: string; name: string; reason: string }[];
}

/** 喀什地区 市场监督管理局 for `samr/653100`, as the publication names the drawing unit. */
function unitLabel(unit: string): string {
  const [department = '', region = ''] = unit.split('/');
  return `${regionName(region, currentCampaign().regionTableYear) ?? region}${DEPARTMENT_LABELS[department as keyof typeof DEPARTMENT_LABELS] ?? department}`;
}

/** `hub.evt.samr.653100.draw.D-1` + archived fields → the event as logged (the archive keeps it verbatim). */
export function hubEventOf(a: ArchivedEvent): HubEvent {
  const [, , , , type = '', ...id] = a.streamSubject.split('.');
  return {
    id: a.id,
    type: a.type,
    source: a.source,
    subject: `${type}/${id.join('.')}`,
    time: a.time,
    recordedAt: a.recordedAt,
    version: a.version,
    data: a.data,
    prevHash: a.prevHash,
    hash: a.hash,
    sig: a.sig,
    ...(a.actor === undefined ? {} : { actor: a.actor }),
  };
}

const logged = (a: ArchivedEvent): LoggedEvent => ({ seq: a.seq, event: hubEventOf(a) });

/**
 * 双随机、一公开 (方案 三(一)): a unit commits a draw over its region's register (the snapshot and its inspector
 * list hashed into draw.committed), the coordination service reveals it with the joint key; anyone in scope
 * lists, reads and re-verifies draws from the archived log.
 */
@Injectable()
export class DrawsService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * POST /api/v1/draws: the unit's commit, now, so in the campaign now falls in (`?campaign=` may name it, no other),
   * by that campaign's draw lists; the reveal follows from the coordination service.
   */
  async commit(principal: Principal, body: unknown, query: Query = {}): Promise<{ id: string; drawRef: string; campaign: string; seq: number; duplicate: boolean; targetCount: number; commitHash?: string }> {
    if (principal.kind !== 'unit') throw new HubError('UNITS_ONLY', 'a draw is run by a reporting unit over its own region');
    const time = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const campaign = campaignOfDraw(time);
    const read = new QueryReader(query, ['campaign']);
    const named = read.campaign();
    read.done();
    if (query['campaign'] !== undefined && named.id !== campaign) throw validationFailed([{ path: 'campaign', message: `a draw is committed now, in ${campaign}; ${named.id} takes no new draws` }]);
    const lists = drawListsOf(campaign);
    if (lists === undefined) throw new HubError('CONFLICT', noDrawListsMessage(campaign), { fields: [{ path: 'campaign', message: noDrawListsMessage(campaign) }] });
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const fields: FieldError[] = [];
    const bad = (path: string, message: string): void => void fields.push({ path, message });
    if (!isAggregateId(b['id'])) bad('id', 'must be the draw id of 1-128 characters from A-Z a-z 0-9 _ - (e.g. D-2021-0001), unique in your unit');
    if (!lists.items.some((i) => i.id === b['item'])) bad('item', `must be a spot-check item of ${campaign}: ${lists.items.map((i) => i.id).join(', ')}`);
    if (b['kind'] !== undefined && !isOperatorKind(b['kind'])) bad('kind', `must be one of ${OPERATOR_KINDS.join(', ')}`);
    if (b['status'] !== undefined && !isDisplayStatus(b['status'])) bad('status', `must be one of ${DISPLAY_STATUSES.join(', ')}`);
    if (b['region'] !== undefined && b['region'] !== principal.region) bad('region', `must be your own region ${principal.region}`);
    if ((b['sampleSize'] === undefined) === (b['sampleRatio'] === undefined)) bad('sampleSize', 'give exactly one of sampleSize and sampleRatio');
    if (b['eventId'] !== undefined && !isUuid(b['eventId'])) bad('eventId', "must be a UUID (the request's idempotency key)");
    if (fields.length > 0) throw new HubError('VALIDATION_FAILED', `invalid draw: ${fields.map((f) => f.path).join(', ')}`, { fields });
    const inspectors = inspectorsOf(principal.unit, lists);
    if (inspectors.length === 0) throw new HubError('VALIDATION_FAILED', `${campaign} lists no inspectors for ${principal.unit}`, { fields: [{ path: 'item', message: `your unit has no inspector list in the draw lists of ${campaign}` }] });
    const filter = { region: principal.region, ...(typeof b['kind'] === 'string' ? { kind: b['kind'] } : {}), ...(typeof b['status'] === 'string' ? { status: b['status'] } : {}) };
    const snapshot = await new OperatorRepository(await this.readModels.sql()).snapshot({ regions: [principal.region], kind: filter.kind ?? null, displayStatus: filter.status ?? null });
    const targets = registerTargets(snapshot.entries, filter);
    const data: DrawCommittedFacts = {
      item: b['item'] as string,
      ...filter,
      ...(b['sampleSize'] !== undefined ? { sampleSize: b['sampleSize'] as number } : { sampleRatio: b['sampleRatio'] as number }),
      inspectorsPerTarget: b['inspectorsPerTarget'] === undefined ? 2 : (b['inspectorsPerTarget'] as number),
      registerSeq: snapshot.registerSeq,
      targets,
      targetsHash: targetsHash(targets),
      inspectors,
      inspectorsHash: inspectorsHash(inspectors),
      algorithm: DRAW_ALGORITHM,
      seedRule: DRAW_SEED_RULE,
    };
    const event = { id: (b['eventId'] as string | undefined) ?? randomUUID(), type: 'draw.committed', subject: `draw/${b['id'] as string}`, time, data };
    // The department service validates (sample fields, inspectorsPerTarget…), decides the lifecycle and signs.
    const outcome = await this.events.submit(principal, principal.department, [event]);
    const [result] = outcome.body.results;
    if (outcome.status !== 201 || result === undefined || 'error' in result) {
      const error = result !== undefined && 'error' in result ? result.error : { code: outcome.body.code ?? 'SERVICE_UNAVAILABLE', message: outcome.body.message ?? 'not stored' };
      throw new HubError(error.code as never, error.message, { fields: outcome.body.fields ?? [] });
    }
    const drawRef = `${principal.unit}/draw/${b['id'] as string}`;
    return { id: drawIdOfRef(drawRef), drawRef, campaign, seq: result.seq, duplicate: result.duplicate, targetCount: targets.length };
  }

  /**
   * GET /api/v1/draws/items: the spot-check items of one campaign's draw lists (none: the campaign takes no draws), and
   * whether a draw committed now would belong to it (`openNow`: the page offers the form only then).
   */
  items(query: Query): { campaign: string; drawLists: boolean; openNow: boolean; items: { id: string; level: 'key' | 'general'; label: string; basis: string }[] } {
    const read = new QueryReader(query, ['campaign']);
    const campaign = read.campaign().id;
    read.done();
    const lists = drawListsOf(campaign);
    return { campaign, drawLists: lists !== undefined, openNow: campaignOfDraw(new Date().toISOString()) === campaign, items: lists?.items ?? [] };
  }

  /** The draws in scope of one campaign (`?campaign=`, default the current): those whose commit's time falls in it. */
  async list(principal: Principal, query: Query = {}): Promise<{ campaign: string; total: number; items: DrawItemView[] }> {
    const scope = scopeOf(principal);
    const read = new QueryReader(query, ['campaign']);
    const campaign = read.campaign().id;
    read.done();
    const items = (await this.views()).filter((d) => d.campaign === campaign && coversUnit(scope, d.unit));
    return { campaign, total: items.length, items };
  }

  async get(principal: Principal, id: string): Promise<DrawItemView> {
    const scope = scopeOf(principal); // staff: 403 before anything about the id is said
    const drawRef = this.refOf(principal, id);
    const view = (await this.views()).find((d) => d.drawRef === drawRef);
    if (view === undefined || !coversUnit(scope, view.unit)) throw new HubError('NOT_FOUND', `no draw ${id} in your scope`);
    return view;
  }

  /** Recomputes the draw from the archived log: snapshot against the register as of registerSeq, seed, selection. */
  async verify(principal: Principal, id: string): Promise<DrawVerification & { id: string; drawRef: string }> {
    const view = await this.get(principal, id);
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const draws = await archive.ofTypesUpTo(DRAW_TYPES);
    const committed = draws.find((a) => a.type === 'draw.committed' && `${a.source}/${hubEventOf(a).subject}` === view.drawRef);
    if (committed === undefined) throw new HubError('NOT_FOUND', `no draw ${id}`);
    const revealed = draws.find((a) => a.type === 'draw.revealed' && a.data['drawRef'] === view.drawRef);
    const operatorEvents = (await archive.ofTypesUpTo(OPERATOR_TYPES, view.registerSeq)).map(logged);
    const file = this.config.keyRegistryFile;
    if (!file) throw new HubError('SERVICE_UNAVAILABLE', 'no key registry configured (HUB_KEY_REGISTRY): the joint signature cannot be verified');
    const result = verifyLoggedDraw({ committed: logged(committed), ...(revealed ? { revealed: logged(revealed) } : {}), operatorEvents }, await loadKeyRegistry(file));
    return { id: view.id, drawRef: view.drawRef, ...result };
  }

  /** 公示: every draw in scope with its items, operators drawn and inspectors, person names masked. */
  async publication(principal: Principal, query: Query = {}): Promise<{ campaign: string; generatedAt: string; items: (DrawItemView & { results: { targetKind: string; count: number; recordedAt: string }[] })[] }> {
    const { campaign, items } = await this.list(principal, query);
    // The inspection results recorded against each draw (inspection.recorded with the unit's own drawId).
    const inspections = await new EventArchiveRepository(await this.readModels.sql()).ofTypesUpTo(['inspection.recorded']);
    const resultsOf = (d: DrawItemView): { targetKind: string; count: number; recordedAt: string }[] =>
      inspections
        .filter((a) => a.source === d.unit && `${a.source}/draw/${String(a.data['drawId'])}` === d.drawRef)
        .map((a) => ({ targetKind: String(a.data['targetKind']), count: Number(a.data['count']), recordedAt: a.recordedAt }));
    const masked = items.map((d) => ({
      ...d,
      results: resultsOf(d),
      ...(d.selected ? { selected: d.selected.map((s) => ({ operator: s.operator, inspectors: s.inspectors.map((i) => ({ id: i.id, name: maskPersonName(i.name) })) })) } : {}),
      // A declared conflict's reason is personal (亲属、任职): the publication says only that the inspector withdrew.
      ...(d.skipped ? { skipped: d.skipped.map((s) => ({ ...s, name: maskPersonName(s.name), reason: '回避' })) } : {}),
    }));
    return { campaign, generatedAt: new Date().toISOString(), items: masked };
  }

  /** The publication as JSON, or as the CSV a unit publishes (公示); `format` other than json/csv is a 400 naming it. */
  async publicationDocument(principal: Principal, query: Record<string, unknown>): Promise<{ format: 'json'; body: unknown } | { format: 'csv'; body: string; fileName: string }> {
    const read = new QueryReader(query, ['format', 'campaign']);
    const format = read.oneOf('format', ['json', 'csv'] as const) ?? 'json';
    read.campaign();
    read.done();
    const publication = await this.publication(principal, query['campaign'] === undefined ? {} : { campaign: query['campaign'] });
    if (format === 'json') return { format, body: publication };
    const stamp = publication.generatedAt.slice(0, 10);
    return { format, body: renderDrawPublicationCsv(publication.items, unitLabel), fileName: `draws-publication-${stamp}.csv` };
  }

  private refOf(principal: Principal, id: string): string {
    const qualified = drawRefOfId(id);
    if (qualified !== undefined) return qualified;
    if (principal.kind === 'unit' && isAggregateId(id)) return `${principal.unit}/draw/${id}`;
    throw new HubError('VALIDATION_FAILED', `draw id ${id} must be <department>-<region>-draw-<id>, e.g. samr-653100-draw-D-1`, { fields: [{ path: 'id', message: 'must be <department>-<region>-draw-<id>' }] });
  }

  private async views(): Promise<DrawItemView[]> {
    const archive = new EventArchiveRepository(await this.readModels.sql());
    const events = await archive.ofTypesUpTo(DRAW_TYPES);
    const reveals = new Map(events.filter((a) => a.type === 'draw.revealed').map((a) => [a.data['drawRef'] as string, a] as const));
    // Each draw's item is labelled by the draw lists of its own campaign.
    const labelOf = (campaign: string, item: string): string => drawListsOf(campaign)?.items.find((i) => i.id === item)?.label ?? item;
    return events
      .filter((a) => a.type === 'draw.committed')
      .map((a) => {
        const c = a.data as unknown as DrawCommittedFacts;
        const drawRef = `${a.source}/${hubEventOf(a).subject}`;
        const names = new Map(c.inspectors.map((i) => [i.id, i.name] as const));
        const reveal = reveals.get(drawRef);
        const r = reveal?.data as DrawRevealedFacts | undefined;
        const campaign = campaignOfDraw(a.time);
        return {
          id: drawIdOfRef(drawRef),
          drawRef,
          unit: a.source,
          campaign,
          status: reveal ? 'revealed' : 'committed',
          committedAt: a.recordedAt,
          commitSeq: a.seq,
          commitHash: a.hash,
          item: c.item,
          itemLabel: labelOf(campaign, c.item),
          region: c.region,
          ...(c.kind ? { kind: c.kind } : {}),
          ...(c.status ? { status_filter: c.status } : {}),
          ...(c.sampleSize !== undefined ? { sampleSize: c.sampleSize } : {}),
          ...(c.sampleRatio !== undefined ? { sampleRatio: c.sampleRatio } : {}),
          inspectorsPerTarget: c.inspectorsPerTarget,
          registerSeq: c.registerSeq,
          targetCount: c.targets.length,
          targetsHash: c.targetsHash,
          inspectorsHash: c.inspectorsHash,
          algorithm: c.algorithm,
          seedRule: c.seedRule,
          ...(reveal && r
            ? {
                revealedAt: reveal.recordedAt,
                seed: r.seed,
                selected: r.selected.map((s) => ({ operator: s.operator, inspectors: s.inspectors.map((i) => ({ id: i, name: names.get(i) ?? i })) })),
                skipped: r.skipped.map((s) => ({ ...s, name: names.get(s.inspector) ?? s.inspector })),
              }
            : {}),
        } satisfies DrawItemView;
      });
  }
}
