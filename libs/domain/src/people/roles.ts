// The campaign's roles (DESIGN.md, "People and roles"): what each may do is decided by the gateway; what
// a scope looks like is decided here, once, so the grant events and the gateway agree.
import { codeGuard } from '../catalogue/code-list.js';
import { isReportingDepartment } from '../catalogue/departments.js';
import { isRegion } from '../catalogue/regions.js';
import { isReportingUnit } from '../catalogue/units.js';

export const ROLES = ['clerk', 'unit_head', 'line_supervisor', 'region_coordinator', 'coordinator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = codeGuard(ROLES);

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  clerk: '填报员',
  unit_head: '单位负责人',
  line_supervisor: '条线主管',
  region_coordinator: '地州联席会议',
  coordinator: '自治区联席会议办公室',
  auditor: '审计员',
  admin: '系统管理员',
};

/** What a role's scope names: a unit `<dept>/<region>`, a department, a region, or nothing (the whole campaign). */
export type ScopeKind = 'unit' | 'department' | 'region' | 'none';

export const SCOPE_OF_ROLE: Readonly<Record<Role, ScopeKind>> = {
  clerk: 'unit',
  unit_head: 'unit',
  line_supervisor: 'department',
  region_coordinator: 'region',
  coordinator: 'none',
  auditor: 'none',
  admin: 'none',
};

/** Roles that must sign in with a second factor (TOTP). Clerks and unit heads may enrol one. */
export const MFA_ROLES: ReadonlySet<Role> = new Set<Role>(['coordinator', 'region_coordinator', 'line_supervisor', 'auditor', 'admin']);

/** Why `scope` does not fit `role`, or undefined when it does. */
export function scopeProblem(role: Role, scope: string | null | undefined): string | undefined {
  const kind = SCOPE_OF_ROLE[role];
  const value = scope ?? '';
  switch (kind) {
    case 'none':
      return value === '' ? undefined : `${role} has no scope (it covers the whole campaign)`;
    case 'department':
      return isReportingDepartment(value) ? undefined : `${role} needs a department code, e.g. police`;
    case 'region':
      return isRegion(value) ? undefined : `${role} needs a region code, e.g. 653100`;
    case 'unit':
      return isReportingUnit(value) ? undefined : `${role} needs a unit <department>/<region>, e.g. samr/653100`;
  }
}
