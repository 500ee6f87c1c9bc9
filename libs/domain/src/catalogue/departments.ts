import { codeGuard } from './code-list.js';

/**
 * The thirteen member departments of the autonomous region's online-market joint meeting, in the
 * order the campaign plan lists them, plus `joint`, the joint-meeting office that market regulation
 * runs. `joint` publishes coordination events only; it never reports annex figures.
 */
export const REPORTING_DEPARTMENTS = [
  'samr',
  'nmpa',
  'propaganda',
  'cac',
  'police',
  'commerce',
  'culture_tourism',
  'forestry',
  'customs',
  'tax',
  'telecom',
  'postal',
  'pboc',
] as const;
export type ReportingDepartment = (typeof REPORTING_DEPARTMENTS)[number];

export const JOINT_OFFICE = 'joint' as const;

export const DEPARTMENTS = [...REPORTING_DEPARTMENTS, JOINT_OFFICE] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const isDepartment = codeGuard(DEPARTMENTS);
/** True for the 13 departments that hold reporting units; false for `joint` and unknown codes. */
export const isReportingDepartment = codeGuard(REPORTING_DEPARTMENTS);

export const DEPARTMENT_LABELS: Readonly<Record<Department, string>> = {
  samr: '市场监督管理局',
  nmpa: '药品监督管理局',
  propaganda: '党委宣传部',
  cac: '互联网信息办公室（网信）',
  police: '公安厅',
  commerce: '商务厅',
  culture_tourism: '文化和旅游厅',
  forestry: '林业和草原局',
  customs: '海关',
  tax: '税务局',
  telecom: '通信管理局',
  postal: '邮政管理局',
  pboc: '人民银行',
  joint: '联席会议办公室',
};
