import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { HubEvent, UnsealedEvent } from './envelope.js';

/** sha256 (hex) of the canonical form of the event without `hash` and `sig`. */
export function hashEvent(event: UnsealedEvent | HubEvent): string {
  const { id, type, source, subject, time, recordedAt, version, data, prevHash } = event;
  const unsealed: UnsealedEvent = { id, type, source, subject, time, recordedAt, version, data, prevHash };
  return createHash('sha256').update(canonicalJson(unsealed), 'utf8').digest('hex');
}
