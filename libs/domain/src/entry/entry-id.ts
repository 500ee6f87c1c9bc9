import { createHash } from 'node:crypto';

// The hub's own namespace for entry ids (a random v4 UUID fixed once; changing it would re-store every upload).
const ENTRY_NAMESPACE = '6f1c2a4e-93b7-4d2e-a8f5-0c7e1b9d3a52';

/**
 * A UUID v5 (RFC 9562: SHA-1 of namespace + name, version and variant bits set) for one event of an
 * uploaded row. The name is the unit, the sheet, the row's 编号 and the event type, so the same row
 * uploaded again — from this file or a re-saved copy — gets the same id and the log's idempotency
 * stores it once, while two units' "L-1" or a case's opened and decided events never collide.
 */
export function entryEventId(unit: string, sheet: string, key: string, eventType: string): string {
  const namespace = Buffer.from(ENTRY_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`${unit}|${sheet}|${key}|${eventType}`, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
