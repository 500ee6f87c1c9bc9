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
  const tokens = reply.split('.');
  // The short form has 9 tokens; the long one puts <domain>.<account hash> after $JS.ACK (and a token at the end).
  const at = tokens.length === 9 ? 2 : tokens.length >= 11 ? 4 : -1;
  if (at < 0 || tokens[0] !== '$JS' || tokens[1] !== 'ACK') return undefined;
  const nanos = tokens[at + 5] as string;
  const streamSeq = Number(tokens[at + 3]);
  const pending = Number(tokens[at + 6]);
  const storedAt = nanos.length > 6 ? Number(nanos.slice(0, -6)) : 0;
  if (!Number.isSafeInteger(streamSeq) || !Number.isSafeInteger(pending) || !Number.isSafeInteger(storedAt)) return undefined;
  return { streamSeq, storedAt, pending };
}
