// Who connects to NATS. One nkey user per principal; each principal has its own inbox prefix so
// that nobody can subscribe to (and read) another principal's request replies.

import { DEPARTMENTS } from '@hub/domain';

/** The thirteen campaign departments plus `joint`, the joint office run by the coordination service. */
export const HUB_DEPARTMENTS = DEPARTMENTS;

export type HubDepartment = (typeof HUB_DEPARTMENTS)[number];

export type DepartmentPrincipal = `dept:${HubDepartment}`;

/** Principals that are not departments. */
export const SERVICE_PRINCIPALS = ['admin', 'gateway', 'projector', 'coordination', 'auditor'] as const;

export type ServicePrincipal = (typeof SERVICE_PRINCIPALS)[number];

export type Principal = ServicePrincipal | DepartmentPrincipal;

/** Every principal, services first, then `dept:<code>` in catalogue order. */
export const ALL_PRINCIPALS: readonly Principal[] = [
  ...SERVICE_PRINCIPALS,
  ...HUB_DEPARTMENTS.map((d): DepartmentPrincipal => `dept:${d}`),
];

export function isHubDepartment(value: string): value is HubDepartment {
  return (HUB_DEPARTMENTS as readonly string[]).includes(value);
}

export function isPrincipal(value: string): value is Principal {
  return (ALL_PRINCIPALS as readonly string[]).includes(value);
}

export function departmentPrincipal(department: HubDepartment): DepartmentPrincipal {
  return `dept:${department}`;
}

/** `dept:samr` → `samr`; undefined for service principals. */
export function departmentOf(principal: Principal): HubDepartment | undefined {
  if (!principal.startsWith('dept:')) return undefined;
  const code = principal.slice('dept:'.length);
  return isHubDepartment(code) ? code : undefined;
}

/**
 * The principal's own inbox prefix, to pass as the NATS client option `inboxPrefix`:
 * `dept:samr` → `_INBOX_samr`, `gateway` → `_INBOX_gateway`. The server lets each principal
 * subscribe only to `<prefix>.>`.
 */
export function inboxPrefixFor(principal: Principal): string {
  return `_INBOX_${departmentOf(principal) ?? principal}`;
}

/** Environment-variable-safe name of a principal: `dept:culture_tourism` → `DEPT_CULTURE_TOURISM`. */
export function principalEnvName(principal: Principal): string {
  return principal.replace(':', '_').toUpperCase();
}
