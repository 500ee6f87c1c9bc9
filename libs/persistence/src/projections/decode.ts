import type { HubEvent } from '@hub/domain';
import type { PositionedEvent, RawMessage } from '@hub/read-models';

export interface CorruptMessage {
  seq: number;
  streamSubject: string;
  reason: string;
  /** The body as UTF-8, or base64 when it is not valid UTF-8, so nothing of it is lost. */
  payload: string;
  /** The envelope's id when one could be read. */
  eventId: string | null;
}

export type DecodedMessage = { ok: true; event: PositionedEvent } | { ok: false; corrupt: CorruptMessage };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A JSON `\u0000` escape: an odd number of backslashes before `u0000` (`\\u0000` is an escaped backslash). */
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** The body as text PostgreSQL can store: UTF-8 without NUL, else base64 (`utf8: false`). */
function bodyText(data: Uint8Array): { text: string; utf8: boolean } {
  try {
    const text = utf8.decode(data);
    if (!text.includes('\u0000')) return { text, utf8: true };
  } catch {
    // not UTF-8: fall through to base64
  }
  return { text: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), utf8: false };
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && Number.isFinite(Date.parse(value));

/** Why the envelope cannot be projected, or undefined when it can. The subject must agree with the envelope. */
function envelopeProblem(doc: Record<string, unknown>, parts: string[]): string | undefined {
  const [hub, evt, department, region, aggregateType, aggregateId] = parts;
  if (parts.length !== 6 || hub !== 'hub' || evt !== 'evt') return 'subject is not hub.evt.<dept>.<region>.<type>.<id>';
  if (typeof doc['id'] !== 'string' || !UUID.test(doc['id'])) return 'id is not a UUID';
  if (typeof doc['type'] !== 'string' || doc['type'] === '') return 'type missing';
  if (doc['source'] !== `${department}/${region}`) return `source ${String(doc['source'])} does not match the subject`;
  if (doc['subject'] !== `${aggregateType}/${aggregateId}`) return `subject ${String(doc['subject'])} does not match the stream subject`;
  if (typeof doc['version'] !== 'number' || !Number.isSafeInteger(doc['version']) || doc['version'] < 1) return 'version is not a positive integer';
  if (!isInstant(doc['time'])) return 'time is not a timestamp';
  if (!isInstant(doc['recordedAt'])) return 'recordedAt is not a timestamp';
  const data = doc['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data is not an object';
  if (typeof doc['hash'] !== 'string') return 'hash missing';
  // No sig: signed by its batch seal (DESIGN.md "Seals and checkpoints"); one that is there must be text.
  if (doc['sig'] !== undefined && typeof doc['sig'] !== 'string') return 'sig is not a string';
  if (doc['prevHash'] !== null && typeof doc['prevHash'] !== 'string') return 'prevHash is neither a hash nor null';
  return undefined;
}

/**
 * Turns a stream message into an event the read models can take, or says why it is corrupt. Pure; the
 * projector records corrupt messages (never drops them) and moves on.
 */
export function decodeMessage(message: RawMessage): DecodedMessage {
  const { text: body, utf8: isUtf8 } = bodyText(message.data);
  const corrupt = (reason: string, eventId: string | null = null): DecodedMessage => ({
    ok: false,
    corrupt: { seq: message.seq, streamSubject: message.subject, reason, payload: body, eventId },
  });
  if (!isUtf8) return corrupt('body is not UTF-8 text (kept as base64)');
  // jsonb refuses the escape \u0000: such an event could never be archived, so it is reported instead of
  // failing every batch that contains it.
  if (body.includes('\\u0000') && NUL_ESCAPE.test(body)) return corrupt('contains \\u0000, which PostgreSQL text and jsonb cannot hold');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return corrupt('body is not JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return corrupt('body is not an event envelope');
  const envelope = doc as Record<string, unknown>;
  const parts = message.subject.split('.');
  const problem = envelopeProblem(envelope, parts);
  const id = typeof envelope['id'] === 'string' ? envelope['id'] : null;
  if (problem !== undefined) return corrupt(problem, id);
  const [, , department = '', region = '', aggregateType = '', aggregateId = ''] = parts;
  return {
    ok: true,
    event: {
      seq: message.seq,
      streamSubject: message.subject,
      event: envelope as unknown as HubEvent,
      unit: `${department}/${region}`,
      department,
      region,
      aggregateType,
      aggregateId,
    },
  };
}
