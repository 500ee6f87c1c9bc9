import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import { jsonAnswerFor, weakEtagOf } from './json-answer.js';

const BODIES: [string, unknown][] = [
  ['a result list', { results: [{ id: '00000000-0000-4000-8000-000000000001', subject: 'lead/L-1', version: 1, seq: 7, duplicate: false }] }],
  ['an error with Chinese text and fields', { statusCode: 409, code: 'VERSION_CONFLICT', message: '版本冲突 — “引号”', fields: [{ path: 'data.x', message: 'is required' }] }],
  ['an empty object', {}],
  ['a body over 1,000 bytes', { pad: 'x'.repeat(5_000) }],
];

interface RawAnswer {
  status: number;
  /** Header names and values in the order they came on the wire, without Date. */
  headers: string[];
  body: string;
}

function post(server: Server, path: string): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) if (response.rawHeaders[i]?.toLowerCase() !== 'date') headers.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(parts).toString('latin1') });
      });
    });
    outgoing.on('error', reject);
    outgoing.end('{}');
  });
}

/** An app answering /express/:case with Express's own `status().json()` and /direct/:case with jsonAnswerFor's writer. */
function appWith(configure: (app: Express) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  configure(app);
  const answer = jsonAnswerFor(app);
  app.post('/:way/:case', (request, response) => {
    const [, body] = BODIES[Number(request.params['case'])] ?? [];
    const status = Number(request.query['status'] ?? 201);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.query['retry'] !== undefined) response.setHeader('Retry-After', '3');
    if (request.params['way'] === 'express') response.status(status).json(body);
    else answer(response, status, body);
  });
  return app;
}

async function listening(app: Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}

describe('jsonAnswerFor', () => {
  let plain: Server;
  let spaced: Server;

  beforeAll(async () => {
    plain = await listening(appWith(() => undefined));
    spaced = await listening(appWith((app) => app.set('json spaces', 2)));
  });

  afterAll(async () => {
    await Promise.all([plain, spaced].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it.each(BODIES.map(([name], index) => [name, index]))('given %s, when answered both ways, then the same status, headers in the same order (ETag included) and bytes', async (_name, index) => {
    for (const query of ['', '?status=409&retry=1', '?status=503']) {
      const direct = await post(plain, `/direct/${index}${query}`);
      expect(direct).toEqual(await post(plain, `/express/${index}${query}`));
      expect(direct.headers.map((header) => header.split(':')[0])).toEqual(expect.arrayContaining(['Content-Type', 'Content-Length', 'ETag']));
    }
  });

  it('given an app with JSON spaces set, when answered both ways, then Express answers both (the same indented bytes)', async () => {
    const direct = await post(spaced, '/direct/0');
    expect(direct).toEqual(await post(spaced, '/express/0'));
    expect(direct.body).toContain('\n  "results"');
  });

  it('given bodies of every size, when tagged, then the tag of Express’s default etag function (the etag package, weak)', () => {
    const expressTag = express().get('etag fn') as (body: Buffer) => string;
    for (const text of ['', 'a', '{"x":"ü — 引号"}', 'x'.repeat(70_000)]) {
      const bytes = Buffer.from(text);
      expect([weakEtagOf(text, bytes.length), weakEtagOf(bytes, bytes.length)]).toEqual([expressTag(bytes), expressTag(bytes)]);
    }
  });
});
