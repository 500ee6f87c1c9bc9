import { HubError, type AnnexScope } from '@hub/domain';
import type { Principal } from './principal.js';

/**
 * What part of the campaign a principal may read, decided here and nowhere else (issue 13 §6): a unit's
 * clerk or head its unit; a line supervisor every unit of one department (all regions); a region
 * coordinator every department of one prefecture; the joint-meeting office and the auditors everything.
 * Staff (admins without a data role) read nothing, so they have no scope.
 */
export type Scope =
  | { level: 'unit'; unit: string; department: string; region: string }
  | { level: 'line'; department: string }
  | { level: 'region'; region: string }
  | { level: 'all' };

/** The caller's scope; 403 for staff, who reach only the routes that need none. */
export function scopeOf(principal: Principal): Scope {
  switch (principal.kind) {
    case 'unit':
      return { level: 'unit', unit: principal.unit, department: principal.department, region: principal.region };
    case 'line':
      return { level: 'line', department: principal.department };
    case 'region':
      return { level: 'region', region: principal.region };
    case 'coordinator':
    case 'auditor':
      return { level: 'all' };
    case 'staff':
      throw new HubError('FORBIDDEN', 'your roles give no access to campaign data');
  }
}

/** Does the scope cover unit `<dept>/<region>`? */
export function coversUnit(scope: Scope, unit: string): boolean {
  const [department = '', region = ''] = unit.split('/');
  switch (scope.level) {
    case 'unit':
      return scope.unit === unit;
    case 'line':
      return scope.department === department;
    case 'region':
      return scope.region === region;
    case 'all':
      return true;
  }
}

/** Does the scope cover every unit of `department` (all regions)? */
export const coversDepartment = (scope: Scope, department: string): boolean => scope.level === 'all' || (scope.level === 'line' && scope.department === department);

/** Does the scope cover every unit of `region` (all departments)? */
export const coversRegion = (scope: Scope, region: string): boolean => scope.level === 'all' || (scope.level === 'region' && scope.region === region);

/** The scope as SQL filters: the unit, department and/or region every row read must match (none for `all`). */
export function scopeFilter(scope: Scope): { unit?: string; department?: string; region?: string } {
  switch (scope.level) {
    case 'unit':
      return { unit: scope.unit };
    case 'line':
      return { department: scope.department };
    case 'region':
      return { region: scope.region };
    case 'all':
      return {};
  }
}

/** A short name of the scope for messages and the access log: `unit:samr/653100`, `line:police`, `region:653100`, `all`. */
export function scopeName(scope: Scope): string {
  switch (scope.level) {
    case 'unit':
      return `unit:${scope.unit}`;
    case 'line':
      return `line:${scope.department}`;
    case 'region':
      return `region:${scope.region}`;
    case 'all':
      return 'all';
  }
}

/** Does the scope cover the whole of an annex scope (a unit, a region, everything)? */
export function coversAnnexScope(scope: Scope, annex: AnnexScope): boolean {
  switch (annex.kind) {
    case 'unit':
      return coversUnit(scope, annex.unit);
    case 'region':
      return coversRegion(scope, annex.region);
    case 'line':
      return coversDepartment(scope, annex.department);
    case 'all':
      return scope.level === 'all';
  }
}

/** The annex a caller reads when it names none: its unit, its region's or its line's roll-up, or everything. */
export function defaultAnnexScope(scope: Scope): string | undefined {
  switch (scope.level) {
    case 'unit':
      return `unit:${scope.unit}`;
    case 'region':
      return `region:${scope.region}`;
    case 'all':
      return 'all';
    case 'line':
      return `line:${scope.department}`;
  }
}

/** 403 unless the scope covers the unit, naming the query field that asked for it. */
export function requireUnit(scope: Scope, unit: string, field: string): void {
  if (!coversUnit(scope, unit)) throw outside(scope, field, unit);
}

/**
 * A department/region/unit filter a caller asked for, intersected with its scope: a filter inside the
 * scope narrows it, one outside it is refused (403 naming the field) rather than silently emptied, so a
 * caller never mistakes "not yours" for "nothing there".
 */
export function narrowFilter(
  scope: Scope,
  asked: { unit?: string | null | undefined; department?: string | null | undefined; region?: string | null | undefined },
): { unit?: string; department?: string; region?: string } {
  const own = scopeFilter(scope);
  if (asked.unit) requireUnit(scope, asked.unit, 'unit');
  if (asked.department && own.department !== undefined && own.department !== asked.department) throw outside(scope, 'department', asked.department);
  if (asked.department && own.unit !== undefined && !own.unit.startsWith(`${asked.department}/`)) throw outside(scope, 'department', asked.department);
  if (asked.region && own.region !== undefined && own.region !== asked.region) throw outside(scope, 'region', asked.region);
  if (asked.region && own.unit !== undefined && !own.unit.endsWith(`/${asked.region}`)) throw outside(scope, 'region', asked.region);
  return {
    ...own,
    ...(asked.unit ? { unit: asked.unit } : {}),
    ...(asked.department ? { department: asked.department } : {}),
    ...(asked.region ? { region: asked.region } : {}),
  };
}

function outside(scope: Scope, field: string, value: string): HubError {
  return new HubError('FORBIDDEN', `${field}=${value} is outside your scope (${scopeName(scope)})`, { fields: [{ path: field, message: `is outside your scope (${scopeName(scope)})` }] });
}
