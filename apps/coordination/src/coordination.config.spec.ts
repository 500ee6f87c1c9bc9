import { describe, expect, it } from '@jest/globals';
import { loadCoordinationConfig } from './coordination.config.js';

const BASE = { NATS_URL: 'nats://127.0.0.1:4222', HUB_SIGNING_SEED: 'seed', DATABASE_URL: 'postgres://hub@127.0.0.1/hub' };

describe('coordination config: the 7×24 closure hours', () => {
  it('given no HUB_CLOSURE_HOURS, then the LEGAL_CLOCKS default applies (no policy); given 6, then closure requests wait 6 hours', () => {
    expect(loadCoordinationConfig(BASE).clocks).toBeUndefined();
    expect(loadCoordinationConfig({ ...BASE, HUB_CLOSURE_HOURS: '6' }).clocks).toEqual({ amounts: { closure_answer: 6 } });
  });

  it.each(['0', '1.5', 'a day', '721'])('given HUB_CLOSURE_HOURS=%p, then start-up fails naming the variable', (value) => {
    expect(() => loadCoordinationConfig({ ...BASE, HUB_CLOSURE_HOURS: value })).toThrow(/HUB_CLOSURE_HOURS must be a whole number of hours from 1 to 720/);
  });
});

describe('coordination config: how far apart caught-up batches are committed', () => {
  it('given nothing set, then the consumer default; given 0, then at once; given a fraction, then start-up fails naming the variable', () => {
    expect(loadCoordinationConfig(BASE).minBatchIntervalMs).toBe(50);
    expect(loadCoordinationConfig({ ...BASE, HUB_COORDINATION_BATCH_INTERVAL_MS: '0' }).minBatchIntervalMs).toBe(0);
    expect(() => loadCoordinationConfig({ ...BASE, HUB_COORDINATION_BATCH_INTERVAL_MS: '0.5' })).toThrow('coordination: HUB_COORDINATION_BATCH_INTERVAL_MS must be a whole number of milliseconds, got "0.5"');
  });
});
