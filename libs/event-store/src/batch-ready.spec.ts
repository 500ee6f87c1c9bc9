import { describe, expect, it } from '@jest/globals';
import { batchHoldMs, batchReady } from './checkpointed-consumer.js';

describe('batchReady (when a consumer hands the batch it is gathering over)', () => {
  const options = { batchSize: 2_000, maxDelayMs: 50 };

  it('given a steady flow (more pending behind every message), when the batch has been open less than the delay, then it keeps gathering', () => {
    expect(batchReady({ length: 120, openedAt: 1_000 }, { ...options, caughtUp: false, now: 1_049 })).toBe(false);
  });

  it('given a steady flow, when the batch has been open for the delay, then it is handed over though neither full nor caught up', () => {
    expect(batchReady({ length: 120, openedAt: 1_000 }, { ...options, caughtUp: false, now: 1_050 })).toBe(true);
  });

  it('given a full batch, then it is handed over at once', () => {
    expect(batchReady({ length: 2_000, openedAt: 1_000 }, { ...options, caughtUp: false, now: 1_000 })).toBe(true);
  });

  it('given nothing more pending, then even one message is handed over at once', () => {
    expect(batchReady({ length: 1, openedAt: 1_000 }, { ...options, caughtUp: true, now: 1_000 })).toBe(true);
  });
});

describe('batchHoldMs (how long a caught-up batch waits for its successors)', () => {
  const options = { minIntervalMs: 20, maxDelayMs: 50 };

  it('given the previous batch was handed over 5 ms ago, when the next is caught up, then it is held the 15 ms left of the interval', () => {
    expect(batchHoldMs({ openedAt: 1_004 }, { ...options, now: 1_005, lastHandedAt: 1_000 })).toBe(15);
  });

  it('given a quiet stretch longer than the interval (or no batch before), when a lone event comes, then it is handed over at once', () => {
    expect(batchHoldMs({ openedAt: 1_100 }, { ...options, now: 1_100, lastHandedAt: 1_000 })).toBe(0);
    expect(batchHoldMs({ openedAt: 1_100 }, { ...options, now: 1_100, lastHandedAt: Number.NEGATIVE_INFINITY })).toBe(0);
  });

  it('given a batch open almost the whole delay, then it is held only until the delay is up', () => {
    expect(batchHoldMs({ openedAt: 960 }, { ...options, minIntervalMs: 200, now: 1_005, lastHandedAt: 1_000 })).toBe(5);
  });

  it('given an interval of 0, then nothing is held', () => {
    expect(batchHoldMs({ openedAt: 1_005 }, { ...options, minIntervalMs: 0, now: 1_005, lastHandedAt: 1_004 })).toBe(0);
  });
});
