import { describe, expect, it } from '@jest/globals';
import { createUser } from '@nats-io/nkeys';
import { canonicalJson } from './canonical-json.js';
import type { UnsealedEvent } from './envelope.js';
import { parseStreamSubject, streamSubjectOf } from './envelope.js';
import { hashEvent } from './event-hash.js';
import { checkSeal, sealEvent } from './seal.js';
import { EventSigner, verifySignature } from './signing.js';

const newSeed = (): string => new TextDecoder().decode(createUser().getSeed());

const lead: UnsealedEvent = {
  id: '0190f0a1-7c2e-7000-8000-000000000001',
  type: 'lead.reported',
  source: 'samr/653100',
  subject: 'lead/L-1',
  time: '2021-10-08T09:30:00+08:00',
  recordedAt: '2021-10-08T01:31:00.000Z',
  version: 1,
  data: { category: 'counterfeit', channel: 'monitoring', summary: '假冒运动鞋', entities: [] },
  prevHash: null,
};

describe('canonical JSON', () => {
  it('given objects with the same members in another order, when canonicalised, then the text is identical', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('given undefined members, when canonicalised, then they are dropped like JSON.stringify drops them', () => {
    expect(canonicalJson({ a: undefined, b: '网剑' })).toBe('{"b":"网剑"}');
  });

  it('given a non-finite number, when canonicalised, then it throws', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('event hash and signature', () => {
  const signer = new EventSigner(newSeed());

  it('given an event, when sealed, then its hash is sha256 of its canonical form and the signature verifies', () => {
    const sealed = sealEvent(lead, signer);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.hash).toBe(hashEvent({ ...lead, data: { entities: [], summary: '假冒运动鞋', channel: 'monitoring', category: 'counterfeit' } }));
    expect(checkSeal(sealed, signer.publicKey)).toEqual({ hashValid: true, signatureValid: true });
  });

  it('given a sealed event, when one data byte changes, then the hash check fails', () => {
    const sealed = sealEvent(lead, signer);
    const tampered = { ...sealed, data: { ...sealed.data, summary: '假冒运动衣' } };
    expect(checkSeal(tampered, signer.publicKey).hashValid).toBe(false);
  });

  it("given another department's key, when verifying, then the signature is refused", () => {
    const sealed = sealEvent(lead, signer);
    const other = new EventSigner(newSeed());
    expect(checkSeal(sealed, other.publicKey).signatureValid).toBe(false);
  });

  it('given malformed keys or signatures, when verifying, then it answers false instead of throwing', () => {
    expect(verifySignature('not-a-key', 'ab', 'cd')).toBe(false);
    expect(verifySignature(signer.publicKey, 'ab', '!!!')).toBe(false);
  });
});

describe('stream subjects', () => {
  it('given a source and subject, when mapped, then the stream subject round-trips', () => {
    const subject = streamSubjectOf('samr/653100', 'lead/L-1');
    expect(subject).toBe('hub.evt.samr.653100.lead.L-1');
    expect(parseStreamSubject(subject)).toEqual({ department: 'samr', region: '653100', aggregateType: 'lead', aggregateId: 'L-1' });
  });
});
