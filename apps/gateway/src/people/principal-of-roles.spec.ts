import { describe, expect, it } from '@jest/globals';
import { isAdmin, principalOfRoles } from './principal-of-roles.js';

const account = { id: 'A-1', username: 'zhang' };

describe('principalOfRoles', () => {
  it('given a clerk of a unit, when resolving, then the principal is that unit, attributed to the account', () => {
    expect(principalOfRoles(account, [{ role: 'clerk', scope: 'samr/653100' }])).toMatchObject({ kind: 'unit', unit: 'samr/653100', department: 'samr', region: '653100', actor: 'account:A-1' });
  });

  it('given several roles, when resolving, then the widest data access wins and admin rights stay visible', () => {
    const roles = [
      { role: 'admin', scope: '' },
      { role: 'clerk', scope: 'samr/653100' },
      { role: 'coordinator', scope: '' },
    ] as const;
    const principal = principalOfRoles(account, roles);
    expect(principal.kind).toBe('coordinator');
    expect(isAdmin(principal)).toBe(true);
  });

  it('given only admin (or no role), when resolving, then the person is staff and reads no campaign data', () => {
    expect(principalOfRoles(account, [{ role: 'admin', scope: '' }]).kind).toBe('staff');
    expect(principalOfRoles(account, []).kind).toBe('staff');
    expect(isAdmin(principalOfRoles(account, []))).toBe(false);
  });

  it('given a line supervisor or a prefecture coordinator, when resolving, then the principal is the line or the region', () => {
    expect(principalOfRoles(account, [{ role: 'line_supervisor', scope: 'police' }])).toMatchObject({ kind: 'line', department: 'police', actor: 'account:A-1' });
    expect(principalOfRoles(account, [{ role: 'region_coordinator', scope: '653100' }])).toMatchObject({ kind: 'region', region: '653100' });
    expect(principalOfRoles(account, [{ role: 'clerk', scope: 'samr/653100' }, { role: 'line_supervisor', scope: 'samr' }]).kind).toBe('line');
  });
});
