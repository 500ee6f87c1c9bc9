// The parts of an http(s) URL the entity-key normalisers read, for the shapes reporters almost always send
// (https://shop123.taobao.com/?spm=…, item.jd.com/123.html), without the WHATWG parser: `new URL` cost ~3 µs per
// entity in the department service and ~4% of the gateway's CPU. Anything this does not read exactly as
// `new URL` would (IDN/punycode, percent-escapes in host or path, user-info, IP addresses, backslashes,
// whitespace, dot segments, odd ports…) gets undefined, and the caller asks `new URL`: every result and every
// error stays the parser's own. plain-url.spec.ts holds the two side by side over a generated corpus.

/** What the normalisers read of an http(s) URL. */
export interface HttpUrl {
  /** As URL.hostname. */
  readonly hostname: string;
  /** As URL.pathname. */
  readonly pathname: string;
  /** As URL.searchParams; only getAll is read. */
  readonly searchParams: Pick<URLSearchParams, 'getAll'>;
  /** Read by plainHttpUrl: the hostname is lowercase letters, digits, hyphens and dots without "xn--", its own ASCII form. */
  readonly plain: boolean;
}

/** Reads an http(s) URL (the caller has checked the scheme); undefined when it cannot be parsed. */
export type UrlReader = (href: string) => HttpUrl | undefined;

/** The WHATWG parser alone: what the normalisers did before plainHttpUrl, and what the spec holds it to. */
export const readUrlWhatwg: UrlReader = (href) => {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return { hostname: url.hostname, pathname: url.pathname, searchParams: url.searchParams, plain: false };
};

/** plainHttpUrl where it can read the URL, the WHATWG parser where it cannot: the normalisers' reader. */
export const readUrl: UrlReader = (href) => {
  const plain = plainHttpUrl(href);
  return plain === undefined ? readUrlWhatwg(href) : { hostname: plain.hostname, pathname: plain.pathname, searchParams: new LazyQuery(plain.search), plain: true };
};

/** URLSearchParams of a plain URL's query, made only when a rule reads a parameter (most shop URLs need none). */
class LazyQuery implements Pick<URLSearchParams, 'getAll'> {
  private params: URLSearchParams | undefined;
  constructor(private readonly search: string) {}
  getAll(name: string): string[] {
    // Given a string, URLSearchParams drops one leading "?", as URL.searchParams reads URL.search.
    this.params ??= new URLSearchParams(this.search);
    return this.params.getAll(name);
  }
}

/** What plainHttpUrl reads of a URL, as `new URL(url)` gives it. */
export interface PlainUrl {
  /** Lowercase ASCII, as URL.hostname. */
  readonly hostname: string;
  /** As URL.pathname ("/" for none). */
  readonly pathname: string;
  /** As URL.search: "?" and the query, '' for none or an empty one; new URLSearchParams(search) is URL.searchParams. */
  readonly search: string;
}

const SLASH = 0x2f;
const QUESTION = 0x3f;
const HASH = 0x23;
const COLON = 0x3a;
const DOT = 0x2e;
const HYPHEN = 0x2d;

/** A longer name or label is legal for the WHATWG parser but never a marketplace's: not worth a rule here. */
const MAX_HOST = 253;
const MAX_LABEL = 63;

/**
 * The hostname, pathname and query of `url` as `new URL(url)` would give them, when `url` is an http or https
 * URL of the plain shape; undefined when it is not (including every URL `new URL` refuses), and then only the
 * WHATWG parser can say what it is.
 */
export function plainHttpUrl(url: string): PlainUrl | undefined {
  const end = url.length;
  const start = schemeEnd(url);
  if (start === 0) return undefined;

  // Host: ASCII letters, digits, hyphens and dots only; ':', '/', '?', '#' or the end close it.
  let i = start;
  let upper = false;
  for (; i < end; i++) {
    const c = url.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === DOT || c === HYPHEN) continue;
    if (c >= 0x41 && c <= 0x5a) {
      upper = true;
      continue;
    }
    if (c === COLON || c === SLASH || c === QUESTION || c === HASH) break;
    return undefined;
  }
  const host = url.slice(start, i);
  if (!plainHost(host)) return undefined;

  // Port: 1–5 digits up to 65535 (the parser refuses more); it changes none of the parts read here.
  if (i < end && url.charCodeAt(i) === COLON) {
    const portStart = ++i;
    let port = 0;
    for (; i < end; i++) {
      const c = url.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      port = port * 10 + (c - 0x30);
    }
    if (i === portStart || i - portStart > 5 || port > 65535) return undefined;
    if (i < end && !closesAuthority(url.charCodeAt(i))) return undefined;
  }

  // Path: printable ASCII the parser keeps as it is, and no "." or ".." segment (it would resolve them).
  let pathname = '/';
  if (i < end && url.charCodeAt(i) === SLASH) {
    const pathStart = i;
    let segment = i + 1;
    for (i++; i <= end; i++) {
      const c = i < end ? url.charCodeAt(i) : HASH;
      if (c === SLASH || c === QUESTION || c === HASH) {
        if (dotSegment(url, segment, i)) return undefined;
        if (c !== SLASH) break;
        segment = i + 1;
        continue;
      }
      if (!keptInPath(c)) return undefined;
    }
    pathname = url.slice(pathStart, Math.min(i, end));
  }

  // Query: printable ASCII the parser keeps as it is (a percent-escape is kept, and decoded by URLSearchParams).
  let search = '';
  if (i < end && url.charCodeAt(i) === QUESTION) {
    const queryStart = i;
    for (i++; i < end; i++) {
      const c = url.charCodeAt(i);
      if (c === HASH) break;
      if (!keptInQuery(c)) return undefined;
    }
    if (i > queryStart + 1) search = url.slice(queryStart, i);
  }

  // Fragment: not read, but anything outside printable ASCII is the parser's to judge.
  if (i < end) {
    for (i++; i < end; i++) if (!printable(url.charCodeAt(i))) return undefined;
  }
  return { hostname: upper ? host.toLowerCase() : host, pathname, search };
}

/** The index after "http://" or "https://" (any case), followed by a host character; 0 otherwise. */
function schemeEnd(url: string): number {
  // `| 0x20` lowercases an ASCII letter (and leaves NaN past the end as no letter).
  if ((url.charCodeAt(0) | 0x20) !== 0x68 || (url.charCodeAt(1) | 0x20) !== 0x74 || (url.charCodeAt(2) | 0x20) !== 0x74 || (url.charCodeAt(3) | 0x20) !== 0x70) return 0;
  let i = 4;
  if ((url.charCodeAt(i) | 0x20) === 0x73) i++;
  if (url.charCodeAt(i) !== COLON || url.charCodeAt(i + 1) !== SLASH || url.charCodeAt(i + 2) !== SLASH) return 0;
  // A third slash, a backslash or an empty host fail the host's own check: the parser's special-scheme rules decide those.
  return i + 3;
}

/**
 * Labels of letters, digits and hyphens, none empty (no trailing dot either), none an IDN label ("xn--", which
 * the parser checks as punycode), and a last label that starts with a letter: one ending in a number makes the
 * parser read the host as IPv4 (10.0.0.1, 0x7f.1, 1.2.3.04).
 */
function plainHost(host: string): boolean {
  const length = host.length;
  if (length === 0 || length > MAX_HOST) return false;
  let label = 0;
  for (let i = 0; i <= length; i++) {
    if (i < length && host.charCodeAt(i) !== DOT) continue;
    const size = i - label;
    if (size === 0 || size > MAX_LABEL) return false;
    if (size >= 4 && (host.charCodeAt(label) | 0x20) === 0x78 && (host.charCodeAt(label + 1) | 0x20) === 0x6e && host.charCodeAt(label + 2) === HYPHEN && host.charCodeAt(label + 3) === HYPHEN) {
      return false;
    }
    if (i === length) {
      const first = host.charCodeAt(label) | 0x20;
      return first >= 0x61 && first <= 0x7a;
    }
    label = i + 1;
  }
  return false;
}

function closesAuthority(c: number): boolean {
  return c === SLASH || c === QUESTION || c === HASH;
}

function printable(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** Not percent-encoded in a path (WHATWG path percent-encode set), not a backslash, not a percent-escape. */
function keptInPath(c: number): boolean {
  return printable(c) && c !== 0x22 && c !== 0x3c && c !== 0x3e && c !== 0x60 && c !== 0x7b && c !== 0x7d && c !== 0x5e && c !== 0x7c && c !== 0x5c && c !== 0x25;
}

/** Not percent-encoded in a special URL's query (WHATWG special-query percent-encode set). */
function keptInQuery(c: number): boolean {
  return printable(c) && c !== 0x22 && c !== 0x27 && c !== 0x3c && c !== 0x3e;
}

/** "." or ".." between `from` and `to`. */
function dotSegment(url: string, from: number, to: number): boolean {
  const size = to - from;
  return (size === 1 && url.charCodeAt(from) === DOT) || (size === 2 && url.charCodeAt(from) === DOT && url.charCodeAt(from + 1) === DOT);
}
