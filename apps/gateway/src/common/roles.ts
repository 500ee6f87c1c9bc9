import { isRegion, isReportingDepartment, NET_SWORD_2021 } from '@hub/domain';

export const isDepartmentCode = (value: string): boolean => isReportingDepartment(value);
export const isRegionCode = (value: string): boolean => isRegion(value, NET_SWORD_2021.regionTableYear);
export const isUnitCode = (value: string): boolean => {
  const [department = '', region = '', extra] = value.split('/');
  return extra === undefined && isDepartmentCode(department) && isRegionCode(region);
};
