import { HubError, isRegion, isReportingDepartment, NET_SWORD_2021 } from '@hub/domain';
import type { Principal } from '../auth/principal.js';

/** Only the joint office's coordinators and the auditors (403 for a unit). */
export function requireOversight(principal: Principal, what: string): void {
  if (principal.kind === 'unit') throw new HubError('FORBIDDEN', `${what} is for coordinators and auditors; unit ${principal.unit} sees its own data only`);
}

export const isDepartmentCode = (value: string): boolean => isReportingDepartment(value);
export const isRegionCode = (value: string): boolean => isRegion(value, NET_SWORD_2021.regionTableYear);
export const isUnitCode = (value: string): boolean => {
  const [department = '', region = '', extra] = value.split('/');
  return extra === undefined && isDepartmentCode(department) && isRegionCode(region);
};
