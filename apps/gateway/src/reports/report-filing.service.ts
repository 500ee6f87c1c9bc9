import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ReportFiled } from '@hub/contracts';
import {
  campaignById,
  campaignIds,
  currentCampaign,
  figuresHash,
  filedFigures,
  HubError,
  isAggregateId,
  isSha256,
  isUuid,
  REPORT_SUMMARY_MAX,
  streamSubjectOf,
  validationFailed,
  type CampaignDefinition,
  type FieldError,
} from '@hub/domain';
import { annexFromLog } from '@hub/audit';
import { CaseRepository, EventArchiveRepository, type ArchivedEvent } from '@hub/persistence';
import type { Principal } from '../auth/principal.js';
import { ReadModels } from '../common/read-models.js';
import { EventsService } from '../events/events.service.js';
import type { GatewayConfig } from '../gateway.config.js';
import { GATEWAY_CONFIG, NATS_CONNECTION } from '../tokens.js';
import { AUDIT_JETSTREAM } from '../audit/annex-trace.service.js';

type UnitPrincipal = Extract<Principal, { kind: 'unit' }>;

/** SHA-256 of nothing: the checkpoint hash of an empty log. */
const EMPTY_LOG_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface FilingRequest {
  definition: CampaignDefinition;
  summary: string;
  typicalCaseIds?: string[];
  summaryAttachment?: string;
  jointEnforcementAttachments?: string[];
  jointEnforcementNote?: string;
  id: string;
}

/**
 * A unit files its 12-05 package as one signed fact (issue 17 §2): the hub computes the unit's annex
 * figures from the log up to its current end (the checkpoint: that sequence and the event's hash), hashes
 * them, gathers the typical cases with their decision documents and the report's summary and
 * joint-enforcement attachments, and the unit's department service signs report.submitted. Filing again
 * is the report's next version.
 */
@Injectable()
export class ReportFilingService {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async file(principal: Principal, body: unknown): Promise<ReportFiled> {
    if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', 'only a reporting unit files its report');
    const request = parseRequest(body);
    const campaign = request.definition.id;
    const sql = await this.readModels.sql();
    const archive = new EventArchiveRepository(sql);
    const onReport = await archive.attachmentsOf(streamSubjectOf(principal.unit, `report/${campaign}`));
    const fields: FieldError[] = [];
    const summaryAttachment = pickSummary(onReport, request.summaryAttachment, fields);
    const jointAttachments = pickJoint(onReport, request.jointEnforcementAttachments, fields);
    const typicalCases = await this.typicalCases(principal, campaign, archive, new CaseRepository(sql), request.typicalCaseIds, fields);
    if (fields.length > 0) throw validationFailed(fields);

    const { seq, hash } = await this.checkpoint();
    const annex = await annexFromLog({ js: jetstream(this.nc, AUDIT_JETSTREAM), stream: this.config.stream, toSeq: seq }, request.definition, { kind: 'unit', unit: principal.unit }, {});
    const figures = filedFigures(annex);
    const data = {
      campaign,
      summary: request.summary,
      ...(typicalCases.length > 0 ? { typicalCaseIds: typicalCases.map((c) => c.caseId) } : {}),
      ...(request.jointEnforcementNote ? { jointEnforcementNote: request.jointEnforcementNote } : {}),
      figures,
      figuresHash: figuresHash(figures),
      checkpointSeq: seq,
      checkpointHash: hash,
      typicalCases,
      ...(summaryAttachment ? { summaryAttachment } : {}),
      ...(jointAttachments.length > 0 ? { jointEnforcementAttachments: jointAttachments } : {}),
    };
    const event = { id: request.id, type: 'report.submitted', subject: `report/${campaign}`, time: new Date().toISOString(), data };
    const outcome = await this.events.submit(principal, principal.department, [event]);
    const result = outcome.body.results[0];
    if (outcome.status !== 201 || !result || 'error' in result) {
      const failure = result && 'error' in result ? result.error : { code: outcome.body.code ?? 'SERVICE_UNAVAILABLE', message: outcome.body.message ?? 'not stored' };
      throw new HubError(failure.code as never, failure.message, { fields: outcome.body.fields ?? [] });
    }
    return { unit: principal.unit, version: result.version, seq: result.seq, duplicate: result.duplicate, ...data };
  }

  /** The log's end now: its last sequence and that event's hash (what the figures are computed at). */
  private async checkpoint(): Promise<{ seq: number; hash: string }> {
    const jsm = await jetstreamManager(this.nc, AUDIT_JETSTREAM);
    const seq = (await jsm.streams.info(this.config.stream)).state.last_seq;
    if (seq === 0) return { seq, hash: EMPTY_LOG_HASH };
    const message = await jsm.streams.getMessage(this.config.stream, { seq });
    const hash = (message?.json<{ hash?: unknown }>() ?? {}).hash;
    if (!isSha256(hash)) throw new HubError('SERVICE_UNAVAILABLE', `the log's last message (seq ${seq}) carries no event hash`);
    return { seq, hash };
  }

  /** The named typical cases of the campaign (default: the unit's cases of it marked typical), each with its decision documents. */
  private async typicalCases(
    principal: UnitPrincipal,
    campaign: string,
    archive: EventArchiveRepository,
    cases: CaseRepository,
    named: string[] | undefined,
    fields: FieldError[],
  ): Promise<{ caseId: string; decisions: string[] }[]> {
    const own = (await cases.page({ unit: principal.unit, campaign }, 10_000, 0)).items;
    const ids = named ?? own.filter((c) => c.typical).map((c) => c.caseId);
    const known = new Set(own.map((c) => c.caseId));
    const chosen: { caseId: string; decisions: string[] }[] = [];
    for (const [index, caseId] of ids.entries()) {
      if (!known.has(caseId)) {
        fields.push({ path: `typicalCaseIds[${index}]`, message: `is not a case of ${principal.unit} in ${campaign}` });
        continue;
      }
      const attached = await archive.attachmentsOf(streamSubjectOf(principal.unit, `case/${caseId}`));
      chosen.push({ caseId, decisions: [...new Set(attached.filter((e) => e.data['kind'] === 'decision').map((e) => String(e.data['sha256'])))] });
    }
    return chosen;
  }
}

/** The body's fields, each bad one named. */
function parseRequest(body: unknown): FilingRequest {
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const fields: FieldError[] = [];
  const known = ['campaign', 'summary', 'typicalCaseIds', 'summaryAttachment', 'jointEnforcementAttachments', 'jointEnforcementNote', 'id'];
  for (const key of Object.keys(input)) if (!known.includes(key)) fields.push({ path: key, message: `unknown field: one of ${known.join(', ')}` });
  const definition = input['campaign'] === undefined ? currentCampaign() : typeof input['campaign'] === 'string' ? campaignById(input['campaign']) : undefined;
  if (!definition) fields.push({ path: 'campaign', message: `no campaign ${JSON.stringify(input['campaign'])}: one of ${campaignIds().join(', ')}` });
  const summary = input['summary'];
  if (typeof summary !== 'string' || summary.trim() === '') fields.push({ path: 'summary', message: 'is required: the work summary (工作总结) text' });
  else if (summary.length > REPORT_SUMMARY_MAX) fields.push({ path: 'summary', message: `must be at most ${REPORT_SUMMARY_MAX} characters (got ${summary.length})` });
  const ids = input['typicalCaseIds'];
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((id) => !isAggregateId(id)))) fields.push({ path: 'typicalCaseIds', message: 'must be an array of your case ids' });
  const summaryAttachment = input['summaryAttachment'];
  if (summaryAttachment !== undefined && !isSha256(summaryAttachment)) fields.push({ path: 'summaryAttachment', message: 'must be the SHA-256 of a summary attached to the report' });
  const joint = input['jointEnforcementAttachments'];
  if (joint !== undefined && (!Array.isArray(joint) || joint.some((sha) => !isSha256(sha)))) fields.push({ path: 'jointEnforcementAttachments', message: 'must be an array of SHA-256 of joint-enforcement material attached to the report' });
  const note = input['jointEnforcementNote'];
  if (note !== undefined && (typeof note !== 'string' || note.length > 2_000)) fields.push({ path: 'jointEnforcementNote', message: 'must be text of at most 2000 characters' });
  const id = input['id'];
  if (id !== undefined && !isUuid(id)) fields.push({ path: 'id', message: "must be a UUID (the filing's idempotency key: send the same one when retrying)" });
  if (fields.length > 0) throw validationFailed(fields);
  return {
    definition: definition as CampaignDefinition,
    summary: summary as string,
    ...(ids !== undefined ? { typicalCaseIds: ids as string[] } : {}),
    ...(summaryAttachment !== undefined ? { summaryAttachment: summaryAttachment as string } : {}),
    ...(joint !== undefined ? { jointEnforcementAttachments: joint as string[] } : {}),
    ...(typeof note === 'string' && note.trim() !== '' ? { jointEnforcementNote: note.trim() } : {}),
    id: typeof id === 'string' ? id : randomUUID(),
  };
}

const shaOfKind = (events: readonly ArchivedEvent[], kind: string): string[] => [...new Set(events.filter((e) => e.data['kind'] === kind).map((e) => String(e.data['sha256'])))];

/** The named summary document (it must be attached to the report), or the latest one attached. */
function pickSummary(onReport: readonly ArchivedEvent[], named: string | undefined, fields: FieldError[]): string | undefined {
  const summaries = shaOfKind(onReport, 'summary');
  if (named === undefined) return summaries.at(-1);
  if (!summaries.includes(named)) fields.push({ path: 'summaryAttachment', message: 'is not a summary document attached to your report (attach it first)' });
  return named;
}

/** The named joint-enforcement material (each attached to the report), or all that is attached. */
function pickJoint(onReport: readonly ArchivedEvent[], named: string[] | undefined, fields: FieldError[]): string[] {
  const material = shaOfKind(onReport, 'joint_enforcement');
  if (named === undefined) return material;
  named.forEach((sha, index) => {
    if (!material.includes(sha)) fields.push({ path: `jointEnforcementAttachments[${index}]`, message: 'is not joint-enforcement material attached to your report (attach it first)' });
  });
  return named;
}
