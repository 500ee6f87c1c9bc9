import { codeList } from './code-list.js';

/**
 * How far the content of a lead or case travels (`distribution` on lead.reported / case.opened; DESIGN
 * "Sharing"): the unit (with its line supervisor, its prefecture's joint meeting and the coordinator), its
 * department line, its region, or every unit of the joint meeting. Existence is always shared.
 */
export const { codes: DISTRIBUTION_LEVELS, is: isDistributionLevel, labels: DISTRIBUTION_LEVEL_LABELS } = codeList({
  unit: '本单位',
  line: '本系统（同一部门各级）',
  region: '本地区（同一地州各部门）',
  joint: '联席会议全体成员单位',
});
export type DistributionLevel = (typeof DISTRIBUTION_LEVELS)[number];

/** The level a record carries when it names none and its campaign sets no default. */
export const DEFAULT_DISTRIBUTION: DistributionLevel = 'joint';
