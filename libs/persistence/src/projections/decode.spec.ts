import { describe, expect, it } from '@jest/globals';
import { decodeMessage } from './decode.js';

const envelope = {
  id: '0190f3c2-7a4b-7cde-8f01-000000000001',
  type: 'lead.reported',
  source: 'samr/653100',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  recordedAt: '2021-10-08T01:31:00.000Z',
  version: 1,
  data: { summary: 'x' },
  prevHash: null,
  hash: 'h',
  sig: 's',
};
const SUBJECT = 'hub.evt.samr.653100.lead.L-1';
const message = (body: unknown, subject = SUBJECT) => ({ seq: 7, subject, data: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)) });

describe('decodeMessage', () => {
  it('given a well-formed envelope on its own subject, then an event positioned by the subject', () => {
    const decoded = decodeMessage(message(envelope));
    expect(decoded).toMatchObject({ ok: true, event: { seq: 7, unit: 'samr/653100', department: 'samr', region: '653100', aggregateType: 'lead', aggregateId: 'L-1', event: envelope } });
  });

  it.each([
    ['not JSON', '{"id": ', 'body is not JSON'],
    ['an array', '[1,2]', 'body is not an event envelope'],
    ['an id that is not a UUID', { ...envelope, id: 'abc' }, 'id is not a UUID'],
    ['a source of another unit', { ...envelope, source: 'cac/653100' }, 'source cac/653100 does not match the subject'],
    ['a subject of another aggregate', { ...envelope, subject: 'lead/L-2' }, 'subject lead/L-2 does not match the stream subject'],
    ['a version of 0', { ...envelope, version: 0 }, 'version is not a positive integer'],
    ['a time that is not a timestamp', { ...envelope, time: 'yesterday' }, 'time is not a timestamp'],
    ['data that is not an object', { ...envelope, data: [] }, 'data is not an object'],
    ['a NUL character PostgreSQL cannot store', { ...envelope, data: { summary: 'a\u0000b' } }, 'contains \\u0000, which PostgreSQL text and jsonb cannot hold'],
  ])('given %s, then corrupt with a reason and the body kept', (_, body, reason) => {
    const decoded = decodeMessage(message(body));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.corrupt).toMatchObject({ seq: 7, streamSubject: SUBJECT, reason });
    expect(decoded.corrupt.payload).toBe(typeof body === 'string' ? body : JSON.stringify(body));
  });

  it.each([
    ['not UTF-8', [0xff, 0xfe, 0x41]],
    ['UTF-8 with a NUL byte', [0x7b, 0x00, 0x7d]],
  ])('given a body that is %s, then corrupt with the body in base64', (_, bytes) => {
    const decoded = decodeMessage({ seq: 1, subject: SUBJECT, data: new Uint8Array(bytes) });
    expect(decoded).toMatchObject({ ok: false, corrupt: { reason: 'body is not UTF-8 text (kept as base64)', payload: Buffer.from(bytes).toString('base64') } });
  });

  it('given text that merely shows a backslash before u0000, then it is an event', () => {
    expect(decodeMessage(message({ ...envelope, data: { summary: 'path C:\\u0000' } })).ok).toBe(true);
  });

  it('given a subject outside hub.evt, then corrupt', () => {
    expect(decodeMessage(message(envelope, 'hub.other.samr'))).toMatchObject({ ok: false, corrupt: { reason: 'subject is not hub.evt.<dept>.<region>.<type>.<id>' } });
  });
});
