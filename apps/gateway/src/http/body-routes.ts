import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { refuse } from './refuse.js';

/**
 * The only routes that take a body. Everywhere else a body is never read (and never buffered): a route
 * added later gets a parser only by being listed here, after authentication (authenticateFirst runs first).
 */
export const BODY_ROUTES: readonly { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/departments\/[^/]+\/events$/ },
  { method: 'POST', path: /^\/api\/v1\/clusters\/[^/]+\/(link|unlink)$/ },
  // A line supervisor returns a filing with a reason.
  { method: 'POST', path: /^\/api\/v1\/readiness\/return$/ },
  // A unit asks the holder of a record for assistance (请求协查).
  { method: 'POST', path: /^\/api\/v1\/entities\/request$/ },
  // A unit files its report package (report.submitted with figures, checkpoint and attachments).
  { method: 'POST', path: /^\/api\/v1\/reports\/file$/ },
  // A unit commits a draw (双随机).
  { method: 'POST', path: /^\/api\/v1\/draws$/ },
  // A unit's verdict on a hit alert (通知).
  { method: 'POST', path: /^\/api\/v1\/notifications\/[^/]+\/feedback$/ },
  // People: accounts and roles (admin), one's own password and TOTP, machine keys (admin).
  { method: 'POST', path: /^\/api\/v1\/accounts(\/[^/]+\/roles(\/revoke)?)?$/ },
  { method: 'POST', path: /^\/api\/v1\/account\/(password|totp|totp\/confirm)$/ },
  { method: 'POST', path: /^\/api\/v1\/api-keys$/ },
];

/** Sign-in: the one route that takes a body before anyone is known, so its body is capped small. */
const SIGN_IN = { method: 'POST', path: /^\/api\/v1\/session$/, limit: 16 * 1024 } as const;

/** Whether the request is the public sign-in (relative to where the API is mounted, or absolute). */
export const takesPublicBody = (request: Request): boolean =>
  request.method === SIGN_IN.method && SIGN_IN.path.test(`${request.baseUrl}${request.path}`);

/**
 * Single sign-on's public steps (no body, GET): whether SSO is offered, the redirect to the identity provider,
 * and the provider's redirect back. They are limited per client address instead of per principal.
 */
const SINGLE_SIGN_ON = /^\/api\/v1\/session\/(sso|oidc|oidc\/callback)$/;

export const isPublicSignOn = (request: Request): boolean => request.method === 'GET' && SINGLE_SIGN_ON.test(`${request.baseUrl}${request.path}`);

const takesBody = (request: Request): boolean => BODY_ROUTES.some((route) => route.method === request.method && route.path.test(request.path));

/** JSON bodies up to `limit` bytes on BODY_ROUTES only (sign-in: SIGN_IN.limit); 413 beyond, 400 for bad JSON. */
export function jsonBodyWhereTaken(routeLimit: number): RequestHandler {
  const parseRoute = express.json({ limit: routeLimit });
  const parseSignIn = express.json({ limit: SIGN_IN.limit });
  return (request: Request, response: Response, next: NextFunction): void => {
    const signIn = takesPublicBody(request);
    if (!signIn && !takesBody(request)) {
      next();
      return;
    }
    const [limit, parse] = signIn ? [SIGN_IN.limit, parseSignIn] : [routeLimit, parseRoute];
    // Told by Content-Length: refuse before a byte is read (the parser would read it all first, then refuse).
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      refuse(request, response, 413, { code: 'BATCH_TOO_LARGE', message: `request body too large (limit ${limit} bytes)` });
      return;
    }
    parse(request, response, (error?: unknown) => {
      const failure = error as { type?: string; message?: string } | undefined;
      if (failure?.type === 'entity.too.large') {
        refuse(request, response, 413, { code: 'BATCH_TOO_LARGE', message: `request body too large (limit ${limit} bytes)` });
        return;
      }
      if (failure?.type === 'entity.parse.failed') {
        refuse(request, response, 400, {
          code: 'VALIDATION_FAILED',
          message: 'request body is not valid JSON',
          fields: [{ path: '(body)', message: `not valid JSON: ${failure.message ?? ''}` }],
        });
        return;
      }
      next(error);
    });
  };
}
