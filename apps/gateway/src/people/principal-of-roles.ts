import type { HeldRole, Principal } from '../auth/principal.js';

/**
 * The principal a person acts as, from the roles they hold: the widest data access wins (coordinator,
 * then auditor, then a prefecture's joint meeting, a line's supervisor, a unit's clerk or head). Admins are
 * `staff`: their session, their account, accounts and keys.
 */
export function principalOfRoles(account: { id: string; username: string }, roles: readonly HeldRole[]): Principal {
  const attribution = { actor: `account:${account.id}`, roles, username: account.username };
  if (roles.some((r) => r.role === 'coordinator')) return { kind: 'coordinator', ...attribution };
  if (roles.some((r) => r.role === 'auditor')) return { kind: 'auditor', ...attribution };
  // Someone holding both acts as the prefecture's joint meeting, the role that also decides link/unlink.
  const regionRole = roles.find((r) => r.role === 'region_coordinator');
  if (regionRole) return { kind: 'region', region: regionRole.scope, ...attribution };
  const lineRole = roles.find((r) => r.role === 'line_supervisor');
  if (lineRole) return { kind: 'line', department: lineRole.scope, ...attribution };
  const unitRole = roles.find((r) => r.role === 'clerk' || r.role === 'unit_head');
  if (unitRole) {
    const [department = '', region = ''] = unitRole.scope.split('/');
    return { kind: 'unit', unit: unitRole.scope, department, region, ...attribution };
  }
  return { kind: 'staff', ...attribution };
}

export const isAdmin = (principal: Principal): boolean => principal.roles?.some((r) => r.role === 'admin') === true;
