import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { refuse } from './refuse.js';

/**
 * The only routes that take a body. Everywhere else a body is never read (and never buffered): a route
 * added later gets a parser only by being listed here, after authentication (authenticateFirst runs first).
 */
export const BODY_ROUTES: readonly { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/api\/v1\/departments\/[^/]+\/events$/ },
  { method: 'POST', path: /^\/api\/v1\/clusters\/[^/]+\/(link|unlink)$/ },
];

const takesBody = (request: Request): boolean => BODY_ROUTES.some((route) => route.method === request.method && route.path.test(request.path));

/** JSON bodies up to `limit` bytes on BODY_ROUTES only; 413 beyond, 400 for bad JSON. */
export function jsonBodyWhereTaken(limit: number): RequestHandler {
  const parse = express.json({ limit });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!takesBody(request)) {
      next();
      return;
    }
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
