// The lean events route (LeanEventsRoute) serves POST /api/v1/departments/:dept/events without Express's router,
// helmet and body-parser. Every answer it gives must be the Express stack's: the same request is sent both ways
// (a query string sends it through Express) and status, body and security headers compared; the access log names
// the same route for both. A spy on the lean route tells which of the two served a request.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { LeanEventsRoute } from '../../apps/gateway/src/http/lean-events-route.js';
import { leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';
import { waitUntil } from '../faults/support/processes.js';

const UNIT = 'samr/653100';
const BODY_LIMIT = 64 * 1024;
/** Headers that differ between any two answers whatever served them. */
const PER_ANSWER = new Set(['date', 'etag', 'keep-alive', 'connection', 'content-length']);
const leanServed = jest.spyOn(LeanEventsRoute.prototype, 'serve');

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

describe('the lean events route answers as the Express stack does', () => {
  let hub: TestHub;
  let made = 0;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], gateway: { maxBodyBytes: BODY_LIMIT } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  async function post(via: 'lean' | 'express', body: string, headers: Record<string, string>, department = 'samr'): Promise<Answer> {
    const query = via === 'express' ? '?via=express' : '';
    const response = await fetch(`${hub.url}/api/v1/departments/${department}/events${query}`, { method: 'POST', headers, body });
    const text = await response.text();
    const kept = [...response.headers].filter(([name]) => !PER_ANSWER.has(name));
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: Object.fromEntries(kept) };
  }

  /** Sends the request both ways; `body` is made per way (a stored event's id must differ). */
  async function bothWays(body: () => string, headers: Record<string, string>, department?: string): Promise<{ lean: Answer; express: Answer }> {
    const served = leanServed.mock.calls.length;
    const lean = await post('lean', body(), headers, department);
    expect(leanServed.mock.calls.length).toBe(served + 1);
    const express = await post('express', body(), headers, department);
    expect(leanServed.mock.calls.length).toBe(served + 1);
    return { lean, express };
  }

  const json = (token?: string): Record<string, string> => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });

  it.each([
    ['JSON cut short', '{"id":'],
    ['a JSON string instead of an object or array (body-parser strict)', '"lead"'],
    ['whitespace only', '   '],
    ['an empty body', ''],
    ['a byte-order mark before the JSON', `\uFEFF${JSON.stringify({ nothing: true })}`],
    ['an event with bad fields', JSON.stringify({ ...leadReported('LEAN-BAD'), time: 'yesterday', data: { category: 'nope' } })],
    ['too many events', JSON.stringify(Array.from({ length: 20_001 }, () => ({})))],
  ])('given %s, when posted both ways, then the same status, body and headers', async (_case, body) => {
    const { lean, express } = await bothWays(() => body, json(hub.token(UNIT)));
    expect(lean.status).toBeGreaterThanOrEqual(400);
    expect(lean).toEqual(express);
  });

  it('given a body over the limit by its Content-Length, when posted both ways, then 413 BATCH_TOO_LARGE from both', async () => {
    const body = JSON.stringify([{ pad: 'x'.repeat(BODY_LIMIT) }]);
    const { lean, express } = await bothWays(() => body, json(hub.token(UNIT)));
    expect(lean.status).toBe(413);
    expect(lean).toEqual(express);
  });

  it('given no token, an unknown token, an auditor, the coordinator and another department, then the same 401s and 403s', async () => {
    const event = (): string => JSON.stringify(leadReported(`LEAN-AUTH-${(made += 1)}`));
    const cases: [Record<string, string>, string | undefined, number][] = [
      [json(), undefined, 401],
      [json('not-a-known-token'), undefined, 401],
      [json(hub.credentials.auditor), undefined, 403],
      [json(hub.credentials.coordinator), undefined, 403],
      [json(hub.token(UNIT)), 'police', 403],
    ];
    for (const [headers, department, status] of cases) {
      const { lean, express } = await bothWays(event, headers, department);
      expect([headers.authorization, lean.status]).toEqual([headers.authorization, status]);
      expect(lean).toEqual(express);
    }
  });

  it('given a valid event, when posted both ways, then both are stored (201) with the same headers, and the access log names the one route for both', async () => {
    const ids: string[] = [];
    const { lean, express } = await bothWays(() => {
      const event = leadReported(`LEAN-OK-${(made += 1)}`);
      ids.push(String(event['id']));
      return JSON.stringify(event);
    }, json(hub.token(UNIT)));
    expect([lean.status, express.status]).toEqual([201, 201]);
    expect(lean.headers).toEqual(express.headers);
    expect((lean.body as { results: { id: string }[] }).results[0]?.id).toBe(ids[0]);
    expect((express.body as { results: { id: string }[] }).results[0]?.id).toBe(ids[1]);
    const stored = async (): Promise<{ route: string; status: number; filters: Record<string, string> }[]> => {
      const response = await hub.get('/api/v1/audit/access?route=/api/v1/departments&status=201', { token: hub.credentials.auditor });
      return (await response.text()).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { route: string; status: number; filters: Record<string, string> });
    };
    await waitUntil('both submissions are in the access log', async () => (await stored()).length >= 2, 30_000, 100);
    const records = await stored();
    expect(records.map((record) => record.route)).toEqual(['/api/v1/departments/:dept/events', '/api/v1/departments/:dept/events']);
    expect(records.map((record) => record.filters)).toEqual([{}, { via: 'express' }]);
  });

  /** Streams `chunks` with chunked transfer encoding (no Content-Length), as a client that does not know the size does. */
  function postChunked(path: string, token: string, chunks: string[]): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${hub.url}${path}`);
      const outgoing = httpRequest({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (text += part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      });
      outgoing.on('error', reject);
      for (const chunk of chunks) outgoing.write(chunk);
      outgoing.end();
    });
  }

  it('given a chunked body that grows past the limit while read, when posted both ways, then 413 BATCH_TOO_LARGE from both', async () => {
    const token = hub.token(UNIT);
    const piece = 'x'.repeat(BODY_LIMIT / 2);
    const chunks = ['[{"pad":"', piece, piece, '"}]'];
    const served = leanServed.mock.calls.length;
    const lean = await postChunked('/api/v1/departments/samr/events', token, chunks);
    expect(leanServed.mock.calls.length).toBe(served + 1);
    const express = await postChunked('/api/v1/departments/samr/events?via=express', token, chunks);
    expect(lean).toEqual({ status: 413, body: expect.objectContaining({ code: 'BATCH_TOO_LARGE' }) });
    expect(lean).toEqual(express);
  });
});
