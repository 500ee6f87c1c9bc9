import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, RequestHandler, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticator.js';
import { operationRefusal, type OperationMarks } from '../auth/auth.guard.js';
import type { HubErrorFilter } from '../common/hub-error.filter.js';
import { answerOf, type EventsService } from '../events/events.service.js';
import { jsonAnswerFor, type JsonAnswer } from './json-answer.js';
import { refuse } from './refuse.js';

/** The events route as Nest registers it (`@Controller('api/v1/departments')` + `@Post(':dept/events')`): what the access log names. */
export const EVENTS_ROUTE = '/api/v1/departments/:dept/events';
const EVENTS_PATH = /^\/api\/v1\/departments\/([^/?#]+)\/events$/;
/** What express.json() would parse without converting: JSON, in UTF-8 (its default and the only charset sent in practice). */
const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

export interface LeanEventsRouteParts {
  express: Express;
  /** Replayed on every answer: what securityHeaders() sets (recordedHeaders). */
  securityHeaders: readonly (readonly [string, string | string[]])[];
  /** The very handlers the Express stack runs for /api/v1: the same access log and the same per-principal limits. */
  accessLog: RequestHandler;
  authenticateFirst: RequestHandler;
  maxBodyBytes: number;
  /** The route's marks as BearerAuthGuard reads them off EventsController.submit. */
  marks: OperationMarks;
  events: EventsService;
  errors: HubErrorFilter;
}

/**
 * POST /api/v1/departments/:dept/events without Express's router, helmet's per-request closures, body-parser and
 * Nest's execution context, which together were ~20% of the gateway's CPU for a single-event request. It runs the
 * same steps in the same order as the full stack — security headers, access log, authentication and the
 * principal's limits (the same handler instances), the body limit before and while reading, the
 * guard's rule, EventsService (which forwards the body unread: the department service parses it, strictly as
 * body-parser does, and validates it), HubErrorFilter — and answers with the same statuses, headers and bodies (the ETag
 * included, computed as Express does for every body though it means nothing on a POST: dropping it would change
 * what clients see; the answer is written as `response.json` writes it, without its per-call look-ups: jsonAnswerFor). Requests it is not sure to treat
 * the same way go to Express untouched: another method or path spelling, a query string, another content type
 * or charset, a compressed body, no body.
 */
export class LeanEventsRoute {
  private readonly answerJson: JsonAnswer;

  constructor(private readonly parts: LeanEventsRouteParts) {
    this.answerJson = jsonAnswerFor(parts.express);
  }

  /** The department named by the path when the request is one this route serves, else undefined (Express serves it). */
  departmentOf(request: IncomingMessage): string | undefined {
    if (request.method !== 'POST') return undefined;
    const match = EVENTS_PATH.exec(request.url ?? '');
    const { headers } = request;
    if (!match?.[1] || headers['content-encoding'] !== undefined || !PLAIN_JSON.test(headers['content-type'] ?? '')) return undefined;
    if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) return undefined;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return undefined; // Express answers a malformed escape its own way
    }
  }

  serve(incoming: IncomingMessage, outgoing: ServerResponse, department: string): void {
    const { express } = this.parts;
    // What Express's app.handle does first, so the shared handlers see the request and response they expect.
    const request = incoming as AuthenticatedRequest & { route?: { path: string } };
    const response = outgoing as Response;
    // A server made with oneMapClasses made them with Express's prototypes already; otherwise every property the
    // handlers add is made before the prototypes change (ownPropertiesFirst).
    const switched = Object.getPrototypeOf(request) !== express.request || Object.getPrototypeOf(response) !== express.response;
    if (switched) {
      ownPropertiesFirst(request, LATER_REQUEST_PROPERTIES);
      ownPropertiesFirst(response, LATER_RESPONSE_PROPERTIES);
    }
    request.res = response;
    response.req = request;
    response.locals = Object.create(null) as Response['locals'];
    request.originalUrl = request.url;
    request.baseUrl = '';
    request.route = { path: EVENTS_ROUTE };
    if (switched) {
      Object.setPrototypeOf(request, express.request);
      Object.setPrototypeOf(response, express.response);
    }
    for (const [name, value] of this.parts.securityHeaders) response.setHeader(name, value);
    this.parts.accessLog(request, response, () => {
      this.parts.authenticateFirst(request, response, () => this.readBody(request, response, department));
    });
  }

  /** jsonBodyWhereTaken's limits and answers: 413 from Content-Length before a byte is read, 413 past the limit. */
  private readBody(request: AuthenticatedRequest, response: Response, department: string): void {
    const limit = this.parts.maxBodyBytes;
    const tooLarge = (): void => refuse(request, response, 413, { code: 'BATCH_TOO_LARGE', message: `request body too large (limit ${limit} bytes)` });
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      tooLarge();
    };
    // Not parsed here: the department service reads the body once (a body that is not JSON gets its 400 there).
    const onEnd = (): void => void this.submit(request, response, department, Buffer.concat(chunks, size));
    request.on('data', onData);
    request.on('end', onEnd);
  }

  /** BearerAuthGuard's rule, then what EventsController does; failures answered by HubErrorFilter. */
  private async submit(request: AuthenticatedRequest, response: Response, department: string, body: Buffer): Promise<void> {
    try {
      const { principal } = request;
      if (!principal) throw new Error('the lean events route ran without a principal'); // authenticateFirst sets it or answers
      const refusal = operationRefusal(principal, request.method, this.parts.marks);
      if (refusal) throw refusal;
      const answer = answerOf(await this.parts.events.submitBody(principal, department, body));
      if (answer.retryAfter !== undefined) response.setHeader('Retry-After', answer.retryAfter);
      this.answerJson(response, answer.status, answer.body);
    } catch (error) {
      this.parts.errors.respond(error, response);
    }
  }
}

/**
 * What the route and its handlers add to the request and the response once serve() has begun: serve itself
 * (res, originalUrl, baseUrl, route; locals), parseurl's cache behind `request.path` (_parsedUrl),
 * authenticateFirst (principal), the body (body), the first listener (_eventsCount, inherited until then), the
 * access log's counting write and end, and the status line (statusCode, statusMessage, inherited until written).
 */
const LATER_REQUEST_PROPERTIES = ['res', 'originalUrl', 'baseUrl', 'route', '_parsedUrl', 'principal', 'sessionTokenHash', 'csrfToken', '_eventsCount', 'body'] as const;
const LATER_RESPONSE_PROPERTIES = ['locals', 'write', 'end', 'statusCode', 'statusMessage'] as const;

/**
 * Makes each of `names` an own property holding what `object` reads for it now (its inherited value, or
 * undefined): nothing reads differently. Why: V8 gives an object whose prototype was changed a map of its own, so
 * every property added afterwards builds yet another map for that one object (~4–6 µs each, measured in node 20,
 * and every property access that meets these objects turns megamorphic). Properties that exist before
 * Object.setPrototypeOf keep the shared maps. Express's own app.handle pays this on every request it serves.
 */
function ownPropertiesFirst(object: object, names: readonly string[]): void {
  const record = object as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    record[name] = value;
  }
}

/** Puts `route` in front of the Express app on the server's 'request' event; everything it does not serve goes to Express as before. */
export function serveLeanFirst(server: { listeners(event: 'request'): unknown[]; removeAllListeners(event: 'request'): unknown; on(event: 'request', listener: (request: IncomingMessage, response: ServerResponse) => void): unknown }, route: LeanEventsRoute): void {
  const [express, ...others] = server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  if (!express || others.length > 0) throw new Error(`expected the Express app as the server's only request listener, found ${others.length + (express ? 1 : 0)}`);
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    const department = route.departmentOf(request);
    if (department === undefined) express(request, response);
    else route.serve(request, response, department);
  });
}
