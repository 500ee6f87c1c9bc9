// The README's inclusion-proof check ("Checking an inclusion proof") with WebCrypto alone, so the web UI can run it in
// the browser on what GET /api/v1/audit/proof answered: no node:crypto, no Buffer, nothing but the answer and the
// key registry. checkInclusionProof is the same check for Node (synchronous, for speed); the spec holds the two to
// the same verdicts. Imports only modules without imports of their own, which the web bundle can take as they are.
import type { AuditInclusionProof } from '@hub/contracts';
import { canonicalJson } from './canonical-json.js';
import { keyValidAt, type KeyRegistry, type RegisteredKey } from '../audit/key-window.js';

export interface ProofVerdict {
  /** The event's content hashes to its `hash` (it was not altered). */
  eventIntact: boolean;
  /** The root recomputed from the event's hash up the path (RFC 9162), or null where the path does not fit the tree. */
  recomputedRoot: string | null;
  /** The recomputed root is the seal's, over a tree of the seal's size. */
  inSealedTree: boolean;
  /** The seal's `batch` lists the event's sequence. */
  sealListsEvent: boolean;
  /** The seal's content hashes to its `hash`. */
  sealIntact: boolean;
  /** The key the signature was checked with: the event's department's, valid when the seal was made. */
  key: RegisteredKey | null;
  /** The seal's ed25519 signature over its hash, with that key (false when there is no such key). */
  signatureValid: boolean;
  /** All of the above: the department signed exactly this event. */
  proven: boolean;
}

export async function checkInclusionProofWebCrypto(proof: AuditInclusionProof, registry: KeyRegistry): Promise<ProofVerdict> {
  const { event, seal } = proof;
  const { id, type, source, subject, time, recordedAt, version, data, prevHash, actor } = event;
  const eventIntact = (await sha256Hex(canonicalJson({ id, type, source, subject, time, recordedAt, version, data, prevHash, actor }))) === event.hash;
  const recomputedRoot = (await rootFromInclusionPathWebCrypto(event.hash, proof.leafIndex, proof.treeSize, proof.path)) ?? null;
  const inSealedTree = recomputedRoot === seal.root && proof.treeSize === seal.count;
  const sealListsEvent = seal.batch.some(([from, to]) => from <= proof.seq && proof.seq <= to);
  const { kind, signer, batch, count, root, prevSeal, sealedAt } = seal;
  const sealIntact = (await sha256Hex(canonicalJson({ kind, signer, batch, count, root, prevSeal, sealedAt }))) === seal.hash;
  const key = keyValidAt(registry, source.split('/')[0] ?? '', sealedAt) ?? null;
  const signatureValid = key !== null && (await ed25519Valid(key.publicKey, seal.hash, seal.sig));
  return { eventIntact, recomputedRoot, inSealedTree, sealListsEvent, sealIntact, key, signatureValid, proven: eventIntact && inSealedTree && sealListsEvent && sealIntact && signatureValid };
}

/** RFC 9162 §2.1.3.2: the root an inclusion path leads to from the event's hash (hex), undefined where it does not fit. */
export async function rootFromInclusionPathWebCrypto(eventHashHex: string, index: number, size: number, path: readonly string[]): Promise<string | undefined> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let hash = await sha256(concat([0], fromHex(eventHashHex)));
  for (const sibling of path) {
    if (sn === 0) return undefined;
    const p = fromHex(sibling);
    if (fn % 2 === 1 || fn === sn) {
      hash = await sha256(concat([1], p, hash));
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      hash = await sha256(concat([1], hash, p));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? toHex(hash) : undefined;
}

/** Ed25519 over the UTF-8 of `hash` (as the hub signs), with an nkey public key (`U…`: base32 of prefix · key · crc16). */
async function ed25519Valid(publicKey: string, hash: string, sigBase64: string): Promise<boolean> {
  const raw = nkeyRawKey(publicKey);
  if (!raw) return false;
  try {
    const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, Uint8Array.from(atob(sigBase64), (c) => c.charCodeAt(0)), new TextEncoder().encode(hash));
  } catch {
    return false; // a malformed signature or key verifies nothing
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function nkeyRawKey(publicKey: string): Uint8Array<ArrayBuffer> | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of publicKey) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length === 35 ? Uint8Array.from(out.slice(1, 33)) : undefined;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(await sha256(new TextEncoder().encode(text)));
}

function concat(...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
