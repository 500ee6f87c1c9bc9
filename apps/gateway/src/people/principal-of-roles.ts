import type { HeldRole, Principal } from '../auth/principal.js';

/**
 * The principal a person acts as, from the roles they hold: the widest data access wins (coordinator,
 * then auditor, then a unit's clerk or head). Admins and the region/line roles, whose scoped reads are
 * not wired into the routes yet, are `staff`: their session, their account and (admins) accounts and keys.
 */
export function principalOfRoles(account: { id: string; username: string }, roles: readonly HeldRole[]): Principal {
  const attribution = { actor: `account:${account.id}`, roles, username: account.username };
  if (roles.some((r) => r.role === 'coordinator')) return { kind: 'coordinator', ...attribution };
  if (roles.some((r) => r.role === 'auditor')) return { kind: 'auditor', ...attribution };
  const unitRole = roles.find((r) => r.role === 'clerk' || r.role === 'unit_head');
  if (unitRole) {
    const [department = '', region = ''] = unitRole.scope.split('/');
    return { kind: 'unit', unit: unitRole.scope, department, region, ...attribution };
  }
  return { kind: 'staff', ...attribution };
}

export const isAdmin = (principal: Principal): boolean => principal.roles?.some((r) => r.role === 'admin') === true;
