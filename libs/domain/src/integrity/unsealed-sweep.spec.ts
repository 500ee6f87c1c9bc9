import { describe, expect, it } from '@jest/globals';
import { SEAL_GRACE_MS } from './batch-seal.js';
import { chooseUnsealed, type SweptEvent } from './unsealed-sweep.js';

const now = Date.parse('2021-10-08T02:00:00Z');
const event = (seq: number, overrides: Partial<SweptEvent> = {}): SweptEvent => ({ seq, hash: String(seq).repeat(64).slice(0, 64), storedAt: now - 1_000, signed: false, ...overrides });

describe('the start-up sweep of unsealed events', () => {
  it('given its own events stored just before a crash and never sealed, when the instance starts, then it seals them at once', () => {
    const choice = chooseUnsealed([event(5, { sealer: 'samr/i1' }), event(6, { sealer: 'samr/i1' })], new Set(), 'samr/i1', now);
    expect(choice).toEqual({ claim: [{ seq: 5, hash: event(5).hash }, { seq: 6, hash: event(6).hash }] });
  });

  it('given events a seal covers and events signed on their own, then neither is sealed again', () => {
    const choice = chooseUnsealed([event(5, { sealer: 'samr/i1' }), event(6, { sealer: 'samr/i1', signed: true })], new Set([5]), 'samr/i1', now);
    expect(choice).toEqual({ claim: [] });
  });

  it("given another chain's unsealed events, then a young one is left to its live signer (recheck once past the grace) and an old one is sealed", () => {
    const young = event(7, { sealer: 'samr/i2', storedAt: now - 5_000 });
    const younger = event(9, { sealer: 'samr/i2', storedAt: now - 4_000 });
    const old = event(3, { storedAt: now - SEAL_GRACE_MS - 1 });
    const choice = chooseUnsealed([old, young, younger], new Set(), 'samr/i1', now);
    // Settled so far: everything before the first one left over (seq 7), not the whole read.
    expect(choice).toEqual({ claim: [{ seq: 3, hash: old.hash }], recheckAt: younger.storedAt + SEAL_GRACE_MS, leftFrom: 7 });
  });
});
