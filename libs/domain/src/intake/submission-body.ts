import type { FieldError } from '../events/types.js';

/** A leading UTF-8 byte order mark, which body-parser's decoder (iconv-lite) drops. */
const BOM = '\uFEFF';
/** JSON's whitespace (space, tab, LF, CR) then the first other character. */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r])/;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A UTF-8 JSON body as express.json() (body-parser 2, strict) reads it, with the same outcome and the same
 * message: an empty body is `{}`; a body that does not start with `{` or `[` fails as JSON.parse would fail at
 * that character; anything else is JSON.parse's. Used wherever a submission's bytes are first read (the
 * department service for the gateway's forwarded bodies, the gateway's lean events route when it must read one),
 * which must answer exactly as the gateway's Express stack does.
 */
export function parseJsonBody(bytes: Uint8Array): ParsedBody {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  if (text.length === 0) return { ok: true, value: {} };
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1];
    if (first !== '{' && first !== '[') return { ok: false, message: strictViolation(text, first) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** The 400 a body that is not JSON gets, wherever it is read (the gateway's body parser answers the same). */
export function notJsonError(message: string): { code: 'VALIDATION_FAILED'; message: string; fields: FieldError[] } {
  return { code: 'VALIDATION_FAILED', message: 'request body is not valid JSON', fields: [{ path: '(body)', message: `not valid JSON: ${message}` }] };
}

/** body-parser's createStrictSyntaxError: JSON.parse's message for the text from `first` on, with that text put back in. */
function strictViolation(text: string, first: string | undefined): string {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return 'strict violation';
  } catch (error) {
    return (error as Error).message.replace(/#+/g, (placeholder) => text.slice(index, index + placeholder.length));
  }
}
