import { hash } from 'node:crypto';
import type { Express, Response } from 'express';

/** Writes `body` as the JSON answer with `status` on `response`. */
export type JsonAnswer = (response: Response, status: number, body: unknown) => void;

/** The etag package's entity tag of an empty body (it skips hashing one). */
const EMPTY_TAG = '"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';

/**
 * What Express's default `etag fn` ('weak', the etag package) gives for a body of `length` UTF-8 bytes:
 * W/"<length in hex>-<sha1 base64, 27 chars>" (hash() encodes a string as UTF-8, as Express's Buffer holds it).
 */
export function weakEtagOf(body: string | Buffer, length: number): string {
  if (length === 0) return `W/${EMPTY_TAG}`;
  return `W/"${length.toString(16)}-${hash('sha1', body, 'base64').substring(0, 27)}"`;
}

/**
 * `response.status(status).json(body)` as Express 5 answers it for a POST, without its per-call work (mime and
 * charset look-ups and re-parsing of Content-Type, `req.fresh`, the etag package's hash object): the same status,
 * the same headers in the same order (Content-Type, Content-Length, ETag after whatever was set before) and the
 * same bytes. Only where the app keeps Express's defaults for what `json` and `send` read (ETag 'weak', no JSON
 * replacer, spaces or escaping); otherwise Express answers itself. Never for HEAD or GET (freshness, no body) nor
 * for 204/205/304, which `send` strips: the lean events route answers none of those.
 */
export function jsonAnswerFor(express: Express): JsonAnswer {
  const defaults = express.get('etag') === 'weak' && !express.get('json replacer') && !express.get('json spaces') && !express.get('json escape');
  if (!defaults) return (response, status, body) => void response.status(status).json(body);
  return (response, status, body) => {
    const text = JSON.stringify(body);
    const length = Buffer.byteLength(text, 'utf8');
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', String(length));
    response.setHeader('ETag', weakEtagOf(text, length));
    // A string, not a Buffer: Node joins it to the header block's string, and no Buffer of the body is made.
    response.end(text);
  };
}
