import { isReportingDepartment } from '../catalogue/departments.js';
import { DISTRIBUTION_LEVELS, isDistributionLevel } from '../catalogue/distribution.js';
import { regionsFor } from '../catalogue/regions.js';
import { shown } from '../events/rules.js';
import { isLocalDate, isTimeZone } from './time-window.js';
import type { CampaignDefinition } from './types.js';
import { checkRowRules } from './definition-rules.js';
import { checkReporting } from './definition-reporting.js';
import { checkKeyPeriods } from './key-periods.js';
import { type ProblemSink, type Problems, problemsAt } from './problems.js';

/**
 * A campaign definition is data written by people (a new JSON file per campaign), so it is checked as
 * thoroughly as a submission: every problem is reported, each with the path into the file
 * (`rows[3].rule.eventType`), before any annex is computed from it.
 */
export class InvalidCampaignDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(`invalid campaign definition ${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }

  override get name(): string {
    return 'InvalidCampaignDefinitionError';
  }
}

/** Ids become file names (`campaigns/<id>.json`) and parts of scope strings: lowercase, digits, dashes. */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Group and row ids appear in CSV headers, URLs and SQL rows. */
const ROW_ID_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

const TOP_KEYS = ['id', 'title', 'name', 'start', 'end', 'reportDue', 'timezone', 'regionTableYear', 'departments', 'groups', 'rows', 'note', 'reporting', 'keyPeriods', 'sharing'];
const GROUP_KEYS = ['id', 'label', 'departments'];
const ROW_KEYS = ['id', 'group', 'label', 'unit', 'rule'];

/**
 * Validates `json` (parsed JSON of a definition file) and returns it as a deeply frozen
 * CampaignDefinition; throws InvalidCampaignDefinitionError listing every problem. `file` only names
 * the source in the message.
 */
export function loadCampaignDefinition(json: unknown, file = '(inline)'): CampaignDefinition {
  const problems: Problems = [];
  check(json, problemsAt(problems));
  if (problems.length > 0) throw new InvalidCampaignDefinitionError(file, problems);
  return deepFreeze(structuredClone(json) as CampaignDefinition);
}

function check(json: unknown, at: ProblemSink): void {
  const top = at.object(json, '', TOP_KEYS);
  if (!top) return;

  const id = at.string(top.id, 'id');
  if (id !== undefined && !CAMPAIGN_ID_PATTERN.test(id)) at.add('id', `must match ${String(CAMPAIGN_ID_PATTERN)} (it names the file), got ${shown(id)}`);
  at.string(top.title, 'title');
  at.string(top.name, 'name');
  at.string(top.note, 'note');

  const dates: Record<string, string | undefined> = {};
  for (const field of ['start', 'end', 'reportDue'] as const) {
    const value = top[field];
    if (isLocalDate(value)) dates[field] = value;
    else at.add(field, `must be a local date YYYY-MM-DD, got ${shown(value)}`);
  }
  // ISO dates compare correctly as strings.
  const { start, end, reportDue } = dates;
  if (start !== undefined && end !== undefined && end < start) at.add('end', `(${end}) is before start (${start})`);
  if (start !== undefined && reportDue !== undefined && reportDue < start) at.add('reportDue', `(${reportDue}) is before start (${start})`);
  if (!isTimeZone(top.timezone)) at.add('timezone', `must be an IANA time zone such as Asia/Shanghai, got ${shown(top.timezone)}`);
  const year = top.regionTableYear;
  if (typeof year !== 'number' || !Number.isInteger(year) || regionsFor(year).length === 0) {
    at.add('regionTableYear', `must be a year that has a region table (GB/T 2260), got ${shown(year)}`);
  }

  const departments = new Set(at.codeList(top.departments, 'departments', isReportingDepartment, 'a reporting department (joint never reports annex figures)'));

  // Groups: the printed department blocks. A group's departments must take part in the campaign.
  const groupDepartments = new Map<string, readonly string[]>();
  const groupOrder: string[] = [];
  at.array(top.groups, 'groups').forEach((raw, index) => {
    const path = `groups[${index}]`;
    const group = at.object(raw, path, GROUP_KEYS);
    if (!group) return;
    const groupId = at.string(group.id, `${path}.id`);
    at.string(group.label, `${path}.label`);
    const members = at.codeList(group.departments, `${path}.departments`, isReportingDepartment, 'a reporting department');
    members.forEach((dept, i) => {
      if (departments.size > 0 && !departments.has(dept)) at.add(`${path}.departments[${i}]`, `${shown(dept)} is not one of the campaign's departments`);
    });
    if (groupId === undefined) return;
    if (!ROW_ID_PATTERN.test(groupId)) at.add(`${path}.id`, `must match ${String(ROW_ID_PATTERN)}, got ${shown(groupId)}`);
    if (groupDepartments.has(groupId)) at.add(`${path}.id`, `duplicate group id ${shown(groupId)}`);
    else {
      groupDepartments.set(groupId, members);
      groupOrder.push(groupId);
    }
  });

  // Rows: printed order, so each group's rows must be contiguous and follow the groups' order.
  const rowIds = new Set<string>();
  const used = new Set<string>();
  let lastGroupIndex = -1;
  const rows = at.array(top.rows, 'rows');
  rows.forEach((raw, index) => {
    const path = `rows[${index}]`;
    const row = at.object(raw, path, ROW_KEYS);
    if (!row) return;
    const rowId = at.string(row.id, `${path}.id`);
    if (rowId !== undefined) {
      if (!ROW_ID_PATTERN.test(rowId)) at.add(`${path}.id`, `must match ${String(ROW_ID_PATTERN)}, got ${shown(rowId)}`);
      if (rowIds.has(rowId)) at.add(`${path}.id`, `duplicate row id ${shown(rowId)}`);
      rowIds.add(rowId);
    }
    at.string(row.label, `${path}.label`);
    at.string(row.unit, `${path}.unit`);
    const groupId = at.string(row.group, `${path}.group`);
    if (groupId === undefined) return;
    const groupIndex = groupOrder.indexOf(groupId);
    if (groupIndex < 0) {
      at.add(`${path}.group`, `no group ${shown(groupId)} (groups: ${groupOrder.join(', ')})`);
      return;
    }
    if (groupIndex < lastGroupIndex) {
      at.add(`${path}.group`, `rows must follow the printed group order; ${shown(groupId)} comes before ${shown(groupOrder[lastGroupIndex])}`);
    }
    lastGroupIndex = Math.max(lastGroupIndex, groupIndex);
    used.add(groupId);
  });
  groupOrder.forEach((groupId, index) => {
    if (!used.has(groupId)) at.add(`groups[${index}]`, `group ${shown(groupId)} has no rows`);
  });

  checkRowRules(rows, groupDepartments, at);
  const withAnnexRows = new Set([...used].flatMap((groupId) => groupDepartments.get(groupId) ?? []));
  checkKeyPeriods(top.keyPeriods, at);
  checkReporting(top.reporting, { departments, withAnnexRows, regionTableYear: typeof year === 'number' ? year : undefined }, at);
  checkSharing(top.sharing, at);
}

/** `sharing: {defaultDistribution}`: the level a record without one is shared at. */
function checkSharing(value: unknown, at: ProblemSink): void {
  if (value === undefined) return;
  const sharing = at.object(value, 'sharing', ['defaultDistribution']);
  if (!sharing) return;
  if (!isDistributionLevel(sharing.defaultDistribution)) {
    at.add('sharing.defaultDistribution', `must be one of ${DISTRIBUTION_LEVELS.join(', ')}, got ${shown(sharing.defaultDistribution)}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
