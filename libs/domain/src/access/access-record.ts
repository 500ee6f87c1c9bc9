// The access log (issue 13 §5): one record per authenticated request, export, failed sign-in, 401 and 403,
// appended to its own JetStream stream (not the event log: it records reads, not facts). Pure: what a
// record holds, which requests are exports, how auditors filter, and when failures come in a burst.

import type { AccessRecord } from '@hub/contracts';

export type { AccessRecord };

/** Routes whose answer leaves the hub as a document: every call is an export (plan: annex, briefing, trace, replay, package). */
const EXPORT_ROUTES: readonly { route: RegExp; formats?: readonly string[] }[] = [
  { route: /^\/api\/v1\/annex$/, formats: ['csv', 'xlsx'] },
  { route: /^\/api\/v1\/briefing$/, formats: ['html', 'xlsx'] },
  { route: /^\/api\/v1\/annex\/trace$/ },
  { route: /^\/api\/v1\/audit\/(events|trace|annex|referrals|cases|access)$/ },
  { route: /^\/api\/v1\/templates\// },
  { route: /^\/api\/v1\/attachments\/[0-9a-f]{64}$/ },
  { route: /^\/api\/v1\/reports\/[^/]+\/[^/]+\/package\.zip$/ },
];

/** Whether a request is an export: a download route, in a document format where the route also answers JSON. */
export function isExport(route: string, filters: Readonly<Record<string, string>>): boolean {
  return EXPORT_ROUTES.some((rule) => rule.route.test(route) && (rule.formats === undefined || rule.formats.includes(filters['format'] ?? '')));
}

/** Whether a request belongs in the log: every authenticated one, and every refusal of who is calling. */
export function isLogged(record: Pick<AccessRecord, 'actor' | 'status'> & { signInFailed?: unknown }): boolean {
  return record.actor !== null || record.status === 401 || record.status === 403 || record.signInFailed !== undefined;
}

/** The auditors' query: `actor`, `route` (prefix), `status` (exact, or a class like `4xx`), `since` / `until` (ISO instants). */
export interface AccessQuery {
  actor?: string;
  route?: string;
  status?: string;
  since?: string;
  until?: string;
}

export function matchesAccessQuery(record: AccessRecord, query: AccessQuery): boolean {
  if (query.actor !== undefined && record.actor !== query.actor) return false;
  if (query.route !== undefined && !record.route.startsWith(query.route)) return false;
  if (query.status !== undefined) {
    const klass = /^([1-5])xx$/i.exec(query.status);
    if (klass ? Math.floor(record.status / 100) !== Number(klass[1]) : String(record.status) !== query.status) return false;
  }
  const at = Date.parse(record.at);
  if (query.since !== undefined && at < Date.parse(query.since)) return false;
  if (query.until !== undefined && at >= Date.parse(query.until)) return false;
  return true;
}

/** A refusal the burst watch counts: 401, 403, a failed sign-in. */
export const isFailure = (record: Pick<AccessRecord, 'status'> & { signInFailed?: unknown }): boolean =>
  record.status === 401 || record.status === 403 || record.signInFailed !== undefined;

/**
 * Failures per source (actor, else address) in a sliding window: `note` answers true once when a source
 * reaches `threshold` failures within `windowMs`, then stays quiet until that source's window empties.
 * Pure apart from its own memory; time is passed in.
 */
export class FailureBursts {
  private readonly seen = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly threshold = 10,
    private readonly windowMs = 60_000,
  ) {}

  note(source: string, atMs: number): boolean {
    const entry = this.seen.get(source) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => atMs - t < this.windowMs);
    if (entry.times.length === 0) entry.warned = false;
    entry.times.push(atMs);
    this.seen.set(source, entry);
    // Forget quiet sources so the map stays small under a spray of addresses.
    if (this.seen.size > 10_000) for (const [key, value] of this.seen) if (value.times.every((t) => atMs - t >= this.windowMs)) this.seen.delete(key);
    if (entry.times.length >= this.threshold && !entry.warned) {
      entry.warned = true;
      return true;
    }
    return false;
  }
}
