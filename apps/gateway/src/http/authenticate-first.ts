import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HubError } from '@hub/domain';
import type { AuthenticatedRequest, Authenticator } from '../auth/authenticator.js';
import { principalLabel, type Principal } from '../auth/principal.js';
import { isPublicSignOn, takesPublicBody } from './body-routes.js';
import type { PrincipalLimits } from './principal-limits.js';
import { refuse } from './refuse.js';

/** The live feed is long-lived by design: it counts against the rate, and against its own cap (LiveService), not against requests in flight. */
const LONG_LIVED = new Set(['/live']);

/**
 * Runs on every /api/v1 request before anything reads its body: no known bearer key or session → 401 at
 * once (403 for a signed-in write without its CSRF token), and the connection is closed rather than drained,
 * so an anonymous 60 MB upload costs nothing. Then the principal's rate and concurrency limits (429 with
 * Retry-After). BearerAuthGuard still decides per route (auditors read-only); this only makes sure nobody
 * unknown gets further than the headers. Sign-in is the one public route with a body (capped small); single sign-on's GET steps are public too.
 */
export function authenticateFirst(authenticator: Authenticator, limits: PrincipalLimits): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (takesPublicBody(request)) {
      next();
      return;
    }
    if (isPublicSignOn(request)) {
      // Nobody is known yet: the client address stands in for the principal in the limits.
      admit(request, response, next, `anonymous:${request.ip ?? ''}`, limits);
      return;
    }
    const authenticated = (principal: Principal): void => {
      (request as AuthenticatedRequest).principal = principal;
      admit(request, response, next, principalLabel(principal), limits);
    };
    const principal = authenticator.authenticate(request as AuthenticatedRequest);
    // A static key is known at once: the request goes on in this turn, without a promise and its microtask.
    if (!(principal instanceof Promise)) {
      authenticated(principal);
      return;
    }
    void principal.then(
      authenticated,
      (error: unknown) => {
        const known = error instanceof HubError ? error : new HubError('UNAUTHENTICATED', 'could not authenticate');
        refuse(request, response, known.code === 'FORBIDDEN' ? 403 : 401, { code: known.code, message: known.message });
      },
    );
  };
}

/** The principal's rate and concurrency limits (429 with Retry-After), then the route. */
function admit(request: Request, response: Response, next: NextFunction, label: string, limits: PrincipalLimits): void {
  const admission = limits.admit(label);
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
}
