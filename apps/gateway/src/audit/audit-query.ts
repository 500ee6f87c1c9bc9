import { HubError, type ReplayQuery } from '@hub/domain';

/** Raw query-string values as Express gives them. */
export type RawQuery = Record<string, unknown>;

const bad = (param: string, message: string): HubError =>
  new HubError('VALIDATION_FAILED', `invalid query parameter ${param}`, { fields: [{ path: param, message }] });

export function stringParam(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw bad(name, `${name} must be given once`);
  return value;
}

export function intParam(query: RawQuery, name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
  const text = stringParam(query, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  const min = bounds.min ?? 0;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || (bounds.max !== undefined && value > bounds.max)) {
    throw bad(name, `${name} must be an integer ${bounds.max === undefined ? `≥ ${min}` : `from ${min} to ${bounds.max}`}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function boolParam(query: RawQuery, name: string): boolean | undefined {
  const text = stringParam(query, name);
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw bad(name, `${name} must be true or false, got ${JSON.stringify(text)}`);
  return text === 'true';
}

/** `limit` (default 100, max 1000) and `offset`, as every hub list takes them. */
export function pageParams(query: RawQuery): { limit: number; offset: number } {
  return { limit: intParam(query, 'limit', { min: 1, max: 1000 }) ?? 100, offset: intParam(query, 'offset') ?? 0 };
}

/** The replay filters of GET /audit/events and POST /audit/verify. */
export function replayQuery(query: RawQuery): ReplayQuery {
  const out: ReplayQuery = {};
  for (const name of ['subject', 'aggregateType', 'department', 'region', 'type', 'since', 'until'] as const) {
    const value = stringParam(query, name);
    if (value !== undefined) out[name] = value;
  }
  const fromSeq = intParam(query, 'fromSeq', { min: 1 });
  const toSeq = intParam(query, 'toSeq', { min: 1 });
  return { ...out, ...(fromSeq === undefined ? {} : { fromSeq }), ...(toSeq === undefined ? {} : { toSeq }) };
}

export function page<T>(items: readonly T[], { limit, offset }: { limit: number; offset: number }): { total: number; limit: number; offset: number; items: T[] } {
  return { total: items.length, limit, offset, items: items.slice(offset, offset + limit) };
}
