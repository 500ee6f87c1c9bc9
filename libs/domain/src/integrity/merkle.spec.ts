import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { CompactRange, inclusionPath, leafHash, leafOfHashBytesInto, merkleRoot, nodeHash, rootFromInclusionPath, rootOfLeaves } from './merkle.js';

const hashes = (n: number): string[] => Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest('hex'));

describe('RFC 9162 Merkle tree hashing', () => {
  it('given no leaves, when hashed, then the root is sha256 of nothing', () => {
    expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'));
  });

  it('given one, two and three leaves, when hashed, then leaves carry 0x00, nodes 0x01, and the split is at the largest power of two below n', () => {
    const [a = '', b = '', c = ''] = hashes(3);
    const manualLeaf = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(a, 'hex')])).digest();
    expect(leafHash(a)).toEqual(manualLeaf);
    expect(merkleRoot([a])).toBe(manualLeaf.toString('hex'));
    expect(merkleRoot([a, b])).toBe(nodeHash(leafHash(a), leafHash(b)).toString('hex'));
    expect(merkleRoot([a, b, c])).toBe(nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c)).toString('hex'));
  });

  it('given every leaf of trees of 1 to 33 leaves, when its inclusion path is checked, then it leads to the root, and not from another index', () => {
    for (let size = 1; size <= 33; size += 1) {
      const leaves = hashes(size);
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index += 1) {
        const path = inclusionPath(leaves, index);
        expect(rootFromInclusionPath(leaves[index] ?? '', index, size, path)).toBe(root);
        if (size > 1) expect(rootFromInclusionPath(leaves[index] ?? '', (index + 1) % size, size, path)).not.toBe(root);
      }
    }
  });

  it('given a path with one byte flipped, a truncated path or an index outside the tree, when checked, then no root or another root', () => {
    const leaves = hashes(11);
    const path = inclusionPath(leaves, 6);
    const flipped = path.map((hash, i) => (i === 1 ? `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}` : hash));
    expect(rootFromInclusionPath(leaves[6] ?? '', 6, 11, flipped)).not.toBe(merkleRoot(leaves));
    expect(rootFromInclusionPath(leaves[6] ?? '', 6, 11, path.slice(1))).toBeUndefined();
    expect(rootFromInclusionPath(leaves[6] ?? '', 11, 11, path)).toBeUndefined();
    expect(() => inclusionPath(leaves, 11)).toThrow(RangeError);
  });

  it('given a compact range saved as its frontier and resumed, when more leaves are appended, then the root is the whole tree\'s', () => {
    const leaves = hashes(1_000);
    const first = new CompactRange();
    for (const hash of leaves.slice(0, 613)) first.append(hash);
    expect(first.frontier().length).toBeLessThanOrEqual(10);
    const resumed = new CompactRange(first.frontier());
    for (const hash of leaves.slice(613)) resumed.append(hash);
    expect(resumed.size).toBe(1_000);
    expect(resumed.root()).toBe(merkleRoot(leaves));
  });
  it('given leaves hashed beforehand and joined 32 bytes each (a verify pass hashes them on its workers), when the root is taken, then it is the tree head over the event hashes', () => {
    for (const n of [0, 1, 2, 3, 7, 125]) {
      const eventHashes = hashes(n);
      const joined = new Uint8Array(32 * n);
      eventHashes.forEach((hash, i) => joined.set(leafHash(hash), 32 * i));
      expect(rootOfLeaves(joined)).toBe(merkleRoot(eventHashes));
      if (n > 1) expect(rootOfLeaves(joined.subarray(32))).not.toBe(merkleRoot(eventHashes));
    }
  });
  it('given every tree size from 0 to 300 and 1,000 (each shape of the right edge), when the root is taken from joined leaves, then it is the compact range\'s', () => {
    const eventHashes = hashes(1_000);
    const joined = Buffer.alloc(32 * 1_000);
    eventHashes.forEach((hash, i) => leafOfHashBytesInto(Buffer.from(hash, 'hex'), 0, joined, 32 * i));
    for (const n of [...Array.from({ length: 301 }, (_, n) => n), 1_000]) {
      const range = new CompactRange();
      for (const hash of eventHashes.slice(0, n)) range.append(hash);
      expect(rootOfLeaves(joined.subarray(0, 32 * n))).toBe(range.root());
    }
  });
  it('given a hash as bytes inside a larger buffer, when its leaf is written into another, then it is leafHash of its hex and nothing around it changes', () => {
    for (const hash of hashes(50)) {
      const bytes = Buffer.concat([Buffer.from('prefix'), Buffer.from(hash, 'hex'), Buffer.from('suffix')]);
      const out = Buffer.alloc(100, 0xaa);
      leafOfHashBytesInto(bytes, 6, out, 40);
      expect(out.subarray(40, 72).equals(leafHash(hash))).toBe(true);
      expect(out.subarray(0, 40).every((b) => b === 0xaa) && out.subarray(72).every((b) => b === 0xaa)).toBe(true);
    }
  });
  it('given every tree size from 0 to 300 and 1,000, and hashes that are not 64 hex digits, when merkleRoot takes the root, then it is the compact range\'s', () => {
    const eventHashes = hashes(1_000);
    const odd = [...hashes(5), 'not hex', eventHashes[0]?.toUpperCase() ?? '', `${eventHashes[1] ?? ''}00`];
    for (const list of [...[...Array.from({ length: 301 }, (_, n) => n), 1_000].map((n) => eventHashes.slice(0, n)), odd]) {
      const range = new CompactRange();
      for (const hash of list) range.append(hash);
      expect(merkleRoot(list)).toBe(range.root());
    }
  });
});
