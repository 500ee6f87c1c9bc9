import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { oneMapClasses } from './one-map-server.js';
import { securityHeaders } from './security-headers.js';

// V8's own answer to "do these two objects have the same map" (natives syntax, allowed from here on for new code).
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = runInThisContext('(a, b) => %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** An app like the gateway's edge: helmet's headers, JSON answers with ETags (and 304), a text answer, a 404. */
function appWith(seen: { requests: IncomingMessage[]; responses: ServerResponse[] }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ tls: false }));
  app.use((request, response, next) => {
    seen.requests.push(request);
    seen.responses.push(response);
    next();
  });
  app.get('/api/v1/things/:id', (request, response) => void response.json({ id: request.params['id'], query: request.query, ip: request.ip, path: request.path }));
  app.post('/api/v1/things', express.json(), (request, response) => void response.status(201).json({ got: request.body as unknown }));
  app.get('/text', (_request, response) => void response.type('text').send('plain answer'));
  return app;
}

/** Sends `raw` on a new connection and returns every byte of the answer, its Date header blanked. */
function exchange(server: Server, raw: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (part: string) => (answer += part));
    socket.on('end', () => resolve(answer.replace(/\r\nDate: [^\r]*/, '\r\nDate: -')));
    socket.on('error', reject);
  });
}

const REQUESTS = [
  'GET /api/v1/things/T-1?a=1&b[c]=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'GET /api/v1/things/T-2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIf-None-Match: W/"3a-placeholder"\r\n\r\n',
  'POST /api/v1/things HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"name":"é1"}',
  'POST /api/v1/things HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 6\r\n\r\n{"na":',
  'GET /text HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'HEAD /text HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
];

describe('oneMapClasses: requests and responses born with Express’s prototypes', () => {
  const plainSeen = { requests: [] as IncomingMessage[], responses: [] as ServerResponse[] };
  const oneMapSeen = { requests: [] as IncomingMessage[], responses: [] as ServerResponse[] };
  let plain: Server;
  let oneMap: Server;

  beforeAll(async () => {
    plain = createServer(appWith(plainSeen));
    const app = appWith(oneMapSeen);
    oneMap = createServer(oneMapClasses(app), app);
    await Promise.all([plain, oneMap].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });

  afterAll(async () => {
    await Promise.all([plain, oneMap].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('given the same requests (JSON with ETag, a 304 check, a JSON body, bad JSON, text, HEAD, a 404), when both servers answer, then every byte but the Date is the same', async () => {
    for (const raw of REQUESTS) {
      const [expected, actual] = [await exchange(plain, raw), await exchange(oneMap, raw)];
      expect(actual).toBe(expected);
      expect(actual).toMatch(/^HTTP\/1\.1 \d{3} /);
    }
    // The 304 path is exercised with the ETag the first answer of /things/T-2 carries.
    const first = await exchange(oneMap, REQUESTS[1] ?? '');
    const tag = /\r\nETag: ([^\r]*)/.exec(first)?.[1] ?? '';
    const conditional = `GET /api/v1/things/T-2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIf-None-Match: ${tag}\r\n\r\n`;
    const [expected, actual] = [await exchange(plain, conditional), await exchange(oneMap, conditional)];
    expect(actual).toMatch(/^HTTP\/1\.1 304 /);
    expect(actual).toBe(expected);
  });

  it('given requests to different routes, when served, then all requests share one map and all responses another (and, as a check of the check, not on the plain server)', async () => {
    for (let round = 0; round < 3; round += 1) {
      for (const server of [plain, oneMap]) await exchange(server, REQUESTS[0] ?? '');
    }
    const shared = (objects: object[]): boolean => objects.slice(1).every((object, i) => haveSameMap(object, objects[i] as object));
    const lastThree = <T>(list: T[]): T[] => list.slice(-3);
    expect(shared(lastThree(oneMapSeen.requests))).toBe(true);
    expect(shared(lastThree(oneMapSeen.responses))).toBe(true);
    expect(shared(lastThree(plainSeen.requests))).toBe(false);
    expect(oneMapSeen.requests.every((request) => request instanceof IncomingMessage && request.constructor.name === 'IncomingMessage')).toBe(true);
    expect(oneMapSeen.responses.every((response) => response instanceof ServerResponse)).toBe(true);
  });
});
