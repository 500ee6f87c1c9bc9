import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isExport, type AccessRecord } from '@hub/domain';
import type { AuthenticatedRequest } from '../auth/authenticator.js';
import { scopeName, scopeOf } from '../auth/scope.js';
import type { AccessLogWriter } from './access-log.writer.js';

/** Query parameters as strings (repeated ones joined), what the log keeps as the request's filters. */
function filtersOf(request: Request): Record<string, string> {
  const filters: Record<string, string> = {};
  // Without a query string there is nothing to parse (Express's req.query runs its parser on every read).
  if (!request.originalUrl.includes('?')) return filters;
  // Express's parser may nest objects (a[b]=c): the log keeps them as JSON rather than "[object Object]".
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  for (const [key, value] of Object.entries(request.query)) filters[key] = Array.isArray(value) ? value.map(text).join(',') : text(value);
  return filters;
}

/**
 * Records every API request when its answer has been sent: who (the principal the edge authenticated),
 * the route pattern, filters, status, bytes and duration. Mounted before authentication so 401s are seen.
 */
export function accessLog(writer: AccessLogWriter): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let bytes = 0;
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    const count = (chunk: unknown): void => {
      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
    };
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return write(chunk, ...rest);
    }) as Response['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') count(chunk);
      return end(chunk, ...rest);
    }) as Response['end'];
    response.once('close', () => {
      const { principal } = request as AuthenticatedRequest;
      const path = request.originalUrl.split('?')[0] ?? request.originalUrl;
      const routePath = (request.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? routePath : path;
      const filters = filtersOf(request);
      let scope: string | null = null;
      if (principal && principal.kind !== 'staff') scope = scopeName(scopeOf(principal));
      // Password sign-in, or single sign-on's return from the provider (its username, when the provider named one).
      const sso = request.method === 'GET' && path === '/api/v1/session/oidc/callback';
      const signIn = (request.method === 'POST' && path === '/api/v1/session') || sso;
      const username = sso ? (response.locals as { signInUsername?: unknown }).signInUsername : (request.body as { username?: unknown } | undefined)?.username;
      const record: AccessRecord = {
        at: new Date().toISOString(),
        actor: principal?.actor ?? null,
        role: principal?.kind ?? null,
        scope,
        method: request.method,
        route,
        filters,
        status: response.statusCode,
        bytes,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1_000,
        export: isExport(path, filters),
        ...(signIn && response.statusCode === 401 ? { signInFailed: { username: typeof username === 'string' ? username.slice(0, 64) : null } } : {}),
        ip: request.ip ?? '',
      };
      writer.append(record);
    });
    next();
  };
}
