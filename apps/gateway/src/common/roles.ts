import { currentCampaign, isRegion, isReportingDepartment } from '@hub/domain';

export const isDepartmentCode = (value: string): boolean => isReportingDepartment(value);
export const isRegionCode = (value: string): boolean => isRegion(value, currentCampaign().regionTableYear);
export const isUnitCode = (value: string): boolean => {
  const [department = '', region = '', extra] = value.split('/');
  return extra === undefined && isDepartmentCode(department) && isRegionCode(region);
};
