// What a JetStream delivery's reply subject says about the message. Imports nothing (worker threads load it).

/** A delivered message's place in its stream, from the reply subject JetStream gives it. */
export interface Delivery {
  streamSeq: number;
  /** When the stream stored it, epoch ms (the nanoseconds cut exactly, not through a float). */
  storedAt: number;
  /** Messages the consumer has yet to deliver after this one. */
  pending: number;
}

/**
 * `$JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<ns>.<pending>`, or the form with a domain
 * and an account hash in front of the stream (12 tokens); undefined for anything else.
 */
export function deliveryOf(reply: string): Delivery | undefined {
  const bytes = Buffer.from(reply, 'utf8');
  const into: Delivery = { streamSeq: 0, storedAt: 0, pending: 0 };
  return readDelivery(bytes, 0, bytes.length, into) ? into : undefined;
}

const ACK_PREFIX = Buffer.from('$JS.ACK.', 'latin1');

/**
 * {@link deliveryOf} read straight off the bytes of a frame (the reply subject is bytes[from..to)) into `into`:
 * false, `into` untouched, for anything but a delivery subject. A verify pass reads a million of these, and a
 * string for the subject and for each token read was most of what reading one cost.
 */
export function readDelivery(bytes: Uint8Array, from: number, to: number, into: Delivery): boolean {
  if (to - from < ACK_PREFIX.length) return false;
  for (let i = 0; i < ACK_PREFIX.length; i += 1) if (bytes[from + i] !== ACK_PREFIX[i]) return false;
  let count = 1;
  for (let i = from; i < to; i += 1) {
    if (bytes[i] !== DOT) continue;
    if (count <= DOTS.length) DOTS[count - 1] = i;
    count += 1;
  }
  // The short form has 9 tokens; the long one puts <domain>.<account hash> after $JS.ACK (and a token at the end).
  const at = count === 9 ? 2 : count >= 11 ? 4 : -1;
  if (at < 0) return false;
  // Token k (0-based) is bytes[start(k)..end(k)).
  const start = (k: number): number => (DOTS[k - 1] as number) + 1;
  const end = (k: number): number => (k === count - 1 ? to : (DOTS[k] as number));
  const streamSeq = decimal(bytes, start(at + 3), end(at + 3));
  const pending = decimal(bytes, start(at + 6), end(at + 6));
  // Nanoseconds to milliseconds by cutting the last six digits (exactly: the nanoseconds are no float).
  const nanosEnd = end(at + 5);
  const storedAt = nanosEnd - start(at + 5) > 6 ? decimal(bytes, start(at + 5), nanosEnd - 6) : 0;
  if (!Number.isSafeInteger(streamSeq) || !Number.isSafeInteger(pending) || !Number.isSafeInteger(storedAt)) return false;
  into.streamSeq = streamSeq;
  into.storedAt = storedAt;
  into.pending = pending;
  return true;
}

const DOT = 0x2e;

/** The decimal digits bytes[from..to) as a number (0 for none, as Number('') is), NaN when any byte is no digit. */
function decimal(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const d = (bytes[i] as number) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Where the dots of the subject being read are (the first few: the fields read are among the first 11 tokens). */
const DOTS = new Int32Array(12);
