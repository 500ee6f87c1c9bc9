import { isReportingDepartment, REPORTING_DEPARTMENTS } from './departments.js';
import { isRegion, regionsFor } from './regions.js';

/**
 * A reporting unit is one department in one region, written `<dept>/<region>` (e.g. `samr/653100`).
 * Every department is assumed present in every region: the plan addresses each department's
 * prefecture-level office, and a unit that never reports simply has zero rows in the annex.
 */
export type ReportingUnit = `${string}/${string}`;

/** All units for `year`, department-major (13 departments × 15 regions = 195 in 2021). */
export function reportingUnits(year: number = 2021): readonly ReportingUnit[] {
  const regions = regionsFor(year);
  return REPORTING_DEPARTMENTS.flatMap((dept) => regions.map((region): ReportingUnit => `${dept}/${region.code}`));
}

export function isReportingUnit(value: unknown, year: number = 2021): value is ReportingUnit {
  if (typeof value !== 'string') return false;
  const slash = value.indexOf('/');
  return slash > 0 && isReportingDepartment(value.slice(0, slash)) && isRegion(value.slice(slash + 1), year);
}
