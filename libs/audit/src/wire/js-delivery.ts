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
  // Read in place, not split: a verify pass reads a million of these, and splitting made ten strings for each.
  let count = 1;
  for (let dot = reply.indexOf('.'); dot >= 0; dot = reply.indexOf('.', dot + 1)) {
    if (count <= DOTS.length) DOTS[count - 1] = dot;
    count += 1;
  }
  // The short form has 9 tokens; the long one puts <domain>.<account hash> after $JS.ACK (and a token at the end).
  const at = count === 9 ? 2 : count >= 11 ? 4 : -1;
  if (at < 0 || !reply.startsWith('$JS.ACK.')) return undefined;
  const token = (k: number): string => reply.slice((DOTS[k - 1] as number) + 1, k === count - 1 ? reply.length : DOTS[k]);
  const nanos = token(at + 5);
  const streamSeq = Number(token(at + 3));
  const pending = Number(token(at + 6));
  const storedAt = nanos.length > 6 ? Number(nanos.slice(0, -6)) : 0;
  if (!Number.isSafeInteger(streamSeq) || !Number.isSafeInteger(pending) || !Number.isSafeInteger(storedAt)) return undefined;
  return { streamSeq, storedAt, pending };
}

/** Where the dots of the subject being read are (the first few: the fields read are among the first 11 tokens). */
const DOTS = new Int32Array(12);
