import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHUNK_EVENTS, HubError, isFailedResult, isQuotaCode, mayHoldReferralAnswer, notJsonError, parseJsonBody, secondsToNextDay, submitInChunks, validateIntake, type EventResult, type FieldError, type IntakeItem, type IntakeReply } from '@hub/domain';
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

  /** A body the gateway has parsed (the Express stack's routes, the draws route): forwarded as JSON text. */
  async submit(principal: Principal, department: string, body: unknown): Promise<SubmissionOutcome> {
    admit(principal, department);
    const text = JSON.stringify(body) as string | undefined;
    // No JSON text for it (no body parsed: another content type): validated here, as before, and answered 400.
    if (text === undefined) return this.submitHere(principal, department, body);
    return this.forward(principal, department, Buffer.from(text), body);
  }

  /**
   * A request body as the client sent it (the lean events route): forwarded to the department service unread,
   * which parses and validates it once (the trust boundary) and answers a body that is not JSON, or an event that
   * is invalid, with the same error the gateway gave (`fields` naming each path, nothing stored). The gateway needs
   * nothing from the body to route: the department is the path's and must be the caller's, the unit is the caller's.
   */
  async submitBody(principal: Principal, department: string, bytes: Buffer): Promise<SubmissionOutcome> {
    admit(principal, department);
    return this.forward(principal, department, bytes, UNREAD);
  }

  private async forward(principal: Principal & { kind: 'unit' }, department: string, bytes: Buffer, read: unknown): Promise<SubmissionOutcome> {
    let body = read;
    let text = bytes;
    // A referral answer naming only the id gets its sender filled in here, from the read models; who may answer is
    // the department's call. Only a body that may hold one is read for it.
    if (mayHoldReferralAnswer(text)) {
      body = body === UNREAD ? parsed(text) : body;
      const completed = await this.referrals.resolveSenders(principal.unit, body);
      if (completed !== body) {
        body = completed;
        text = Buffer.from(JSON.stringify(completed));
      }
    }
    let reply;
    try {
      reply = await this.intake.submitBody(department, { unit: principal.unit, ...(principal.actor === undefined ? {} : { actor: principal.actor }) }, text, this.chunksAtMost(text.length));
    } catch (error) {
      // The department could not be asked: a body it would refuse still gets its 400 naming the fields (read and
      // validated here, only on this path), so a bad input is not answered "retry later".
      if (error instanceof HubError && error.code === 'SERVICE_UNAVAILABLE') this.validated(principal.unit, body === UNREAD ? parsed(text) : body);
      throw error;
    }
    // Larger than one NATS message: chunked here, as before.
    if (reply === undefined) return this.submitHere(principal, department, body === UNREAD ? parsed(text) : body);
    return this.outcomeOf(reply);
  }

  /** `body`'s events, or the 400 the department would answer for it thrown (flags, warning lists and remarks, are the department's to make). */
  private validated(unit: string, body: unknown): IntakeItem[] {
    const validation = validateIntake(body, unit, { maxBatch: this.config.maxBatch, flags: false });
    if (!validation.ok) throw new HubError(validation.error.code, validation.error.message, { fields: validation.error.fields ?? [] });
    return validation.items;
  }

  /**
   * Validated here and sent in chunks of JSON packets (each validated again by the department): a body too large
   * for one NATS message, or one that has no JSON text. The gateway validates first so that a bad event in a later
   * chunk stores nothing of the earlier ones.
   */
  private async submitHere(principal: Principal & { kind: 'unit' }, department: string, body: unknown): Promise<SubmissionOutcome> {
    const submitted = await this.referrals.resolveSenders(principal.unit, body);
    const events = this.validated(principal.unit, submitted).map((item) => item.command);
    const batch = Array.isArray(body);
    const actor = principal.actor === undefined ? {} : { actor: principal.actor };
    const reply = await submitInChunks(events, chunkEvents(events), async (chunk, offset) => {
      const answer = await this.intake.submit(department, { unit: principal.unit, events: chunk, ...actor });
      // The department saw one chunk, always an array: its paths are made relative to the whole submission.
      return answer.ok ? answer : { ok: false, error: relativeToSubmission(answer.error, offset, batch) };
    });
    return this.outcomeOf(reply);
  }

  /**
   * At most how many chunks the department runs for a body of `bytes` (a chunk is CHUNK_EVENTS events, each at
   * least MIN_EVENT_BYTES): the intake timeout is per chunk, as it was when the gateway sent each chunk itself.
   */
  private chunksAtMost(bytes: number): number {
    return Math.max(1, Math.min(Math.ceil(this.config.maxBatch / CHUNK_EVENTS), Math.ceil(bytes / (CHUNK_EVENTS * MIN_EVENT_BYTES))));
  }

  /** The department's answer as the client gets it: results with a status, or a refusal thrown for HubErrorFilter. */
  private outcomeOf(reply: IntakeReply): SubmissionOutcome {
    if (reply.ok) return outcomeOf(reply.results.map((result) => this.withoutInternals(result)));
    const { code, message, fields, quota, retryAfterSeconds } = reply.error;
    // A rule refused a later chunk: the earlier chunks are stored, and the answer says so.
    if (reply.results) {
      return {
        status: httpStatusOf(code),
        body: { code, message, ...(fields ? { fields } : {}), results: reply.results.map((result) => this.withoutInternals(result)) },
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      };
    }
    throw new HubError(code, message, { ...(fields ? { fields } : {}), ...(quota ? { quota } : {}), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
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

/** A chunk's refusal with paths relative to the whole submission (the department saw one chunk, always an array). */
function relativeToSubmission(error: IntakeError, offset: number, batch: boolean): IntakeError {
  return error.fields ? { ...error, fields: error.fields.map((field) => ({ ...field, path: pathInSubmission(field.path, { offset, batch }) })) } : error;
}

/** What marks a body not read at the gateway. */
const UNREAD: unique symbol = Symbol('unread');

/** The shortest a valid event's JSON can be (an id, a type, a subject, an ISO time and data): bounds a body's chunks. */
const MIN_EVENT_BYTES = 64;

/** Only a reporting unit submits, and only as its own department. */
function admit(principal: Principal, department: string): asserts principal is Principal & { kind: 'unit' } {
  if (principal.kind !== 'unit') throw new HubError('FORBIDDEN', `a ${principal.kind} token cannot submit events`);
  if (principal.department !== department) {
    throw new HubError('FORBIDDEN', `unit ${principal.unit} cannot submit as department ${department}`);
  }
}

/** A body the gateway must read after all (a referral answer to complete, a body too large for one message). */
function parsed(bytes: Buffer): unknown {
  const body = parseJsonBody(bytes);
  if (!body.ok) {
    const { code, message, fields } = notJsonError(body.message);
    throw new HubError(code, message, { fields });
  }
  return body.value;
}
