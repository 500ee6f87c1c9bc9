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

/**
 * {@link leafHash} of a hash given as its 32 bytes at `at` of `bytes` (a verify pass's workers decoded it already),
 * written into `out` at `outAt` instead of a new Buffer: a verify pass hashes a leaf per event
 * and a node per event, and a digest handed back as a Buffer costs about twice one handed back as a latin1 string
 * (`'binary'`, one character per byte, copied as it is): ~1.0 against ~0.5 µs here, mostly the Buffer's own allocation.
 */
export function leafOfHashBytesInto(bytes: Uint8Array, at: number, out: Buffer, outAt: number): void {
  for (let i = 0; i < 32; i += 1) leafInput[1 + i] = bytes[at + i] as number;
  out.write(hash('sha256', leafInput, 'binary'), outAt, 32, 'latin1');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 33);
  return hash('sha256', nodeInput, 'buffer');
}

const EMPTY_TREE = createHash('sha256').digest();

/**
 * The tree head (hex) over the event hashes, in the order given: the leaves hashed into one buffer and its root taken
 * by {@link rootOfLeaves}, not a Buffer and an object per leaf and node through {@link CompactRange} (a seal per
 * batch of the department service's appends: ~3% of its CPU per event through the NATS intake, profile of bench (c)).
 * A hash that is not 64 hex digits takes the compact range's way, which hashes it as it is.
 */
export function merkleRoot(eventHashes: readonly string[]): string {
  const leaves = Buffer.allocUnsafe(32 * eventHashes.length);
  for (let i = 0; i < eventHashes.length; i += 1) {
    const eventHash = eventHashes[i] as string;
    if (eventHash.length !== 64 || leafInput.write(eventHash, 1, 'hex') !== 32) return compactRoot(eventHashes);
    leaves.write(hash('sha256', leafInput, 'binary'), 32 * i, 32, 'latin1');
  }
  return rootOfLeaves(leaves);
}

function compactRoot(eventHashes: readonly string[]): string {
  const range = new CompactRange();
  for (const eventHash of eventHashes) range.append(eventHash);
  return range.root();
}

/**
 * The tree head (hex) over leaves already hashed, 32 bytes each, concatenated in order: {@link CompactRange}'s
 * appends and root, with its perfect subtrees' hashes kept in one buffer and each node hashed into it
 * ({@link leafOfHashBytesInto} says why), not an object and a Buffer per node.
 */
export function rootOfLeaves(leaves: Uint8Array): string {
  const bytes = Buffer.from(leaves.buffer, leaves.byteOffset, leaves.byteLength);
  const count = Math.floor(bytes.length / 32);
  if (count === 0) return EMPTY_TREE.toString('hex');
  // Subtree k's hash at 32k; sizes strictly decreasing powers of two, so at most 53 of them.
  const subtrees = Buffer.alloc(32 * 54);
  const sizes: number[] = [];
  for (let leaf = 0; leaf < count; leaf += 1) {
    let top = sizes.length;
    bytes.copy(subtrees, 32 * top, 32 * leaf, 32 * leaf + 32);
    let size = 1;
    while (top > 0 && sizes[top - 1] === size) {
      hashNodeInto(subtrees, 32 * (top - 1), 32 * top, 32 * (top - 1));
      sizes.pop();
      top -= 1;
      size *= 2;
    }
    sizes.push(size);
  }
  // From the right: each subtree to the left is the left child of the root of those right of it.
  for (let k = sizes.length - 2; k >= 0; k -= 1) hashNodeInto(subtrees, 32 * k, 32 * (k + 1), 32 * k);
  return subtrees.toString('hex', 0, 32);
}

/** {@link nodeHash} of the 32 bytes at `left` and at `right` of `nodes`, written at `outAt` of it. */
function hashNodeInto(nodes: Buffer, left: number, right: number, outAt: number): void {
  nodes.copy(nodeInput, 1, left, left + 32);
  nodes.copy(nodeInput, 33, right, right + 32);
  nodes.write(hash('sha256', nodeInput, 'binary'), outAt, 32, 'latin1');
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
