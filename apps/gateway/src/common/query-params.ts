import { HubError, isRegion, isReportingDepartment, NET_SWORD_2021 } from '@hub/domain';
import type { Principal } from '../auth/principal.js';

/** 400 naming the query parameter, as every list endpoint answers a bad one. */
export function badParam(name: string, message: string): HubError {
  return new HubError('VALIDATION_FAILED', `${name} ${message}`, { fields: [{ path: name, message: `${name} ${message}` }] });
}

export function booleanParam(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badParam(name, `must be true or false (got "${value}")`);
}

export function integerParam(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw badParam(name, `must be an integer from 0 to ${max} (got "${value}")`);
  return n;
}

/** `limit` (default 100, max 1000) and `offset`, as the list contract says. */
export function pageParams(query: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const limit = integerParam('limit', query.limit, 100, 1_000);
  if (limit === 0) throw badParam('limit', 'must be from 1 to 1000 (got "0")');
  return { limit, offset: integerParam('offset', query.offset, 0, Number.MAX_SAFE_INTEGER) };
}

export function departmentParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isReportingDepartment(value) && value !== 'joint') throw badParam(name, `must be a department code such as samr (got "${value}")`);
  return value;
}

export function regionParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text: string = value;
  if (!isRegion(text, NET_SWORD_2021.regionTableYear)) throw badParam(name, `must be a GB/T 2260 region code such as 653100 (got "${value}")`);
  return text;
}

/** An instant (ISO-8601 with offset) or a local date (campaign zone, start of day). */
export function instantParam(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(value) || Number.isNaN(date.getTime())) throw badParam(name, `must be a date (2021-12-05) or an ISO-8601 instant (got "${value}")`);
  return date;
}

/** Only the joint office's coordinators and the auditors (403 for a unit). */
export function requireOversight(principal: Principal, what: string): void {
  if (principal.kind === 'unit') throw new HubError('FORBIDDEN', `${what} is for coordinators and auditors; unit ${principal.unit} sees its own data only`);
}

export function requireCoordinator(principal: Principal, what: string): void {
  if (principal.kind !== 'coordinator') throw new HubError('FORBIDDEN', `${what} is for joint-meeting coordinators`);
}
