import type { JetStreamApiCodes } from '@nats-io/jetstream';

/** A JetStream publish answer as {@link JetStreamPublisher} reads it: JSON.parse of its bytes, or the same fields read off them. */
export interface AckAnswer {
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  error?: { code: number; err_code: JetStreamApiCodes; description: string };
}

const decoder = new TextDecoder();
const HEAD = Buffer.from('{"stream":"', 'latin1');
const SEQ = Buffer.from('","seq":', 'latin1');
const DUPLICATE_TAIL = Buffer.from(',"duplicate":true}', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;

/**
 * The answer to a publish. nats-server writes a stored message's ack as `{"stream":"<name>","seq":<n>}` (with
 * `,"duplicate":true` before the brace when its dedupe window held the id): that layout is read off the bytes, the
 * fields JSON.parse would give, without a decoded string, a parse and an object per appended event; any other
 * answer (an error, a domain, another order) is JSON.parse's. Throws where JSON.parse throws.
 */
export function readAck(data: Uint8Array): AckAnswer {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!startsWith(bytes, HEAD, 0)) return parsed(data);
  let at = HEAD.length;
  while (at < bytes.length && bytes[at] !== QUOTE && bytes[at] !== BACKSLASH && (bytes[at] as number) < 0x80) at += 1;
  const streamEnd = at;
  if (!startsWith(bytes, SEQ, at)) return parsed(data);
  at += SEQ.length;
  const digits = at;
  // At most 15 digits: any such number is exact as JSON.parse reads it, and a stream's sequences stay far below.
  while (at < bytes.length && at - digits < 16 && isDigit(bytes[at] as number)) at += 1;
  if (at === digits || at - digits > 15 || (bytes[digits] === 0x30 && at - digits > 1)) return parsed(data);
  const tail = at;
  const duplicate = bytes.length === tail + DUPLICATE_TAIL.length && startsWith(bytes, DUPLICATE_TAIL, tail);
  if (!duplicate && !(bytes.length === tail + 1 && bytes[tail] === CLOSE)) return parsed(data);
  const ack: AckAnswer = { stream: bytes.toString('latin1', HEAD.length, streamEnd), seq: Number(bytes.toString('latin1', digits, tail)) };
  if (duplicate) ack.duplicate = true;
  return ack;
}

function parsed(data: Uint8Array): AckAnswer {
  return JSON.parse(decoder.decode(data)) as AckAnswer;
}

function startsWith(bytes: Buffer, prefix: Buffer, at: number): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;
