import { createHash, hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { takeCanonicalDataText } from './data-text.js';
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

/**
 * {@link canonicalForm} in pieces whose concatenation is that text, given the canonical JSON of `data` (the append
 * path: see canonicalDataText): data sorts after `actor` and before `id`. Written piece by piece into the body, not
 * joined into one string first (joining would copy the whole text once more).
 */
function canonicalPieces(event: UnsealedEvent, dataText: string): string[] {
  const { id, type, source, subject, time, recordedAt, version, prevHash, actor } = event;
  const members = { id, prevHash, recordedAt, source, subject, time, type, version };
  // Keys in sorted order and plain values: canonicalJson would write the object as it is (JSON.stringify), after
  // walking it to find that out; anything else (a non-string, a non-finite version) takes canonicalJson's way.
  const plain = isTextOrAbsent(id) && (prevHash === null || isTextOrAbsent(prevHash)) && isTextOrAbsent(recordedAt) && isTextOrAbsent(source) && isTextOrAbsent(subject) && isTextOrAbsent(time) && isTextOrAbsent(type) && typeof version === 'number' && Number.isFinite(version);
  const rest = plain ? JSON.stringify(members) : canonicalJson(members);
  const head = actor === undefined ? '{"data":' : typeof actor === 'string' ? `{"actor":${JSON.stringify(actor)},"data":` : `{"actor":${canonicalJson(actor)},"data":`;
  return rest === '{}' ? [head, dataText, '}'] : [head, dataText, ',', rest.slice(1)];
}

const isTextOrAbsent = (value: unknown): boolean => value === undefined || typeof value === 'string';

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
  const sealed = BODIES.get(event);
  return sealed === undefined ? bodyOf(canonicalForm(event), event.hash) : sealed.toString('utf8');
}

/** {@link storedBody} as the UTF-8 bytes stored: for an event sealed by {@link sealForBatch}, the bytes it encoded (not a copy). */
export function storedBytes(event: HubEvent): Uint8Array {
  return (event.sig === undefined ? BODIES.get(event) : undefined) ?? Buffer.from(storedBody(event), 'utf8');
}

const bodyOf = (canonical: string, hash: string): string => `${canonical.slice(0, -1)},"hash":${JSON.stringify(hash)}}`;

/** Stored bodies (bytes) of events sealed by {@link sealForBatch}, so the append path serialises and encodes each event once. */
const BODIES = new WeakMap<HubEvent, Buffer>();

/**
 * An event to be sealed by its batch's seal: `hash` added, and its stored body kept for {@link storedBytes}, both
 * from one canonical serialisation and one UTF-8 encoding (see {@link sealWithBody}).
 */
export function sealForBatch(event: UnsealedEvent): HubEvent {
  const sealed: HubEvent = { ...event, hash: '' };
  const body = sealWithBody(sealed);
  BODIES.set(sealed, body);
  return sealed;
}

/**
 * Seals `event` where it is: sets its `hash` (it must be the last member, as `{ ...event, hash }` would place it, and
 * nothing else may hold the object) and returns its stored body, the bytes {@link storedBody} would encode. The append
 * path passes the body on itself: the WeakMap entry {@link sealForBatch} keeps, and the copy of the event, cost ~3% of
 * the department's CPU per event through the NATS intake (profile of bench (c)).
 *
 * The canonical bytes are written once into a buffer with room for the `hash` tail; the hash is taken over them
 * closed with `}` (what hashing the string would encode), and the tail then overwrites that `}`. Hashing the string
 * and encoding the body apart transcoded every event twice, and a Hash object per event (create, update, digest)
 * cost about as much as the hashing (see hashOfStoredBody).
 */
export function sealWithBody(event: UnsealedEvent & { hash: string }): Buffer {
  const dataText = takeCanonicalDataText(event.data);
  const pieces = dataText === undefined ? [canonicalForm(event)] : canonicalPieces(event, dataText);
  let closed = 0;
  for (const piece of pieces) closed += Buffer.byteLength(piece, 'utf8');
  const body = Buffer.allocUnsafe(closed - 1 + HASH_TAIL_LENGTH);
  let at = 0;
  for (const piece of pieces) at += body.write(piece, at, 'utf8');
  const digest = hash('sha256', body.subarray(0, closed), 'hex');
  body.set(HASH_TAIL_PREFIX, closed - 1);
  body.write(digest, closed - 1 + HASH_TAIL_PREFIX.length, 'latin1');
  body[body.length - 2] = 0x22;
  body[body.length - 1] = 0x7d;
  event.hash = digest;
  return body;
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
