import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { storedBody, type HubEvent } from '@hub/domain';
import { CorruptEventError } from './errors.js';

// Headers that let a headers-only consumer rebuild aggregate heads and the id index without bodies.
export const HEADER_VERSION = 'Hub-Version';
export const HEADER_HASH = 'Hub-Hash';
export const HEADER_MSG_ID = 'Nats-Msg-Id';
/** The seal chain (`<department>/<instance>`) that appended the event: whose start-up sweep seals it if a crash cut the seal. */
export const HEADER_SEALER = 'Hub-Sealer';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEvent(event: HubEvent, sealer?: string): { body: Uint8Array; headers: MsgHdrs } {
  const headers = natsHeaders();
  headers.set(HEADER_VERSION, String(event.version));
  headers.set(HEADER_HASH, event.hash);
  if (sealer !== undefined) headers.set(HEADER_SEALER, sealer);
  return { body: encoder.encode(storedBody(event)), headers };
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
