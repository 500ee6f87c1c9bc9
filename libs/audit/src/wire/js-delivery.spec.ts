import { describe, expect, it } from '@jest/globals';
import { deliveryOf } from './js-delivery.js';

describe('a JetStream delivery subject', () => {
  it('given the short form, then stream seq, storage time (ms, cut exactly) and pending are read', () => {
    // 1700000000123999999 ns is not a float: through Number it would round up to …124 ms.
    expect(deliveryOf('$JS.ACK.HUB_EVENTS.c1.1.5004.17.1700000000123999999.42')).toEqual({ streamSeq: 5004, storedAt: 1700000000123, pending: 42 });
  });

  it('given the form with a domain and an account hash (and a trailing token), then the same fields are read', () => {
    expect(deliveryOf('$JS.ACK.hub.ACCHASH.HUB_EVENTS.c1.1.7.7.1700000000000000000.0.rnd')).toEqual({ streamSeq: 7, storedAt: 1700000000000, pending: 0 });
  });

  it('given an inbox or a malformed subject, then there is no delivery', () => {
    expect(deliveryOf('_INBOX.abc.m.1')).toBeUndefined();
    expect(deliveryOf('$JS.ACK.S.c.1.x.1.1700000000000000000.0')).toBeUndefined();
    expect(deliveryOf('')).toBeUndefined();
  });

  it('reads what splitting the subject at its dots reads, for every token count', () => {
    const split = (reply: string): ReturnType<typeof deliveryOf> => {
      const tokens = reply.split('.');
      const at = tokens.length === 9 ? 2 : tokens.length >= 11 ? 4 : -1;
      if (at < 0 || tokens[0] !== '$JS' || tokens[1] !== 'ACK') return undefined;
      const nanos = tokens[at + 5] as string;
      const [streamSeq, pending, storedAt] = [Number(tokens[at + 3]), Number(tokens[at + 6]), nanos.length > 6 ? Number(nanos.slice(0, -6)) : 0];
      return Number.isSafeInteger(streamSeq) && Number.isSafeInteger(pending) && Number.isSafeInteger(storedAt) ? { streamSeq, storedAt, pending } : undefined;
    };
    const tokens = ['$JS', 'ACK', 'hub', 'ACC', 'HUB_EVENTS', 'c1', '1', '77', '77', '1700000000000999999', '3', 'rnd', 'x', 'y'];
    for (let count = 1; count <= tokens.length; count += 1) {
      for (const reply of [tokens.slice(0, count).join('.'), ['$JS', 'ACK', ...tokens.slice(4, 4 + count - 2)].join('.'), `${tokens.slice(0, count).join('.')}.`, tokens.slice(0, count).join('..')]) {
        expect([reply, deliveryOf(reply)]).toEqual([reply, split(reply)]);
      }
    }
  });
});
