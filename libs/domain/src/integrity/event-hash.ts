import { createHash, hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { HubEvent, UnsealedEvent } from './envelope.js';

/**
 * sha256 (hex) of the canonical form of the event without `hash` and `sig`. `actor` is covered when the
 * event has one; an event without it hashes exactly as before attribution, so older events still verify.
 */
export function hashEvent(event: UnsealedEvent | HubEvent): string {
  return createHash('sha256').update(canonicalForm(event), 'utf8').digest('hex');
}

/** The canonical JSON `hash` is taken over: the envelope's members without `hash` and `sig`. */
function canonicalForm(event: UnsealedEvent | HubEvent): string {
  const { id, type, source, subject, time, recordedAt, version, data, prevHash, actor } = event;
  // Members in canonical (sorted) order already: canonicalJson then only reorders inside data.
  const unsealed: UnsealedEvent = { ...(actor === undefined ? {} : { actor }), data, id, prevHash, recordedAt, source, subject, time, type, version };
  return canonicalJson(unsealed);
}

/** `,"hash":"<64 hex>"}`: how a body laid out by {@link storedBody} ends. */
const HASH_TAIL_PREFIX = new TextEncoder().encode(',"hash":"');
const HASH_TAIL_LENGTH = HASH_TAIL_PREFIX.length + 64 + 2;

/**
 * The stored body of an event: for one sealed by batch (no `sig`), its canonical form with `hash` added as the
 * last member, so an auditor hashes the stored bytes before it as they are ({@link hashOfStoredBody}) instead of
 * parsing and re-serialising; an event signed on its own keeps the plain JSON it always had.
 */
export function storedBody(event: HubEvent): string {
  if (event.sig !== undefined) return JSON.stringify(event);
  return BODIES.get(event) ?? bodyOf(canonicalForm(event), event.hash);
}

const bodyOf = (canonical: string, hash: string): string => `${canonical.slice(0, -1)},"hash":${JSON.stringify(hash)}}`;

/** Stored bodies of events sealed by {@link sealForBatch}, so the append path serialises each event once. */
const BODIES = new WeakMap<HubEvent, string>();

/**
 * An event to be sealed by its batch's seal: `hash` added, and its stored body kept for {@link storedBody}, both
 * from one canonical serialisation (hashing, then storing, would serialise it twice on every append).
 */
export function sealForBatch(event: UnsealedEvent): HubEvent {
  const canonical = canonicalForm(event);
  const sealed: HubEvent = { ...event, hash: createHash('sha256').update(canonical, 'utf8').digest('hex') };
  BODIES.set(sealed, bodyOf(canonical, sealed.hash));
  return sealed;
}

/**
 * sha256 of the bytes a body laid out by {@link storedBody} holds before its `hash` member (closed with `}`),
 * or undefined for a body laid out otherwise. Equal to the body's `hash` only when those bytes are exactly what
 * the signer hashed: its canonical form, since a seal or signature over that hash vouches for them (a body
 * whose hash no seal covers is reported whatever it hashes to). Anything else is judged by {@link hashEvent}.
 */
export function hashOfStoredBody(body: Uint8Array): string | undefined {
  const tail = body.length - HASH_TAIL_LENGTH;
  if (tail < 1 || body[body.length - 1] !== 0x7d || body[body.length - 2] !== 0x22) return undefined;
  for (let i = 0; i < HASH_TAIL_PREFIX.length; i += 1) if (body[tail + i] !== HASH_TAIL_PREFIX[i]) return undefined;
  for (let i = tail + HASH_TAIL_PREFIX.length; i < body.length - 2; i += 1) {
    const c = body[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return undefined;
  }
  // One-shot over a copy closed with `}`: a Hash object per event (create, two updates, digest) cost a verify
  // pass's workers about as much as the hashing.
  if (scratch.length < tail + 1) scratch = Buffer.alloc(2 * (tail + 1));
  scratch.set(body.subarray(0, tail));
  scratch[tail] = 0x7d;
  return hash('sha256', scratch.subarray(0, tail + 1), 'hex');
}

let scratch = Buffer.alloc(4096);
