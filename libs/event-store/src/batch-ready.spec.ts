import { describe, expect, it } from '@jest/globals';
import { batchReady } from './checkpointed-consumer.js';

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
