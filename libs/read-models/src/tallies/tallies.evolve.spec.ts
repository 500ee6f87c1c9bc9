import { describe, expect, it } from '@jest/globals';
import { positioned } from '../testing/positioned.js';
import { tallyOf } from './tallies.evolve.js';

describe('tallyOf', () => {
  it('given a takedown, then a takedown tally with action, count and platform', () => {
    const e = positioned(9, 'samr/653100', 'takedown.recorded', 'takedown/T-1', { action: 'listing_removed', count: 1200, platform: '拼多多' });
    expect(tallyOf(e)).toMatchObject({ seq: 9, kind: 'takedown', aggregateId: 'T-1', action: 'listing_removed', targetKind: null, count: 1200, platform: '拼多多', unit: 'samr/653100' });
  });

  it('given an inspection and a rectification order, then tallies by target kind', () => {
    expect(tallyOf(positioned(1, 'postal/650100', 'inspection.recorded', 'inspection/I-1', { targetKind: 'postal_express_company', count: 18 }))).toMatchObject({ kind: 'inspection', targetKind: 'postal_express_company', count: 18, action: null });
    expect(tallyOf(positioned(2, 'nmpa/650100', 'rectification.ordered', 'rectification/R-1', { targetKind: 'device_platform', count: 2 }))).toMatchObject({ kind: 'rectification', targetKind: 'device_platform' });
  });

  it('given a seizure, then batches and pieces', () => {
    expect(tallyOf(positioned(3, 'customs/650100', 'seizure.recorded', 'seizure/S-2', { channel: 'postal_express', batches: 3, pieces: 450 }))).toMatchObject({ kind: 'seizure', channel: 'postal_express', batches: 3, pieces: 450, count: null });
  });

  it('given a count that is not an integer, then the tally keeps the row with no count', () => {
    expect(tallyOf(positioned(4, 'samr/653100', 'takedown.recorded', 'takedown/T-2', { action: 'listing_removed', count: '12' }))?.count).toBeNull();
  });

  it('given another event type, then no tally', () => {
    expect(tallyOf(positioned(5, 'samr/653100', 'case.opened', 'case/C-1', {}))).toBeUndefined();
  });
});
