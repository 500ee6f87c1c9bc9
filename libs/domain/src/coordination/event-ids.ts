// Joint-office events are conclusions the coordination service re-derives on every replay. Giving
// each one an id computed from what it is about (not a random one) makes a re-derived event carry
// the id of the one already published, so JetStream's Nats-Msg-Id dedupe drops the repeat even
// after the service lost track of what it had published.
import { createHash } from 'node:crypto';

/** A UUID (RFC 9562 version 8, name-based on SHA-256) for an idempotency key. */
export function deterministicEventId(key: string): string {
  const hex = createHash('sha256').update(`net-sword/joint/${key}`, 'utf8').digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
