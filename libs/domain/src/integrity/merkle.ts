import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing over event hashes: a leaf is the event's
 * 32-byte sha256 (its hex `hash` decoded), hashed as SHA-256(0x00 · leaf); an inner node is
 * SHA-256(0x01 · left · right); a tree of n leaves splits at the largest power of two below n. Any CT
 * library or the few lines in the README can therefore check a root or an inclusion path.
 */
// One-shot hashing of a reused input buffer (prefix byte, then the 32-byte halves): a verify pass hashes about
// two nodes per event, and a Hash object per node cost as much again as the hashing.
const leafInput = Buffer.alloc(33, 0);
const nodeInput = Buffer.alloc(65, 1);

export function leafHash(eventHashHex: string): Buffer {
  // Hex decoding stops at the first pair that is not hex ([0-9a-fA-F]): 32 bytes written from 64 characters is the
  // check a regular expression made, without one per leaf.
  if (eventHashHex.length !== 64 || leafInput.write(eventHashHex, 1, 'hex') !== 32) return createHash('sha256').update(Buffer.from([0])).update(Buffer.from(eventHashHex, 'hex')).digest();
  return hash('sha256', leafInput, 'buffer');
}

/** {@link leafHash} of a hash given as its 32 bytes at `at` of `bytes` (a verify pass's workers decoded it already). */
export function leafOfHashBytes(bytes: Uint8Array, at: number): Buffer {
  for (let i = 0; i < 32; i += 1) leafInput[1 + i] = bytes[at + i] as number;
  return hash('sha256', leafInput, 'buffer');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 33);
  return hash('sha256', nodeInput, 'buffer');
}

const EMPTY_TREE = createHash('sha256').digest();

/** The tree head (hex) over the event hashes, in the order given. */
export function merkleRoot(eventHashes: readonly string[]): string {
  const range = new CompactRange();
  for (const hash of eventHashes) range.append(hash);
  return range.root();
}

/** The tree head (hex) over leaves already hashed, 32 bytes each, concatenated in order. */
export function rootOfLeaves(leaves: Uint8Array): string {
  const range = new CompactRange();
  const bytes = Buffer.from(leaves.buffer, leaves.byteOffset, leaves.byteLength);
  for (let at = 0; at + 32 <= bytes.length; at += 32) range.appendLeaf(bytes.subarray(at, at + 32));
  return range.root();
}

/**
 * The right edge of a Merkle tree: one hash per perfect subtree of the binary decomposition of its size
 * (at most log2 n hashes). Appending is O(1) amortised and the root O(log n), so the joint checkpoint
 * follows a million-event log without rehashing it, and the frontier (a few hundred bytes) can be saved
 * with a checkpoint and resumed from it.
 */
export class CompactRange {
  /** Perfect subtrees left to right: sizes strictly decreasing powers of two. */
  private readonly nodes: { size: number; hash: Buffer }[];

  constructor(frontier: readonly { size: number; hash: string }[] = []) {
    this.nodes = frontier.map((node) => ({ size: node.size, hash: Buffer.from(node.hash, 'hex') }));
  }

  get size(): number {
    return this.nodes.reduce((sum, node) => sum + node.size, 0);
  }

  append(eventHashHex: string): void {
    this.appendLeaf(leafHash(eventHashHex));
  }

  /** Appends a leaf already hashed ({@link leafHash}): a verify pass hashes leaves on its worker threads. */
  appendLeaf(leaf: Buffer): void {
    let node = { size: 1, hash: leaf };
    for (let last = this.nodes.at(-1); last && last.size === node.size; last = this.nodes.at(-1)) {
      this.nodes.pop();
      node = { size: node.size * 2, hash: nodeHash(last.hash, node.hash) };
    }
    this.nodes.push(node);
  }

  /** The tree head as hex (sha256 of nothing for an empty tree). */
  root(): string {
    let hash: Buffer | undefined;
    for (let i = this.nodes.length - 1; i >= 0; i -= 1) {
      const node = this.nodes[i] as { hash: Buffer };
      hash = hash ? nodeHash(node.hash, hash) : node.hash;
    }
    return (hash ?? EMPTY_TREE).toString('hex');
  }

  frontier(): { size: number; hash: string }[] {
    return this.nodes.map((node) => ({ size: node.size, hash: node.hash.toString('hex') }));
  }
}

/** RFC 9162 §2.1.3.1: the audit path (hex, leaf to root) of leaf `index` in the tree over `eventHashes`. */
export function inclusionPath(eventHashes: readonly string[], index: number): string[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= eventHashes.length) throw new RangeError(`leaf ${index} is not in a tree of ${eventHashes.length}`);
  const leaves = eventHashes.map(leafHash);
  const path: Buffer[] = [];
  const walk = (from: number, to: number, at: number): void => {
    if (to - from <= 1) return;
    const k = largestPowerOfTwoBelow(to - from);
    if (at < from + k) {
      walk(from, from + k, at);
      path.push(subtreeHash(leaves, from + k, to));
    } else {
      walk(from + k, to, at);
      path.push(subtreeHash(leaves, from, from + k));
    }
  };
  walk(0, leaves.length, index);
  return path.map((hash) => hash.toString('hex'));
}

function subtreeHash(leaves: readonly Buffer[], from: number, to: number): Buffer {
  if (to - from === 1) return leaves[from] as Buffer;
  const k = largestPowerOfTwoBelow(to - from);
  return nodeHash(subtreeHash(leaves, from, from + k), subtreeHash(leaves, from + k, to));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 9162 §2.1.3.2: the root (hex) that `path` proves for leaf `index` of a tree of `size` leaves, or
 * undefined when the path cannot belong to such a tree. Compare it with the signed root.
 */
export function rootFromInclusionPath(eventHashHex: string, index: number, size: number, path: readonly string[]): string | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let hash = leafHash(eventHashHex);
  for (const sibling of path) {
    if (sn === 0) return undefined;
    const p = Buffer.from(sibling, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(p, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      hash = nodeHash(hash, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? hash.toString('hex') : undefined;
}
