import { describe, expect, it } from '@jest/globals';
import { FailureBursts, isExport, isLogged, matchesAccessQuery, type AccessRecord } from './access-record.js';

const record = (patch: Partial<AccessRecord> = {}): AccessRecord => ({
  at: '2021-12-05T02:00:00.000Z',
  actor: 'account:A-1',
  role: 'unit',
  scope: 'unit:samr/653100',
  method: 'GET',
  route: '/api/v1/annex',
  filters: {},
  status: 200,
  bytes: 1200,
  durationMs: 12,
  export: false,
  ip: '127.0.0.1',
  ...patch,
});

describe('access log records', () => {
  it('given routes and formats, when classified, then documents are exports and JSON reads of the same route are not', () => {
    expect(isExport('/api/v1/annex', { format: 'xlsx' })).toBe(true);
    expect(isExport('/api/v1/annex', { format: 'json' })).toBe(false);
    expect(isExport('/api/v1/annex', {})).toBe(false);
    expect(isExport('/api/v1/briefing', { format: 'html' })).toBe(true);
    expect(isExport('/api/v1/audit/events', {})).toBe(true);
    expect(isExport('/api/v1/cases', {})).toBe(false);
  });

  it('given requests, when deciding what is logged, then every authenticated one and every refusal, nothing else', () => {
    expect(isLogged({ actor: 'key:static-coordinator', status: 200 })).toBe(true);
    expect(isLogged({ actor: null, status: 401 })).toBe(true);
    expect(isLogged({ actor: null, status: 403 })).toBe(true);
    expect(isLogged({ actor: null, status: 200 })).toBe(false);
  });

  it('given a query, when matching, then actor, route prefix, exact or class status and the half-open time window all apply', () => {
    expect(matchesAccessQuery(record(), { actor: 'account:A-1', route: '/api/v1/annex', status: '200' })).toBe(true);
    expect(matchesAccessQuery(record({ status: 403 }), { status: '4xx' })).toBe(true);
    expect(matchesAccessQuery(record({ status: 403 }), { status: '2xx' })).toBe(false);
    expect(matchesAccessQuery(record(), { actor: 'account:A-2' })).toBe(false);
    expect(matchesAccessQuery(record(), { since: '2021-12-05T02:00:00.000Z', until: '2021-12-05T02:00:00.001Z' })).toBe(true);
    expect(matchesAccessQuery(record(), { until: '2021-12-05T02:00:00.000Z' })).toBe(false);
  });

  it('given failures from one source, when they reach the threshold inside the window, then one warning, and again only after the window empties', () => {
    const bursts = new FailureBursts(3, 1_000);
    expect([0, 10, 20].map((t) => bursts.note('ip:1', t))).toEqual([false, false, true]);
    expect(bursts.note('ip:1', 30)).toBe(false);
    expect(bursts.note('ip:2', 30)).toBe(false);
    expect([5_000, 5_010, 5_020].map((t) => bursts.note('ip:1', t))).toEqual([false, false, true]);
  });
});
