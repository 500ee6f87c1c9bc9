import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { HubEvent, UnsealedEvent } from './envelope.js';

/**
 * sha256 (hex) of the canonical form of the event without `hash` and `sig`. `actor` is covered when the
 * event has one; an event without it hashes exactly as before attribution, so older events still verify.
 */
export function hashEvent(event: UnsealedEvent | HubEvent): string {
  const { id, type, source, subject, time, recordedAt, version, data, prevHash, actor } = event;
  // Members in canonical (sorted) order already: canonicalJson then only reorders inside data.
  const unsealed: UnsealedEvent = { ...(actor === undefined ? {} : { actor }), data, id, prevHash, recordedAt, source, subject, time, type, version };
  return createHash('sha256').update(canonicalJson(unsealed), 'utf8').digest('hex');
}
