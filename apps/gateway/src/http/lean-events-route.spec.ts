import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { HubError, notJsonError, parseJsonBody, type AccessRecord } from '@hub/domain';
import { accessLog } from '../access/access-log.middleware.js';
import type { AccessLogWriter } from '../access/access-log.writer.js';
import type { AuthenticatedRequest, Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { HubErrorFilter } from '../common/hub-error.filter.js';
import type { EventsService } from '../events/events.service.js';
import { authenticateFirst } from './authenticate-first.js';
import { LeanEventsRoute, serveLeanFirst } from './lean-events-route.js';
import { oneMapClasses } from './one-map-server.js';
import { DEFAULT_LIMITS, PrincipalLimits } from './principal-limits.js';
import { recordedHeaders } from './recorded-headers.js';
import { securityHeaders } from './security-headers.js';

const UNIT: Principal = { kind: 'unit', unit: 'samr/653100', department: 'samr', region: '653100', actor: 'key:static-samr-653100' };

// V8's own answer to "do these two objects have the same map" (natives syntax, allowed from here on for new code).
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = runInThisContext('(a, b) => %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** Own property names (and symbols) of an object, as text. */
const ownKeys = (object: object): string[] => Reflect.ownKeys(object).map(String);

describe.each([
  ['a plain server (serve() switches the prototypes)', false],
  ['a server made with oneMapClasses (born with Express’s prototypes)', true],
])('LeanEventsRoute on %s', (_name, oneMap) => {
  let server: Server;
  const records: AccessRecord[] = [];
  /** Per request served: the own properties of request and response when serve() returned, and when the answer closed. */
  const seen: { served: [string[], string[]]; closed: [string[], string[]]; prototypes: boolean; objects: [object, object] }[] = [];

  beforeAll(async () => {
    const app = express();
    app.disable('x-powered-by');
    const headers = securityHeaders({ tls: false });
    const authenticator = { authenticate: (request: AuthenticatedRequest) => Promise.resolve(request.headers.authorization === 'Bearer unit' ? UNIT : Promise.reject(new Error('unknown'))) } as unknown as Authenticator;
    // What the department answers for a forwarded body: its results, or the 400 for a body that is not JSON.
    const submitBody = (_principal: Principal, _department: string, bytes: Buffer): Promise<unknown> => {
      const body = parseJsonBody(bytes);
      if (!body.ok) return Promise.reject(new HubError('VALIDATION_FAILED', notJsonError(body.message).message, { fields: notJsonError(body.message).fields }));
      return Promise.resolve({ status: 201, body: { results: [{ id: (body.value as { id: string }).id, subject: 'lead/L-1', version: 1, seq: 1, duplicate: false }] } });
    };
    const events = { submitBody } as unknown as EventsService;
    const route = new LeanEventsRoute({
      express: app,
      securityHeaders: recordedHeaders(headers),
      accessLog: accessLog({ append: (record: AccessRecord) => records.push(record) } as unknown as AccessLogWriter),
      authenticateFirst: authenticateFirst(authenticator, new PrincipalLimits(DEFAULT_LIMITS)),
      maxBodyBytes: 64 * 1024,
      marks: { anyPrincipal: false, readOnly: false },
      events,
      errors: new HubErrorFilter(),
    });
    const serve = route.serve.bind(route);
    route.serve = (incoming: IncomingMessage, outgoing: ServerResponse, department: string): void => {
      const prototypes = Object.getPrototypeOf(incoming) === app.request && Object.getPrototypeOf(outgoing) === app.response;
      serve(incoming, outgoing, department);
      const served: [string[], string[]] = [ownKeys(incoming), ownKeys(outgoing)];
      outgoing.once('close', () => seen.push({ served, closed: [ownKeys(incoming), ownKeys(outgoing)], prototypes, objects: [incoming, outgoing] }));
    };
    server = oneMap ? createServer(oneMapClasses(app), app) : createServer(app);
    serveLeanFirst(server, route);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function post(authorization: string, body: string): Promise<{ status: number; body: string }> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/departments/samr/events', method: 'POST', headers: { 'content-type': 'application/json', authorization } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (text += part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  it('given requests answered 201, 400 and 401, when served, then nothing gains an own property after serve() changed the prototypes (V8 would build a map per object), or, born with them, requests and responses share their maps', async () => {
    const answers = [await post('Bearer unit', JSON.stringify({ id: 'E-1' })), await post('Bearer unit', '{"id":'), await post('Bearer nobody', JSON.stringify({ id: 'E-2' }))];
    expect(answers.map((answer) => answer.status)).toEqual([201, 400, 401]);
    expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ results: [{ id: 'E-1', subject: 'lead/L-1', version: 1, seq: 1, duplicate: false }] });
    expect(records.map((record) => [record.route, record.status, record.filters])).toEqual([
      ['/api/v1/departments/:dept/events', 201, {}],
      ['/api/v1/departments/:dept/events', 400, {}],
      ['/api/v1/departments/:dept/events', 401, {}],
    ]);
    expect(seen).toHaveLength(3);
    if (oneMap) expect(seen.map((entry) => entry.prototypes)).toEqual([true, true, true]);
    if (oneMap) {
      // Born with the prototypes: properties added later follow one shared chain of maps (the 201s' requests alike).
      const first = await post('Bearer unit', JSON.stringify({ id: 'E-3' }));
      const second = await post('Bearer unit', JSON.stringify({ id: 'E-4' }));
      expect([first.status, second.status]).toEqual([201, 201]);
      const [a, b] = seen.slice(-2);
      expect(a && b ? [haveSameMap(a.objects[0], b.objects[0]), haveSameMap(a.objects[1], b.objects[1])] : []).toEqual([true, true]);
      return;
    }
    for (const { served, closed } of seen) {
      expect(closed[0].filter((key) => !served[0].includes(key))).toEqual([]);
      expect(closed[1].filter((key) => !served[1].includes(key))).toEqual([]);
    }
  });
});
