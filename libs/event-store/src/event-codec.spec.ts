import { describe, expect, it } from '@jest/globals';
import { sealForBatch, type HubEvent, type UnsealedEvent } from '@hub/domain';
import { encodeEvent, sniffEventType } from './event-codec.js';

const unsealed = (type: string, data: Record<string, unknown>): UnsealedEvent => ({
  id: '0190f3c2-7a4b-7cde-8f01-000000000001',
  type,
  source: 'samr/653100',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  recordedAt: '2021-10-08T01:30:00Z',
  version: 12,
  prevHash: null,
  data,
});
/** Data that names other types and versions: only the envelope's may be read. */
const tricky = { entities: [{ type: 'phone', version: 3, value: '13800000000' }], note: '"type":"lead.referred","version":1', nested: { type: 'x' } };
const body = (event: HubEvent): Uint8Array => encodeEvent(event).body;
const parsedType = (bytes: Uint8Array): unknown => (JSON.parse(new TextDecoder().decode(bytes)) as { type: unknown }).type;

describe('sniffEventType', () => {
  it('given an event sealed by batch (canonical members, hash last), then it reads the envelope\'s type, not one inside data', () => {
    const bytes = body(sealForBatch(unsealed('lead.reported', tricky)));
    expect(sniffEventType(bytes)).toBe('lead.reported');
    expect(parsedType(bytes)).toBe('lead.reported');
  });

  it('given an event signed on its own (plain JSON, id first), then it reads the envelope\'s type', () => {
    const bytes = body({ ...sealForBatch(unsealed('referral.answered', tricky)), sig: 'c2ln' });
    expect(sniffEventType(bytes)).toBe('referral.answered');
    expect(parsedType(bytes)).toBe('referral.answered');
  });

  it('given a body of another layout, or one whose type is not plain ASCII, then it says nothing (the caller decodes it)', () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(sniffEventType(encode('{"type":"lead.referred","id":"a","data":{"type":"x","version":1}}'))).toBeUndefined();
    expect(sniffEventType(encode('{"data":{},"type":"le\\"ad","version":1,"hash":"ab"}'))).toBeUndefined();
    expect(sniffEventType(encode('{"data":{},"type":"线索","version":1,"hash":"ab"}'))).toBeUndefined();
    expect(sniffEventType(encode('{"id":"a\\"b","type":"lead.referred"}'))).toBeUndefined();
    expect(sniffEventType(encode('{"data":{},"type":"lead.referred","version":,"hash":"ab"}'))).toBeUndefined();
    expect(sniffEventType(encode(''))).toBeUndefined();
    expect(sniffEventType(encode('"}'))).toBeUndefined();
  });
});
