import { describe, expect, it } from '@jest/globals';
import { HubError } from '@hub/domain';
import { coversAnnexScope, coversUnit, defaultAnnexScope, narrowFilter, scopeOf, type Scope } from './scope.js';

const unit: Scope = { level: 'unit', unit: 'samr/653100', department: 'samr', region: '653100' };
const line: Scope = { level: 'line', department: 'police' };
const region: Scope = { level: 'region', region: '653100' };
const all: Scope = { level: 'all' };

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof HubError ? error.code : 'OTHER';
  }
};

describe('scopes', () => {
  it('given each level, when asking about units, then a unit covers itself, a line its department, a prefecture its region, all everything', () => {
    expect([unit, line, region, all].map((s) => coversUnit(s, 'samr/653100'))).toEqual([true, false, true, true]);
    expect([unit, line, region, all].map((s) => coversUnit(s, 'police/654000'))).toEqual([false, true, false, true]);
    expect([unit, line, region, all].map((s) => coversUnit(s, 'police/653100'))).toEqual([false, true, true, true]);
  });

  it('given principals, when resolving their scope, then staff have none (403)', () => {
    expect(scopeOf({ kind: 'line', department: 'police' })).toEqual(line);
    expect(scopeOf({ kind: 'region', region: '653100' })).toEqual(region);
    expect(scopeOf({ kind: 'auditor' })).toEqual(all);
    expect(code(() => scopeOf({ kind: 'staff' }))).toBe('FORBIDDEN');
  });

  it('given annex scopes, when checked, then only all reads everything, a line reads its roll-up and its units, not another line', () => {
    expect(coversAnnexScope(region, { kind: 'region', region: '653100' })).toBe(true);
    expect(coversAnnexScope(region, { kind: 'region', region: '654000' })).toBe(false);
    expect(coversAnnexScope(region, { kind: 'all' })).toBe(false);
    expect(coversAnnexScope(line, { kind: 'unit', unit: 'police/654000' })).toBe(true);
    expect(coversAnnexScope(line, { kind: 'region', region: '654000' })).toBe(false);
    expect(coversAnnexScope(line, { kind: 'line', department: 'police' })).toBe(true);
    expect(coversAnnexScope(line, { kind: 'line', department: 'samr' })).toBe(false);
    expect(coversAnnexScope(region, { kind: 'line', department: 'police' })).toBe(false);
    expect(coversAnnexScope(all, { kind: 'line', department: 'police' })).toBe(true);
    expect([unit, line, region, all].map(defaultAnnexScope)).toEqual(['unit:samr/653100', 'line:police', 'region:653100', 'all']);
  });

  it('given filters, when narrowed, then inside the scope they narrow it and outside they are refused', () => {
    expect(narrowFilter(region, { department: 'police' })).toEqual({ region: '653100', department: 'police' });
    expect(narrowFilter(line, {})).toEqual({ department: 'police' });
    expect(narrowFilter(all, { region: '654000' })).toEqual({ region: '654000' });
    expect(code(() => narrowFilter(region, { region: '654000' }))).toBe('FORBIDDEN');
    expect(code(() => narrowFilter(line, { department: 'samr' }))).toBe('FORBIDDEN');
    expect(code(() => narrowFilter(line, { unit: 'samr/653100' }))).toBe('FORBIDDEN');
    expect(code(() => narrowFilter(unit, { region: '654000' }))).toBe('FORBIDDEN');
    expect(narrowFilter(unit, { department: 'samr' })).toEqual({ unit: 'samr/653100', department: 'samr' });
  });
});
