import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { newSigner } from '../audit/audit-fixtures.js';
import { checkpointValid, rangeOfCheckpoint, signCheckpoint } from './log-checkpoint.js';
import { CompactRange, merkleRoot } from './merkle.js';

const hashes = (n: number): string[] => Array.from({ length: n }, (_, i) => createHash('sha256').update(`e${i}`).digest('hex'));

describe('joint log checkpoints', () => {
  const key = newSigner();

  it('given the events so far, when checkpointed, then the tree head is the root over all of them, signed, with a frontier of log2 n subtrees', () => {
    const range = new CompactRange();
    for (const hash of hashes(13)) range.append(hash);
    const checkpoint = signCheckpoint(range, 20, key);
    expect(checkpoint).toMatchObject({ treeSize: 13, uptoSeq: 20, root: merkleRoot(hashes(13)) });
    expect(checkpoint.frontier.map((node) => Number(node.split(':')[0]))).toEqual([8, 4, 1]);
    expect(checkpointValid(checkpoint, key.publicKey)).toBe(true);
  });

  it('given a checkpoint, when the next continues from its frontier, then its root is the whole log\'s', () => {
    const first = new CompactRange();
    for (const hash of hashes(13)) first.append(hash);
    const resumed = rangeOfCheckpoint(signCheckpoint(first, 13, key));
    for (const hash of hashes(30).slice(13)) resumed.append(hash);
    expect(resumed.root()).toBe(merkleRoot(hashes(30)));
  });

  it('given a checkpoint with another key, another root, or a frontier that does not give its root, when checked, then it fails', () => {
    const range = new CompactRange();
    for (const hash of hashes(5)) range.append(hash);
    const checkpoint = signCheckpoint(range, 5, key);
    expect(checkpointValid(checkpoint, newSigner().publicKey)).toBe(false);
    expect(checkpointValid({ ...checkpoint, root: merkleRoot(hashes(4)) }, key.publicKey)).toBe(false);
    expect(checkpointValid({ ...checkpoint, frontier: [checkpoint.frontier[0] ?? ''] }, key.publicKey)).toBe(false);
  });
});
