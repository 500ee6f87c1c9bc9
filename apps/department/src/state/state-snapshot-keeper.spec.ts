import { describe, expect, it } from '@jest/globals';
import { snapshotDueFrom } from './state-snapshot-keeper.js';

describe('snapshotDueFrom (when a running department folds its snapshot again)', () => {
  const look = { savedSeq: 1_000_000, savedIds: 300_000, minSeqs: 20_000, sizeShare: 0.5 };

  it('given a moving stream, then a snapshot of N events waits for N/2 seqs (each fold rewrites it whole), and a small one for 20k', () => {
    expect(snapshotDueFrom({ ...look, last: 1_100_000, lastLooked: 1_090_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, last: 1_150_000, lastLooked: 1_140_000 })).toBe(1_150_000);
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_019_999, lastLooked: 1_010_000 })).toBeUndefined();
    expect(snapshotDueFrom({ ...look, savedIds: 1_000, last: 1_030_000, lastLooked: 1_010_000 })).toBe(1_020_000);
  });

  it('given a stream that stood still since the last look, then 20k seqs are enough', () => {
    expect(snapshotDueFrom({ ...look, last: 1_030_000, lastLooked: 1_030_000 })).toBe(1_020_000);
    expect(snapshotDueFrom({ ...look, last: 1_010_000, lastLooked: 1_010_000 })).toBeUndefined();
  });

  it('given the first look, then the stream counts as moving', () => {
    expect(snapshotDueFrom({ ...look, last: 1_030_000, lastLooked: undefined })).toBeUndefined();
  });
});
