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
});
