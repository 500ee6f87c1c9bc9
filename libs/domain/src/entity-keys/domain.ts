// Web domains, reported either bare ("example.com") or as a full URL copied from a browser.
import { domainToASCII } from 'node:url';
import { readUrl, type HttpUrl, type UrlReader } from './plain-url.js';
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export interface Domain {
  /** Lowercase ASCII (punycode) host name without "www.", port or trailing dot. */
  readonly canonical: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const MAX_LENGTH = 253;
const TRAILING_DOT = /\.$/;
const LEADING_SLASHES = /^\/\//;
const WWW = /^www\.[^.]+\.[^.]+/;
const DIGITS = /^\d+$/;

/** `read` is how a URL is parsed: the default for every caller; the spec passes the WHATWG parser alone to hold the default to it. */
export function normaliseDomain(raw: string, read: UrlReader = readUrl): Parsed<Domain> {
  const host = extractHost(cleanText(raw), read);
  if (!host.ok) {
    return host;
  }
  // The WHATWG URL parser already punycodes hosts of http(s) URLs; domainToASCII is kept as
  // the explicit IDN step (and it rejects malformed xn-- labels by returning '').
  // A plain host is its own ASCII form (plain-url.spec.ts holds domainToASCII to that); others ask ICU.
  const ascii = host.value.plain ? host.value.hostname : domainToASCII(host.value.hostname.replace(TRAILING_DOT, ''));
  if (ascii === '') {
    return fail(`domain ${quote(raw)} is not a valid (internationalised) domain name`);
  }
  // "www." is presentation, not identity: www.example.com and example.com are the same site
  // for correlation. Kept when stripping would leave a bare TLD (e.g. www.com).
  const canonical = WWW.test(ascii) ? ascii.slice(4) : ascii;
  const problem = validate(canonical);
  return problem === undefined ? ok({ canonical }) : fail(`domain ${quote(raw)} ${problem}`);
}

function extractHost(input: string, read: UrlReader): Parsed<HttpUrl> {
  if (input === '') {
    return fail('domain is empty');
  }
  const scheme = SCHEME.exec(input)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return fail(`domain URL scheme ${quote(scheme)} is not supported (use http or https)`);
  }
  // Parsing bare domains as URLs too means ports, paths, queries, user-info and case are
  // handled by one well-tested parser instead of ad-hoc splitting (readUrl's plain path
  // reads the plain shapes exactly as it does, and leaves it the rest).
  const url = read(scheme !== undefined ? input : `http://${input.replace(LEADING_SLASHES, '')}`);
  return url === undefined ? fail(`domain ${quote(input)} cannot be parsed as a host name or URL`) : ok(url);
}

function validate(domain: string): string | undefined {
  if (domain.length > MAX_LENGTH) {
    return `is longer than ${MAX_LENGTH} characters`;
  }
  if (domain.startsWith('[')) {
    return 'is an IP address, not a domain';
  }
  const labels = domain.split('.');
  if (labels.length < 2) {
    return 'must have at least two labels (name and top-level domain)';
  }
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return `has an invalid label ${quote(bad)} (1-63 letters, digits or inner hyphens)`;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!TLD.test(tld)) {
    return DIGITS.test(tld) ? 'is an IP address, not a domain' : `has an invalid top-level domain ${quote(tld)}`;
  }
  return undefined;
}
