import { isReportingDepartment } from '../catalogue/departments.js';
import { isRegion } from '../catalogue/regions.js';
import { shown } from '../events/rules.js';
import type { ProblemSink } from './problems.js';

export const REPORT_ITEMS = ['summary', 'statistics', 'typical_cases', 'penalty_decisions', 'joint_enforcement'] as const;
export const REPORTING_LEVELS = ['region', 'prefecture'] as const;

const PLAN_KEYS = ['basis', 'minTypicalCases', 'regionLevel', 'copyTo', 'duties'];
const DUTY_KEYS = ['department', 'levels', 'items', 'superior', 'basis'];

/** What the rest of the file says that the reporting block must agree with. */
export interface ReportingContext {
  /** The campaign's departments. */
  departments: ReadonlySet<string>;
  /** Departments whose group has annex rows: exactly they file `statistics`. */
  withAnnexRows: ReadonlySet<string>;
  regionTableYear: number | undefined;
}

/**
 * Checks the optional `reporting` block (plan 三(四)): each addressed department once, its levels, its
 * items (always a summary; statistics exactly when it has annex rows, so no unit is asked for a table it
 * cannot fill; penalty decisions only with typical cases), its superior and the plan text it rests on.
 */
export function checkReporting(value: unknown, context: ReportingContext, at: ProblemSink): void {
  if (value === undefined) return;
  const plan = at.object(value, 'reporting', PLAN_KEYS);
  if (!plan) return;
  at.string(plan.basis, 'reporting.basis');
  const min = plan.minTypicalCases;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 1) at.add('reporting.minTypicalCases', `must be a whole number ≥ 1, got ${shown(min)}`);
  const regionLevel = at.string(plan.regionLevel, 'reporting.regionLevel');
  if (regionLevel !== undefined && context.regionTableYear !== undefined && !isRegion(regionLevel, context.regionTableYear)) {
    at.add('reporting.regionLevel', `must be a region of the ${context.regionTableYear} table (自治区本级, e.g. 650000), got ${shown(regionLevel)}`);
  }
  const addressed = new Set<string>();
  at.array(plan.duties, 'reporting.duties').forEach((raw, index) => {
    const path = `reporting.duties[${index}]`;
    const duty = at.object(raw, path, DUTY_KEYS);
    if (!duty) return;
    const department = at.string(duty.department, `${path}.department`);
    if (department !== undefined) {
      if (!isReportingDepartment(department) || !context.departments.has(department)) at.add(`${path}.department`, `must be one of the campaign's departments, got ${shown(department)}`);
      else if (addressed.has(department)) at.add(`${path}.department`, `duplicate ${shown(department)}: one duty per department`);
      else addressed.add(department);
    }
    at.codeList(duty.levels, `${path}.levels`, (v) => (REPORTING_LEVELS as readonly unknown[]).includes(v), REPORTING_LEVELS.join(' or '));
    const items = new Set(at.codeList(duty.items, `${path}.items`, (v) => (REPORT_ITEMS as readonly unknown[]).includes(v), `one of ${REPORT_ITEMS.join(', ')}`));
    if (items.size > 0 && !items.has('summary')) at.add(`${path}.items`, 'must include summary (every addressed unit files its work summary)');
    if (items.has('penalty_decisions') && !items.has('typical_cases')) at.add(`${path}.items`, 'penalty_decisions are attached to typical cases: list typical_cases too');
    if (department !== undefined && items.size > 0) {
      const rows = context.withAnnexRows.has(department);
      if (rows && !items.has('statistics')) at.add(`${path}.items`, `${department} has annex rows: list statistics`);
      if (!rows && items.has('statistics')) at.add(`${path}.items`, `${department} has no annex rows: it has no statistics to file`);
    }
    at.string(duty.superior, `${path}.superior`);
    at.string(duty.basis, `${path}.basis`);
  });
  const copyTo = at.string(plan.copyTo, 'reporting.copyTo');
  if (copyTo !== undefined && !addressed.has(copyTo)) at.add('reporting.copyTo', `must be an addressed department (the same-level copy goes to its unit), got ${shown(copyTo)}`);
}
