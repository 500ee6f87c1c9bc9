import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { HubEvent, UnsealedEvent } from './envelope.js';
import { canonicalDataText } from './data-text.js';
import { hashEvent, hashOfStoredBody, sealForBatch, sealWithBody, storedBody, storedBytes } from './event-hash.js';

const unsealed: UnsealedEvent = {
  id: '0190f0a1-7c2e-7000-8000-000000000001',
  type: 'lead.reported',
  source: 'samr/653100',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  recordedAt: '2021-10-08T01:31:00.000Z',
  version: 1,
  data: { summary: '假冒运动鞋', category: 'counterfeit', entities: [{ type: 'phone', value: '13812345678' }] },
  prevHash: null,
};
const event: HubEvent = { ...unsealed, hash: hashEvent(unsealed) };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('stored bodies hashed as they are stored', () => {
  it('given an event sealed by batch, when stored, then the body is its canonical form with hash last, parses back to it, and its bytes hash to its hash', () => {
    const body = storedBody(event);
    expect(JSON.parse(body)).toEqual(event);
    expect(body.endsWith(`,"hash":"${event.hash}"}`)).toBe(true);
    expect(hashOfStoredBody(bytes(body))).toBe(event.hash);
  });

  it('given a stored byte flipped before the hash, when hashed as stored, then it no longer matches (and the parsed event does not either)', () => {
    const altered = storedBody(event).replace('假冒运动鞋', '假冒运动衣');
    expect(hashOfStoredBody(bytes(altered))).not.toBe(event.hash);
    expect(hashEvent(JSON.parse(altered) as HubEvent)).not.toBe(event.hash);
  });

  it('given a body in another layout (plain JSON in envelope order, hash not last, upper-case hex), when hashed as stored, then no answer is the hash and the event is hashed the reference way', () => {
    // Plain JSON in envelope order ends with the hash too, but what precedes it is not the canonical form.
    expect(hashOfStoredBody(bytes(JSON.stringify(event)))).not.toBe(event.hash);
    expect(hashOfStoredBody(bytes(JSON.stringify({ hash: event.hash, ...unsealed })))).toBeUndefined();
    expect(hashOfStoredBody(bytes(storedBody(event).replace(event.hash, event.hash.toUpperCase())))).toBeUndefined();
    expect(hashOfStoredBody(bytes('{}'))).toBeUndefined();
  });

  it('given an event signed on its own, when stored, then it keeps the plain JSON it always had', () => {
    const signed: HubEvent = { ...event, sig: 'c2ln' };
    expect(storedBody(signed)).toBe(JSON.stringify(signed));
  });

  it('given the bytes before the tail, when hashed, then that is sha256 of the canonical form closed', () => {
    const body = storedBody(event);
    const prefix = body.slice(0, body.lastIndexOf(',"hash":'));
    expect(createHash('sha256').update(`${prefix}}`, 'utf8').digest('hex')).toBe(event.hash);
  });
});

describe('sealForBatch (the append path: one serialisation for the hash and the stored body)', () => {
  it('given an unsealed event, then its hash and stored body are what hashEvent and storedBody give without it', () => {
    const sealed = sealForBatch(unsealed);
    expect(sealed.hash).toBe(hashEvent(unsealed));
    expect(storedBody(sealed)).toBe(storedBody({ ...unsealed, hash: hashEvent(unsealed) }));
    expect(hashOfStoredBody(new TextEncoder().encode(storedBody(sealed)))).toBe(sealed.hash);
  });

  it('given data with multi-byte text, escapes and unsorted keys, when sealed, then the stored bytes are the UTF-8 of the reference body and hash to the reference hash', () => {
    const tricky: UnsealedEvent = { ...unsealed, actor: 'account:A-1', data: { z: '网剑😀', a: 'quote " back \\ \u0001 \ud800', m: [{ y: 1, x: null }], '__proto__': { b: 2, a: 1 } } };
    const reference: HubEvent = { ...tricky, hash: hashEvent(tricky) };
    const sealed = sealForBatch(tricky);
    expect(sealed.hash).toBe(reference.hash);
    expect(Buffer.from(storedBytes(sealed)).equals(Buffer.from(bytes(storedBody(reference))))).toBe(true);
    expect(storedBody(sealed)).toBe(storedBody(reference));
    expect(hashOfStoredBody(storedBytes(sealed))).toBe(sealed.hash);
  });

  it('given an event signed on its own or not sealed here, when its stored bytes are asked for, then they are its stored body encoded', () => {
    const signed: HubEvent = { ...sealForBatch(unsealed), sig: 'c2ln' };
    expect(Buffer.from(storedBytes(signed)).toString('utf8')).toBe(JSON.stringify(signed));
    expect(Buffer.from(storedBytes(event)).toString('utf8')).toBe(storedBody(event));
  });

  it('given the data\'s canonical text already written (the quota estimate), when sealed, then hash and stored bytes are those sealed without it, with and without an actor', () => {
    for (const base of [unsealed, { ...unsealed, actor: 'key:K-1' }]) {
      const fresh = sealForBatch({ ...base, data: { ...base.data } });
      const data = { ...base.data };
      canonicalDataText(data);
      const shared = sealForBatch({ ...base, data });
      expect(shared.hash).toBe(fresh.hash);
      expect(Buffer.from(storedBytes(shared)).equals(Buffer.from(storedBytes(fresh)))).toBe(true);
    }
  });

  it('given envelope members with escapes, multi-byte text, a previous hash and a missing member, when sealed after the quota estimate, then hash and stored body are the reference ones', () => {
    const odd = { ...unsealed, id: 'q"\\\u0007网', source: 'samr/😀', prevHash: 'ab'.repeat(32), actor: 'key:\ud800"' };
    const { time: _time, ...timeless } = odd;
    for (const base of [odd, timeless as UnsealedEvent, { ...odd, version: 7 }]) {
      const data = { ...base.data };
      canonicalDataText(data);
      const sealed = sealForBatch({ ...base, data });
      expect(sealed.hash).toBe(hashEvent(base));
      expect(storedBody(sealed)).toBe(storedBody({ ...base, hash: hashEvent(base) }));
    }
  });
});

describe('sealWithBody (the pipeline seals its own decision in place and passes the body on)', () => {
  it('given events with and without actor, multi-byte text and the quota estimate written, when sealed in place, then the event is sealForBatch\'s (members in the same order) and the body its stored bytes', () => {
    const tricky: UnsealedEvent = { ...unsealed, actor: 'account:A-1', data: { z: '网剑😀', a: 'quote " back \\ \u0001', m: [{ y: 1, x: null }] } };
    for (const base of [unsealed, tricky, { ...unsealed, prevHash: 'cd'.repeat(32), version: 2 }]) {
      const reference = sealForBatch({ ...base, data: { ...base.data } });
      const data = { ...base.data };
      canonicalDataText(data);
      const own = { ...base, data } as HubEvent;
      const body = sealWithBody(own);
      expect(own.hash).toBe(hashEvent(base));
      expect(Object.keys(own)).toEqual(Object.keys(reference));
      expect(JSON.stringify(own)).toBe(JSON.stringify(reference));
      expect(body.equals(Buffer.from(storedBytes(reference)))).toBe(true);
      expect(hashOfStoredBody(body)).toBe(own.hash);
    }
  });
});
