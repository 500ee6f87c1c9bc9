import { isActor } from '../../people/actor.js';
import { isRole, ROLES, SCOPE_OF_ROLE, scopeProblem, type Role } from '../../people/roles.js';
import { Field } from '../decorators.js';
import type { Rule } from '../decorators.js';
import { aggregateId, LIMITS, oneOf, text } from '../rules.js';

/** `account:<id>` (a person) or `key:<id>` / `system:<name>` (a machine client or the bootstrap). */
export const actor: Rule = (value) => (isActor(value) ? undefined : 'must name who acted: account:<id>, key:<id> or system:<name>');

// The scope is checked against the role on the same object, so a clerk without a unit never validates.
const scopeOfRole: Rule = (value, object) => {
  const role = (object as { role?: unknown }).role;
  if (typeof value !== 'string') return 'must be a string';
  return isRole(role) ? scopeProblem(role, value) : undefined;
};

/**
 * role.granted / role.revoked — the joint office records who may do what (subject `account/<accountId>`):
 * the role, its scope (a unit, department or region; none for the campaign-wide roles), who decided and why.
 * Password hashes and second factors never enter the log.
 */
class RoleChangeData {
  @Field(aggregateId)
  accountId!: string;

  @Field(oneOf(isRole, ROLES))
  role!: Role;

  @Field(scopeOfRole, { optional: (o) => !isRole(o['role']) || SCOPE_OF_ROLE[o['role']] === 'none', requiredMessage: 'is required for this role (a unit, department or region)' })
  scope?: string;

  @Field(actor)
  by!: string;

  @Field(text(LIMITS.reason))
  reason!: string;
}

export class RoleGrantedData extends RoleChangeData {}

export class RoleRevokedData extends RoleChangeData {}
