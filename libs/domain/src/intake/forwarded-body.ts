/**
 * A submission forwarded as the client sent it: the gateway does not parse or validate the body, the department
 * service (the trust boundary) does, once. On `hub.intake.<dept>` beside Nest's JSON packets, told apart by its
 * first bytes (a Nest packet is a JSON object, so it starts with `{` or whitespace):
 *
 *     hub-body/1 {"id":"…","unit":"samr/653100","actor":"key:…"}\n<the request body's bytes>
 *
 * The envelope is one line written by JSON.stringify, which never writes a raw newline, so the first newline
 * after the marker ends it whatever the body holds: a body cannot reach into the envelope (the unit and actor are
 * the ones the gateway authenticated) however it is crafted, and it need not be JSON at all.
 */
export const FORWARDED_BODY_MARKER = 'hub-body/1 ';

export interface ForwardedEnvelope {
  /** Nest's request id, which its reply packet carries back. */
  id: string;
  /** The reporting unit `<dept>/<region>` the gateway authenticated. */
  unit: string;
  /** Who acted, as the gateway authenticated it (`account:<id>` | `key:<id>`). */
  actor?: string;
}

const MARKER = Buffer.from(FORWARDED_BODY_MARKER, 'latin1');
const NEWLINE = 0x0a;

/** The message for `body` under `envelope`: marker, envelope line, body (one allocation, the body copied once). */
export function encodeForwardedBody(envelope: ForwardedEnvelope, body: Uint8Array): Buffer {
  const line = `${FORWARDED_BODY_MARKER}${JSON.stringify(envelope)}\n`;
  const head = Buffer.byteLength(line);
  const message = Buffer.allocUnsafe(head + body.byteLength);
  message.write(line, 0, 'utf8');
  message.set(body, head);
  return message;
}

/** How many bytes the envelope adds to a body (what must fit under the server's max_payload beside it). */
export const forwardedOverhead = (envelope: ForwardedEnvelope): number => Buffer.byteLength(`${FORWARDED_BODY_MARKER}${JSON.stringify(envelope)}\n`);

/** The envelope and body of a forwarded message; undefined when `message` is not one (a Nest JSON packet). */
export function decodeForwardedBody(message: Uint8Array): { envelope: ForwardedEnvelope; body: Uint8Array } | undefined {
  if (message.byteLength < MARKER.length) return undefined;
  for (let i = 0; i < MARKER.length; i += 1) if (message[i] !== MARKER[i]) return undefined;
  const end = message.indexOf(NEWLINE, MARKER.length);
  if (end === -1) throw new Error('a forwarded body without its envelope line');
  const text = Buffer.from(message.buffer, message.byteOffset + MARKER.length, end - MARKER.length).toString('utf8');
  const envelope = JSON.parse(text) as Partial<ForwardedEnvelope>;
  if (typeof envelope.id !== 'string' || typeof envelope.unit !== 'string' || (envelope.actor !== undefined && typeof envelope.actor !== 'string')) {
    throw new Error('a forwarded body with a malformed envelope');
  }
  return { envelope: { id: envelope.id, unit: envelope.unit, ...(envelope.actor === undefined ? {} : { actor: envelope.actor }) }, body: message.subarray(end + 1) };
}

/**
 * Whether a body may hold a referral answer or feedback, which the gateway completes with its sender when it names
 * only the referral id (ReferralDirectory): such a body is read at the gateway first. A `type` equal to
 * `referral.answered` or `referral.feedback` is in the bytes either as `referral.` or with one of its characters
 * escaped, and JSON escapes an ASCII letter or dot only as `\u00XX`; so a body with neither is none, unread.
 */
export function mayHoldReferralAnswer(body: Uint8Array): boolean {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return bytes.includes('referral.') || bytes.includes('\\u00');
}
