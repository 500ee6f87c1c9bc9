import type { FilingRoute } from '@hub/contracts';
import { REPORTING_DEPARTMENTS } from '../catalogue/departments.js';
import { regionsFor } from '../catalogue/regions.js';
import { scopeLabel } from '../annex/scope.js';
import type { CampaignDefinition, ReportingDuty, ReportingLevel, ReportingPlan, ReportItem } from '../annex/types.js';

export type { FilingRoute };

/** Departments whose events fill some annex row of the campaign: only they have an annex to fill. */
export function annexDepartments(definition: CampaignDefinition): ReadonlySet<string> {
  const withRows = new Set(definition.rows.map((row) => row.group));
  return new Set(definition.groups.filter((group) => withRows.has(group.id)).flatMap((group) => group.departments));
}

/** The plan's 三(四) when a campaign file says nothing about reporting: everyone files everything it can. */
const FALLBACK_MIN_TYPICAL_CASES = 2;

/**
 * The campaign's reporting plan: its `reporting` block, or — for a campaign file without one — every
 * campaign department at both levels filing a summary, its statistics when it has annex rows, typical
 * cases with penalty decisions and joint-enforcement material, to 上级主管部门, copied to samr.
 */
export function reportingPlan(definition: CampaignDefinition): ReportingPlan {
  if (definition.reporting) return definition.reporting;
  const withRows = annexDepartments(definition);
  const regionLevel = regionsFor(definition.regionTableYear).find((region) => region.code.endsWith('0000'))?.code ?? '';
  return {
    basis: '',
    minTypicalCases: FALLBACK_MIN_TYPICAL_CASES,
    regionLevel,
    copyTo: 'samr',
    duties: definition.departments.map((department) => ({
      department,
      levels: ['region', 'prefecture'],
      items: ['summary', ...(withRows.has(department) ? (['statistics'] as const) : []), 'typical_cases', 'penalty_decisions', 'joint_enforcement'],
      superior: '上级主管部门',
      basis: '',
    })),
  };
}

/** The level of a region in the plan: 自治区本级 or a prefecture. */
export const levelOf = (plan: ReportingPlan, region: string): ReportingLevel => (region === plan.regionLevel ? 'region' : 'prefecture');

/** The duty of a department, if the plan addresses it at all. */
export const dutyOf = (plan: ReportingPlan, department: string): ReportingDuty | undefined => plan.duties.find((duty) => duty.department === department);

/**
 * What unit `<dept>/<region>` must file, or undefined when the plan does not address it (a department
 * not named, or named only at the other level: no prefecture-level 药监 unit).
 */
export function dutiesOf(plan: ReportingPlan, unit: string): readonly ReportItem[] | undefined {
  const [department = '', region = ''] = unit.split('/');
  const duty = dutyOf(plan, department);
  return duty && duty.levels.includes(levelOf(plan, region)) ? duty.items : undefined;
}

/** The units the plan addresses, in department order then region-table order (what readiness lists). */
export function addressedUnits(definition: CampaignDefinition, plan: ReportingPlan = reportingPlan(definition)): string[] {
  const regions = regionsFor(definition.regionTableYear);
  return REPORTING_DEPARTMENTS.flatMap((department) => regions.map((region) => `${department}/${region.code}`)).filter((unit) => dutiesOf(plan, unit) !== undefined);
}

/**
 * 分别报送各自上级主管部门并抄送同级市场监管部门: a prefecture unit files to its department's
 * region-level unit, a region-level unit to its national superior; each copies the market regulator of
 * its own level (none when it is that regulator). Pure.
 */
export function routeFiling(definition: CampaignDefinition, unit: string, plan: ReportingPlan = reportingPlan(definition)): FilingRoute {
  const [department = '', region = ''] = unit.split('/');
  const year = definition.regionTableYear;
  const label = (code: string): string => scopeLabel({ kind: 'unit', unit: code }, year);
  const superior = levelOf(plan, region) === 'region' ? undefined : `${department}/${plan.regionLevel}`;
  const copy = department === plan.copyTo ? undefined : `${plan.copyTo}/${region}`;
  return {
    to: superior ?? null,
    toLabel: superior ? label(superior) : (dutyOf(plan, department)?.superior ?? '上级主管部门'),
    copyTo: copy ?? null,
    copyToLabel: copy ? label(copy) : null,
  };
}

/** The units whose filings reach `unit`, as addressee (`to`) or as the same-level copy (`copy`). */
export function filingsReaching(definition: CampaignDefinition, unit: string, plan: ReportingPlan = reportingPlan(definition)): { to: string[]; copy: string[] } {
  const to: string[] = [];
  const copy: string[] = [];
  for (const sender of addressedUnits(definition, plan)) {
    const route = routeFiling(definition, sender, plan);
    if (route.to === unit) to.push(sender);
    if (route.copyTo === unit) copy.push(sender);
  }
  return { to, copy };
}
