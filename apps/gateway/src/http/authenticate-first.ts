import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { principalLabel, type Principal } from '../auth/principal.js';
import type { TokenRegistry } from '../auth/token-registry.js';
import type { PrincipalLimits } from './principal-limits.js';
import { refuse } from './refuse.js';

type AuthenticatedRequest = Request & { principal?: Principal };

/** The live feed is long-lived by design: it counts against the rate, and against its own cap (LiveService), not against requests in flight. */
const LONG_LIVED = new Set(['/live']);

/**
 * Runs on every /api/v1 request before anything reads its body: no known bearer token → 401 at once,
 * and the connection is closed rather than drained, so an anonymous 60 MB upload costs nothing. Then the
 * principal's rate and concurrency limits (429 with Retry-After). BearerAuthGuard still decides per route
 * (auditors read-only); this only makes sure nobody unknown gets further than the headers.
 */
export function authenticateFirst(tokens: TokenRegistry, limits: PrincipalLimits): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const principal = match?.[1] ? tokens.resolve(match[1]) : undefined;
    if (!principal) {
      const message = match ? 'unknown bearer token' : 'missing bearer token (Authorization: Bearer <token>)';
      refuse(request, response, 401, { code: 'UNAUTHENTICATED', message });
      return;
    }
    (request as AuthenticatedRequest).principal = principal;
    const admission = limits.admit(principalLabel(principal));
    if (!admission.ok) {
      response.setHeader('Retry-After', String(admission.retryAfterSeconds));
      const what = admission.reason === 'rate' ? `more than ${limits.limits.ratePerSecond} requests per second` : `more than ${limits.limits.concurrency} requests at once`;
      refuse(request, response, 429, { code: 'RATE_LIMITED', message: `too many requests: ${what}; retry after ${admission.retryAfterSeconds} s`, retryAfterSeconds: admission.retryAfterSeconds });
      return;
    }
    if (LONG_LIVED.has(request.path)) admission.release();
    else {
      response.once('finish', admission.release);
      response.once('close', admission.release);
    }
    next();
  };
}
