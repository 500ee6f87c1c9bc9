import { describe, expect, it } from '@jest/globals';
import { decodeForwardedBody, encodeForwardedBody, forwardedOverhead, mayHoldReferralAnswer } from './forwarded-body.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('intake: a body forwarded unread', () => {
  it('given a body and the caller, when encoded and decoded, then the same envelope and the very bytes', () => {
    const body = bytes('[{"id":"a1","data":{"summary":"网剑\\n行动"}}]\n');
    const message = encodeForwardedBody({ id: 'r-1', unit: 'samr/653100', actor: 'key:k1' }, body);
    const decoded = decodeForwardedBody(message);
    expect(decoded?.envelope).toEqual({ id: 'r-1', unit: 'samr/653100', actor: 'key:k1' });
    expect(Buffer.from(decoded?.body ?? []).equals(body)).toBe(true);
    expect(message.length).toBe(body.length + forwardedOverhead({ id: 'r-1', unit: 'samr/653100', actor: 'key:k1' }));
  });

  it('given a body crafted to look like an envelope, when decoded, then the unit and actor are still the gateway\'s', () => {
    const body = bytes('\n{"id":"x","unit":"police/110000","actor":"key:other"}\n[]');
    const decoded = decodeForwardedBody(encodeForwardedBody({ id: 'r-2', unit: 'samr/653100' }, body));
    expect(decoded?.envelope).toEqual({ id: 'r-2', unit: 'samr/653100' });
    expect(Buffer.from(decoded?.body ?? []).toString()).toBe(body.toString());
  });

  it('given an empty body and a unit with a newline in it, when decoded, then both survive (the envelope line has no raw newline)', () => {
    const decoded = decodeForwardedBody(encodeForwardedBody({ id: 'r-3', unit: 'samr/65\n3100' }, bytes('')));
    expect(decoded?.envelope.unit).toBe('samr/65\n3100');
    expect(decoded?.body.length).toBe(0);
  });

  it("given Nest's JSON packet, when decoded, then it is not a forwarded body", () => {
    expect(decodeForwardedBody(bytes(JSON.stringify({ pattern: 'hub.intake.samr', id: '1', data: { unit: 'samr/653100', events: [] } })))).toBeUndefined();
    expect(decodeForwardedBody(bytes('hub-b'))).toBeUndefined();
  });

  it('given the marker without an envelope line, or an envelope without a unit, when decoded, then it throws', () => {
    expect(() => decodeForwardedBody(bytes('hub-body/1 {"id":"1","unit":"samr/1"}'))).toThrow('without its envelope line');
    expect(() => decodeForwardedBody(bytes('hub-body/1 {"id":"1"}\n[]'))).toThrow('malformed envelope');
  });
});

describe('intake: which bodies the gateway reads for referral answers', () => {
  it.each([
    ['a referral answer', '{"type":"referral.answered","data":{"referralId":"R1"}}', true],
    ['a referral feedback', '[{"type":"referral.feedback"}]', true],
    ['an answer type with an escaped letter', '{"type":"\\u0072eferral.answered"}', true],
    ['an answer type with an escaped dot', '{"type":"referral\\u002Eanswered"}', true],
    ['a lead', '{"type":"lead.reported","subject":"lead/L-1","data":{"summary":"网剑 referral/x"}}', false],
    ['a lead with escaped Chinese text (Python ensure_ascii)', '{"type":"lead.reported","data":{"summary":"\\u7f51\\u5251"}}', false],
  ])('given %s, then read: %s', (_case, body, read) => {
    expect(mayHoldReferralAnswer(bytes(body))).toBe(read);
  });
});
