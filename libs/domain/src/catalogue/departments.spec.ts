import { describe, expect, it } from '@jest/globals';
import { DEPARTMENT_LABELS, DEPARTMENTS, isDepartment, isReportingDepartment, JOINT_OFFICE, REPORTING_DEPARTMENTS } from './departments.js';

describe('departments', () => {
  it('given the plan, when listing departments, then there are 13 reporting departments plus the joint office', () => {
    expect(REPORTING_DEPARTMENTS).toHaveLength(13);
    expect(DEPARTMENTS).toHaveLength(14);
    expect(DEPARTMENTS).toContain(JOINT_OFFICE);
    expect(new Set(DEPARTMENTS).size).toBe(14);
  });

  it('given a code, when checking it, then only the 13 departments are reporting departments', () => {
    expect(isReportingDepartment('samr')).toBe(true);
    expect(isReportingDepartment('pboc')).toBe(true);
    expect(isReportingDepartment('joint')).toBe(false);
    expect(isDepartment('joint')).toBe(true);
    expect(isDepartment('SAMR')).toBe(false);
    expect(isDepartment(undefined)).toBe(false);
  });

  it('given the labels, when reading them, then every department has its Chinese name', () => {
    expect(Object.keys(DEPARTMENT_LABELS).sort()).toEqual([...DEPARTMENTS].sort());
    expect(DEPARTMENT_LABELS.samr).toBe('市场监督管理局');
    expect(DEPARTMENT_LABELS.joint).toBe('联席会议办公室');
  });
});
