import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { merkleRoot } from './merkle.js';
import type { EventSigner } from './signing.js';
import { verifySignature } from './signing.js';

/**
 * How long a stored event may wait for its batch's seal (the signing service seals within a request):
 * younger, an unsealed event is not a finding yet, and not a peer's to seal at start-up.
 */
export const SEAL_GRACE_MS = 60_000;

/** One stored event as a seal covers it: its stream sequence and its `hash`. */
export interface SealedLeaf {
  seq: number;
  hash: string;
}

/**
 * A department's signature over one appended batch (DESIGN.md "Seals and checkpoints"), stored on
 * `hub.seal.<dept>.<instance>` right after the batch's events. One ed25519 signature covers every event
 * of the batch through the RFC 9162 root of their hashes in stream order; `prevSeal` chains the signer's
 * seals, so a seal dropped or reordered shows as a break in the chain.
 */
export interface BatchSeal {
  kind: 'seal';
  /** `<department>/<instance>`: the service instance whose chain this seal continues. */
  signer: string;
  /** Stream sequences covered, as ascending inclusive [from, to] ranges. */
  batch: [number, number][];
  count: number;
  /** RFC 9162 tree head (hex) over the covered events' hashes in stream order. */
  root: string;
  /** `hash` of the signer's previous seal, null for its first. */
  prevSeal: string | null;
  /** The signer's clock when it sealed (ISO 8601 UTC): picks the registered key, like an event's recordedAt. */
  sealedAt: string;
  /** sha256 (hex) of the canonical JSON of the seal without `hash` and `sig`. */
  hash: string;
  /** ed25519 (base64) over `hash`, by the department's key. */
  sig: string;
}

export type UnsignedSeal = Omit<BatchSeal, 'hash' | 'sig'>;

export function hashSeal(seal: UnsignedSeal | BatchSeal): string {
  const { kind, signer, batch, count, root, prevSeal, sealedAt } = seal;
  return createHash('sha256').update(canonicalJson({ kind, signer, batch, count, root, prevSeal, sealedAt }), 'utf8').digest('hex');
}

/** Ascending [from, to] ranges of the given (ascending) sequences. */
export function seqRanges(seqs: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const seq of seqs) {
    const last = ranges.at(-1);
    if (last && seq === last[1] + 1) last[1] = seq;
    else ranges.push([seq, seq]);
  }
  return ranges;
}

/** Every sequence the ranges cover, ascending. */
export function seqsOf(ranges: readonly [number, number][]): number[] {
  const seqs: number[] = [];
  for (const [from, to] of ranges) for (let seq = from; seq <= to; seq += 1) seqs.push(seq);
  return seqs;
}

/**
 * The `leaves` none of the `stored` seals covers. A seal whose ack was lost (a timeout, a dropped
 * connection) is stored all the same: a retry seals only what it left out, or the same events would be
 * covered twice (the audit's SEAL_COVERS_UNKNOWN on the second seal).
 */
export function stillUnsealed(leaves: readonly SealedLeaf[], stored: readonly Pick<BatchSeal, 'batch'>[]): SealedLeaf[] {
  const covered = (seq: number): boolean => stored.some((seal) => seal.batch.some(([from, to]) => seq >= from && seq <= to));
  return leaves.filter((leaf) => !covered(leaf.seq));
}

/** Seals stored events (any order given; the seal lists them in stream order) as the next link of the signer's chain. */
export function signSeal(leaves: readonly SealedLeaf[], options: { signer: string; prevSeal: string | null; sealedAt: string }, key: EventSigner): BatchSeal {
  const sorted = [...leaves].sort((a, b) => a.seq - b.seq);
  const unsigned: UnsignedSeal = {
    kind: 'seal',
    signer: options.signer,
    batch: seqRanges(sorted.map((leaf) => leaf.seq)),
    count: sorted.length,
    root: merkleRoot(sorted.map((leaf) => leaf.hash)),
    prevSeal: options.prevSeal,
    sealedAt: options.sealedAt,
  };
  const hash = hashSeal(unsigned);
  return { ...unsigned, hash, sig: key.sign(hash) };
}

/** Whether the seal's hash covers its content and its signature verifies with `publicKey`. */
export function sealSignatureValid(seal: BatchSeal, publicKey: string): boolean {
  return hashSeal(seal) === seal.hash && verifySignature(publicKey, seal.hash, seal.sig);
}

/** Which seal members are missing or mistyped; [] for a well-formed seal. */
export function sealProblems(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['not a JSON object'];
  const s = doc as Record<string, unknown>;
  const problems: string[] = [];
  if (s.kind !== 'seal') problems.push('kind is not "seal"');
  for (const field of ['signer', 'root', 'sealedAt', 'hash', 'sig'] as const) if (typeof s[field] !== 'string') problems.push(`${field} is not a string`);
  if (s.prevSeal !== null && typeof s.prevSeal !== 'string') problems.push('prevSeal is neither a hash nor null');
  if (typeof s.count !== 'number' || !Number.isSafeInteger(s.count) || s.count < 1) problems.push('count is not a positive integer');
  const rangesOk =
    Array.isArray(s.batch) &&
    s.batch.length > 0 &&
    s.batch.every((range: unknown, i: number, all: unknown[]) => {
      if (!Array.isArray(range) || range.length !== 2) return false;
      const [from, to] = range as unknown[];
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || (from as number) < 1 || (to as number) < (from as number)) return false;
      const previous = all[i - 1] as [number, number] | undefined;
      return previous === undefined || (from as number) > previous[1];
    });
  if (!rangesOk) problems.push('batch is not a list of ascending [from, to] sequence ranges');
  else if (typeof s.count === 'number' && (s.batch as [number, number][]).reduce((n, [from, to]) => n + to - from + 1, 0) !== s.count) problems.push('count differs from the sequences in batch');
  return problems;
}
