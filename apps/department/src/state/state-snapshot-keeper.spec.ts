import { describe, expect, it } from '@jest/globals';
import { snapshotDueFrom } from './state-snapshot-keeper.js';

describe('snapshotDueFrom (when a running department folds its snapshot again)', () => {
  const look = { savedSeq: 1_000_000, savedIds: 300_000, minSeqs: 20_000, sizeShare: 0.5, busySeqs: 200_000, quietSeqs: 2_000 };

  it('given a trickle, then a snapshot of N events waits for N/2 seqs (each fold rewrites it whole), and a small one for 20k', () => {
    expect(snapshotDueFrom({ ...look, last: 1_100_000, lastLooked: 1_099_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, last: 1_150_000, lastLooked: 1_149_000 })).toBe(1_150_000);
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_019_999, lastLooked: 1_019_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_030_000, lastLooked: 1_029_000 })).toBe(1_020_000);
  });

  it('given a busy hub (2,000 seqs or more since the last look), then a fold waits for 200k seqs, or N/2 of a larger snapshot', () => {
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_030_000, lastLooked: 1_028_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_199_999, lastLooked: 1_100_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_250_000, lastLooked: 1_100_000 })).toBe(1_200_000);
    expect(snapshotDueFrom({ ...look, savedIds: 1_000_000, last: 1_400_000, lastLooked: 1_300_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000_000, last: 1_600_000, lastLooked: 1_500_000 })).toBe(1_500_000);
  });

  it('given a stream that stood still since the last look, then 20k seqs are enough, whatever the load before', () => {
    expect(snapshotDueFrom({ ...look, last: 1_030_000, lastLooked: 1_030_000 })).toBe(1_020_000);
    expect(snapshotDueFrom({ ...look, last: 1_010_000, lastLooked: 1_010_000 })).toBeUndefined();
  });

  it('given the first look, then the hub counts as busy', () => {
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_030_000, lastLooked: undefined })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_200_000, lastLooked: undefined })).toBe(1_200_000);
  });
});
