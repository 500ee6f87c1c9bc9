import type { Role } from '@hub/domain';

/** A role a person holds: its scope is a unit, a department or a region ('' for campaign-wide roles). */
export interface HeldRole {
  role: Role;
  scope: string;
}

/** Who acted, as events and the access log name them: a person or a machine key. */
export interface Attribution {
  /** `account:<id>` or `key:<id>` (the static tokens of `.hub/credentials.json` are `key:static-<name>`). */
  actor?: string;
  /** A signed-in person's roles (admin rights are checked against these). */
  roles?: readonly HeldRole[];
  /** A signed-in person's username. */
  username?: string;
}

/**
 * Who is calling: a reporting unit, a department line's supervisor (`line`), a prefecture's joint meeting
 * (`region`), the joint-meeting office's coordinator, an auditor, or `staff` — a signed-in person whose
 * roles read no campaign data (an admin: accounts and keys only). What each reads is `scopeOf` (scope.ts).
 */
export type Principal = (
  | { kind: 'unit'; unit: string; department: string; region: string }
  | { kind: 'line'; department: string }
  | { kind: 'region'; region: string }
  | { kind: 'coordinator' }
  | { kind: 'auditor' }
  | { kind: 'staff' }
) &
  Attribution;

/** The principal as logs and per-principal limits name it: the unit, else the acting person or key, else the role. */
export const principalLabel = (principal: Principal): string => (principal.kind === 'unit' ? principal.unit : (principal.actor ?? principal.kind));
