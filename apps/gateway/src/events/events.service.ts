import { Inject, Injectable, Logger } from '@nestjs/common';
import { HubError, isAnswerRuleCode, isFailedResult, isLifecycleCode, isQuotaCode, isReferralRuleCode, secondsToNextDay, validateIntake, type EventResult, type FieldError, type IntakeReply } from '@hub/domain';
import type { Principal } from '../auth/principal.js';
import { GATEWAY_CONFIG } from '../tokens.js';
import type { GatewayConfig } from '../gateway.config.js';
import { ReferralDirectory } from '../referrals/referral-directory.js';
import { IntakeClient } from './intake.client.js';
import { chunkEvents } from './chunk-events.js';
import { httpStatusOf } from '../common/hub-error.filter.js';

export interface SubmissionOutcome {
  /** 201, 409 (conflict or rule), 429 / 507 (a quota refused a later chunk or a concurrent event), 503. */
  status: number;
  body: { results: EventResult[]; code?: string; message?: string; conflicts?: unknown[]; fields?: FieldError[] };
  /** Seconds, when a per-day quota refused part of the submission. */
  retryAfterSeconds?: number;
}

/** What the events route answers for an outcome: its status, `Retry-After` when a quota says when, and the JSON body. */
export function answerOf(outcome: SubmissionOutcome): { status: number; retryAfter?: string; body: unknown } {
  return {
    status: outcome.status,
    ...(outcome.retryAfterSeconds === undefined ? {} : { retryAfter: String(outcome.retryAfterSeconds) }),
    body: outcome.status === 201 ? outcome.body : { statusCode: outcome.status, ...outcome.body },
  };
}

/** Submissions from reporting units: who may submit, validation, and forwarding in chunks. */
@Injectable()
export class EventsService {
  private readonly logger = new Logger('Events');

  constructor(
    @Inject(IntakeClient) private readonly intake: IntakeClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ReferralDirectory) private readonly referrals: ReferralDirectory,
  ) {}

  async submit(principal: Principal, department: string, body: unknown): Promise<SubmissionOutcome> {
    if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', `a ${principal.kind} token cannot submit events`);
    if (principal.department !== department) {
      throw new HubError('FORBIDDEN', `unit ${principal.unit} cannot submit as department ${department}`);
    }
    // A referral answer naming only the id gets its sender filled in; who may answer is the department's call.
    const submitted = await this.referrals.resolveSenders(principal.unit, body);
    // Flags (warning lists, remarks) are the department's to make: here only what would be refused.
    const validation = validateIntake(submitted, principal.unit, { maxBatch: this.config.maxBatch, flags: false });
    if (!validation.ok) throw new HubError(validation.error.code, validation.error.message, { fields: validation.error.fields ?? [] });

    const events = validation.items.map((item) => item.command);
    const results: EventResult[] = [];
    for (const chunk of chunkEvents(events)) {
      // Chunks go one after another so events of one aggregate keep their submitted order.
      const reply = await this.intake.submit(department, { unit: principal.unit, events: chunk, ...(principal.actor === undefined ? {} : { actor: principal.actor }) });
      if (!reply.ok) {
        const refusal = refusalOf(reply.error, results.length, Array.isArray(body));
        // A lifecycle rule, a referral or answer rule or a quota refused a later chunk: the earlier chunks are stored, and the answer says so.
        if (results.length > 0 && (isLifecycleCode(reply.error.code) || isReferralRuleCode(reply.error.code) || isAnswerRuleCode(reply.error.code) || isQuotaCode(reply.error.code))) return refusedAfter(results, events, refusal);
        throw refusal;
      }
      results.push(...reply.results.map((result) => this.withoutInternals(result)));
      if (reply.results.some((r) => isFailedResult(r) && r.error.code === 'SERVICE_UNAVAILABLE')) break;
    }
    for (let i = results.length; i < events.length; i += 1) {
      const event = events[i];
      if (event) results.push({ id: event.id, subject: event.subject, error: { code: 'SERVICE_UNAVAILABLE', message: 'not sent: an earlier chunk failed' } });
    }
    return outcomeOf(results);
  }

  /** A per-event SERVICE_UNAVAILABLE carries the department's JetStream error: logged here, a fixed sentence for the client. */
  private withoutInternals(result: EventResult): EventResult {
    if (!isFailedResult(result) || result.error.code !== 'SERVICE_UNAVAILABLE') return result;
    this.logger.warn(`${result.subject} ${result.id}: ${result.error.message}`);
    return { ...result, error: { ...result.error, message: 'outcome unknown: retry with the same id (it is never stored twice)' } };
  }
}

function outcomeOf(results: EventResult[]): SubmissionOutcome {
  const failed = results.filter(isFailedResult);
  if (failed.some((r) => r.error.code === 'SERVICE_UNAVAILABLE')) {
    return { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'some events were not stored; retry them with the same ids', results } };
  }
  // A concurrent submission of the same unit used the quota up between the batch check and an event.
  const overQuota = failed.find((r) => isQuotaCode(r.error.code));
  if (overQuota) {
    const retry = overQuota.error.code === 'QUOTA_EVENTS_PER_DAY' ? { retryAfterSeconds: secondsToNextDay(new Date()) } : {};
    return { status: httpStatusOf(overQuota.error.code), body: { code: overQuota.error.code, message: overQuota.error.message, results }, ...retry };
  }
  const conflicts = failed.filter((r) => r.error.code === 'VERSION_CONFLICT');
  if (failed.length > 0) {
    return {
      status: 409,
      body: {
        // A version conflict, or else the rule that refused an event (a concurrent submission got there first).
        code: conflicts.length > 0 ? 'VERSION_CONFLICT' : (failed.find((r) => r.error.code !== 'SKIPPED')?.error.code ?? 'VERSION_CONFLICT'),
        message: `${conflicts.length} event(s) conflicted with the stored version, ${failed.length - conflicts.length} other(s) were refused; the results say what was stored`,
        conflicts: conflicts.map((r) => ({ id: r.id, subject: r.subject, expectedVersion: r.error.expectedVersion, currentVersion: r.error.currentVersion })),
        results,
      },
    };
  }
  return { status: 201, body: { results } };
}

/** `[3].data.x` of a chunk starting at `offset` → `[offset + 3].data.x`, or `data.x` when one event was submitted. */
function pathInSubmission(path: string, at: { offset: number; batch: boolean }): string {
  const match = /^\[(\d+)\]\.?/.exec(path);
  if (!match) return path;
  const rest = path.slice(match[0].length);
  return at.batch ? `[${at.offset + Number(match[1])}]${rest === '' ? '' : `.${rest}`}` : rest;
}

type IntakeError = Extract<IntakeReply, { ok: false }>['error'];

/** The department's error with paths relative to the whole submission (it saw one chunk, always an array). */
function refusalOf(error: IntakeError, offset: number, batch: boolean): HubError {
  const fields = error.fields?.map((field) => ({ ...field, path: pathInSubmission(field.path, { offset, batch }) }));
  const { retryAfterSeconds, quota } = error;
  return new HubError(error.code, error.message, { ...(fields ? { fields } : {}), ...(quota ? { quota } : {}), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
}

/** 409 for a lifecycle refusal after earlier chunks were stored: their results, the rest not sent. */
function refusedAfter(results: EventResult[], events: readonly { id: string; subject: string }[], refusal: HubError): SubmissionOutcome {
  const all = [...results];
  for (const event of events.slice(results.length)) all.push({ id: event.id, subject: event.subject, error: { code: 'SKIPPED', message: `not stored: ${refusal.message}` } });
  const { fields, retryAfterSeconds } = refusal.details as { fields?: FieldError[]; retryAfterSeconds?: number };
  return {
    status: httpStatusOf(refusal.code),
    body: { code: refusal.code, message: refusal.message, ...(fields ? { fields } : {}), results: all },
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
