import type { MsgHdrs } from '@nats-io/transport-node';
import { storedBytes, type HubEvent } from '@hub/domain';
import { appendHeaderFactory } from './append-headers.js';
import { CorruptEventError } from './errors.js';
import type { HeaderPair } from './jetstream-publisher.js';

// Headers that let a headers-only consumer rebuild aggregate heads and the id index without bodies.
export const HEADER_VERSION = 'Hub-Version';
export const HEADER_HASH = 'Hub-Hash';
export const HEADER_MSG_ID = 'Nats-Msg-Id';
/** The seal chain (`<department>/<instance>`) that appended the event: whose start-up sweep seals it if a crash cut the seal. */
export const HEADER_SEALER = 'Hub-Sealer';

const encoder = new TextEncoder();
const appendHeaders = appendHeaderFactory([HEADER_VERSION, HEADER_HASH, HEADER_SEALER]);
const decoder = new TextDecoder();

export function encodeEvent(event: HubEvent, sealer?: string): { body: Uint8Array; headers: MsgHdrs } {
  const headers = appendHeaders();
  headers.set(HEADER_VERSION, String(event.version));
  headers.set(HEADER_HASH, event.hash);
  if (sealer !== undefined) headers.set(HEADER_SEALER, sealer);
  return { body: storedBytes(event), headers };
}

/**
 * {@link encodeEvent}'s headers as name/value pairs in the order it sets them, for {@link JetStreamPublisher}: the
 * append path writes them as one header block instead of a header set.
 */
export function appendHeaderPairs(event: HubEvent, sealer?: string): HeaderPair[] {
  const pairs: HeaderPair[] = [
    [HEADER_VERSION, String(event.version)],
    [HEADER_HASH, event.hash],
  ];
  if (sealer !== undefined) pairs.push([HEADER_SEALER, sealer]);
  return pairs;
}

export function decodeEvent(body: Uint8Array, seq: number): HubEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    throw new CorruptEventError(seq, 'body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as HubEvent).id !== 'string') {
    throw new CorruptEventError(seq, 'body is not an event envelope');
  }
  return parsed as HubEvent;
}

const SIGNED_HEAD = encoder.encode('{"id":"');
const TYPE_AFTER_ID = encoder.encode('","type":"');
const HASH_TAIL = encoder.encode(',"hash":"');
const VERSION_BEFORE_HASH = encoder.encode(',"version":');
const TYPE_BEFORE_VERSION = encoder.encode(',"type":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The event's `type`, read off the stored body's bytes without parsing it, where the body has one of the two
 * layouts the hub writes; undefined otherwise (the caller then decodes it). An event sealed by batch ends
 * `,"type":"<type>","version":<n>,"hash":"<hex>"}` (canonical members, hash last: storedBody); one signed on its
 * own starts `{"id":"<id>","type":"<type>"`. Both places are members of the outermost object, so the type is
 * the one JSON.parse reads. A fold that needs a few types of a filter's events (the request book: a lead's
 * referral among every unit's leads) skips the rest without decoding them: decoding was a quarter of an idle
 * department's CPU while its snapshot followed the stream. A `Hub-Type` header would not do: nats.js decodes a
 * message's headers as slowly as JSON.parse reads a 760-byte body (~5 µs each), and a headers-only read costs
 * nats-server what a whole one does (~5 µs a message either way).
 */
export function sniffEventType(body: Uint8Array): string | undefined {
  return sealedType(body) ?? signedType(body);
}

function sealedType(body: Uint8Array): string | undefined {
  // ,"hash":"<hex>"}
  const end = body.length;
  if (end < 2 || body[end - 1] !== 0x7d || body[end - 2] !== QUOTE) return undefined;
  let i = end - 3;
  while (i >= 0 && isHex(body[i])) i -= 1;
  const hashAt = i - HASH_TAIL.length + 1;
  if (!matchesAt(body, hashAt, HASH_TAIL)) return undefined;
  // ,"version":<digits>
  i = hashAt - 1;
  const digitsEnd = i;
  while (i >= 0 && isDigit(body[i])) i -= 1;
  if (i === digitsEnd) return undefined;
  const versionAt = i - VERSION_BEFORE_HASH.length + 1;
  if (!matchesAt(body, versionAt, VERSION_BEFORE_HASH)) return undefined;
  // ,"type":"<type>"
  i = versionAt - 1;
  if (i < 0 || body[i] !== QUOTE) return undefined;
  const typeEnd = i;
  i -= 1;
  while (i >= 0 && body[i] !== QUOTE) {
    if (body[i] === BACKSLASH) return undefined;
    i -= 1;
  }
  const typeAt = i - TYPE_BEFORE_VERSION.length + 1;
  if (!matchesAt(body, typeAt, TYPE_BEFORE_VERSION)) return undefined;
  return ascii(body, i + 1, typeEnd);
}

function signedType(body: Uint8Array): string | undefined {
  if (!matchesAt(body, 0, SIGNED_HEAD)) return undefined;
  let i = SIGNED_HEAD.length;
  while (i < body.length && body[i] !== QUOTE) {
    if (body[i] === BACKSLASH) return undefined;
    i += 1;
  }
  if (!matchesAt(body, i, TYPE_AFTER_ID)) return undefined;
  const typeAt = i + TYPE_AFTER_ID.length;
  for (i = typeAt; i < body.length && body[i] !== QUOTE; i += 1) {
    if (body[i] === BACKSLASH) return undefined;
  }
  return i < body.length ? ascii(body, typeAt, i) : undefined;
}

function matchesAt(body: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at < 0 || at + bytes.length > body.length) return false;
  for (let k = 0; k < bytes.length; k += 1) if (body[at + k] !== bytes[k]) return false;
  return true;
}

const isHex = (byte: number | undefined): boolean => byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66));
const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/** The bytes as a string when all are ASCII (event types are), else undefined (decoded the slow way). */
function ascii(body: Uint8Array, from: number, to: number): string | undefined {
  let out = '';
  for (let k = from; k < to; k += 1) {
    const byte = body[k] ?? 0x80;
    if (byte >= 0x80) return undefined;
    out += String.fromCharCode(byte);
  }
  return out;
}

/** The head facts carried in headers: id, version and hash of the stored event. */
export function headFromHeaders(headers: MsgHdrs | undefined, seq: number): { id: string; version: number; hash: string } {
  const id = headers?.get(HEADER_MSG_ID) ?? '';
  const version = Number(headers?.get(HEADER_VERSION));
  const hash = headers?.get(HEADER_HASH) ?? '';
  if (!id || !Number.isInteger(version) || version < 1 || !hash) {
    throw new CorruptEventError(seq, 'missing hub headers');
  }
  return { id, version, hash };
}
