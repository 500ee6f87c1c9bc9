import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ANSWER_RULE_STATUS, HubError, LIFECYCLE_CODES, REFERRAL_RULE_STATUS, type HubErrorCode, type LifecycleCode } from '@hub/domain';
import type { Response } from 'express';

// An illegal lifecycle transition contradicts what the aggregate recorded: a conflict, like a version.
const LIFECYCLE_STATUS = Object.fromEntries(LIFECYCLE_CODES.map((code) => [code, HttpStatus.CONFLICT])) as Record<LifecycleCode, number>;

const STATUS_BY_CODE: Record<HubErrorCode, number> = {
  ...LIFECYCLE_STATUS,
  ...REFERRAL_RULE_STATUS,
  ...ANSWER_RULE_STATUS,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  BATCH_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  SKIPPED: HttpStatus.CONFLICT,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  // A unit's quota: the day's events (retry after local midnight) or its stored bytes (no retry helps).
  QUOTA_EVENTS_PER_DAY: HttpStatus.TOO_MANY_REQUESTS,
  QUOTA_STORED_BYTES: HttpStatus.INSUFFICIENT_STORAGE,
  UNITS_ONLY: HttpStatus.FORBIDDEN,
};

/**
 * What a client is told for a failure inside the hub: the code and a fixed sentence. The original message
 * (a PostgreSQL or NATS error, a host name, a file path) goes to the log only.
 */
const PUBLIC_MESSAGES: Partial<Record<HubErrorCode, string>> = {
  SERVICE_UNAVAILABLE: 'a hub service is unavailable; retry later (with the same ids: nothing is stored twice)',
};

/** PostgreSQL's SQLSTATE for a statement cancelled (here: by statement_timeout). */
const QUERY_CANCELED = '57014';

export const httpStatusOf = (code: HubErrorCode): number => STATUS_BY_CODE[code];

/** The HTTP edge: hub error codes become statuses; the body always carries the code. */
@Catch()
export class HubErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HubErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(exception, host.switchToHttp().getResponse<Response>());
  }

  /** The answer to a failure on `response` (also the lean events route's, which Nest's pipeline does not run). */
  respond(exception: unknown, response: Response): void {
    if (exception instanceof HubError) {
      const statusCode = httpStatusOf(exception.code);
      const publicMessage = PUBLIC_MESSAGES[exception.code];
      if (publicMessage !== undefined) this.logger.warn(`${exception.code}: ${exception.message}`);
      const retryAfter = exception.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
      response.status(statusCode).json({ statusCode, ...exception.toJSON(), ...(publicMessage !== undefined ? { message: publicMessage } : {}) });
      return;
    }
    // Nest wraps body-parser failures in an HttpException whose cause is the original error.
    const bodyParserError = ((exception as { cause?: unknown }).cause ?? exception) as { type?: string; message?: string };
    if (bodyParserError.type === 'entity.too.large') {
      response.status(413).json({ statusCode: 413, code: 'BATCH_TOO_LARGE', message: 'request body too large' });
      return;
    }
    if (bodyParserError.type === 'entity.parse.failed') {
      response.status(400).json({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'request body is not valid JSON',
        fields: [{ path: '(body)', message: `not valid JSON: ${bodyParserError.message ?? ''}` }],
      });
      return;
    }
    // PostgreSQL cancelled a read at the gateway's statement_timeout: a bounded heavy read, not a bug.
    if ((exception as { code?: unknown }).code === QUERY_CANCELED) {
      this.logger.warn(`a read was cancelled at statement_timeout: ${(exception as Error).message}`);
      response.status(503).json({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'the read took too long and was cancelled; narrow it (scope, period, limit) or retry later' });
      return;
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      response.status(statusCode).json({ statusCode, code: statusCode === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', message: exception.message });
      return;
    }
    this.logger.error(exception);
    response.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
  }
}
