import { DEPARTMENT_LABELS, isReportingDepartment, REPORTING_DEPARTMENTS, type ReportingDepartment } from '../catalogue/departments.js';
import { isRegion, LATEST_REGION_YEAR, regionName, regionsFor } from '../catalogue/regions.js';
import { validationFailed } from '../errors.js';
import type { AnnexScope } from './types.js';

/** Whose annex: one unit's own events, a region's units summed, a department line's units summed, or the whole autonomous region. */

const SCOPE_FORMS = 'unit:<dept>/<region> (e.g. unit:samr/653100), region:<code> (e.g. region:653100), line:<dept> (e.g. line:police) or all';

const invalid = (message: string): Error => validationFailed([{ path: 'scope', message }]);

/**
 * Parses `unit:<dept>/<region>`, `region:<code>`, `line:<dept>` or `all`. Departments are the 13 reporting ones
 * (`joint` reports no figures); regions are checked against the table of `regionTableYear`.
 * Throws HubError VALIDATION_FAILED (path `scope`), which the gateway turns into a 400.
 */
export function parseAnnexScope(text: string, regionTableYear: number = LATEST_REGION_YEAR): AnnexScope {
  const value = text.trim();
  if (value === 'all') return { kind: 'all' };
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  if (kind === 'region') {
    if (!isRegion(rest, regionTableYear)) throw invalid(`unknown region ${JSON.stringify(rest)} in the ${regionTableYear} table (GB/T 2260 code, e.g. 653100)`);
    return { kind: 'region', region: rest };
  }
  if (kind === 'line') {
    if (!isReportingDepartment(rest)) throw invalid(`unknown reporting department ${JSON.stringify(rest)} in ${JSON.stringify(value)} (line:<dept>, e.g. line:police)`);
    return { kind: 'line', department: rest };
  }
  if (kind === 'unit') {
    const [dept = '', region = '', ...extra] = rest.split('/');
    if (!isReportingDepartment(dept)) throw invalid(`unknown reporting department ${JSON.stringify(dept)} in ${JSON.stringify(value)}`);
    if (extra.length > 0 || !isRegion(region, regionTableYear)) {
      throw invalid(`unit must be <dept>/<region> with a region of the ${regionTableYear} table, got ${JSON.stringify(rest)}`);
    }
    return { kind: 'unit', unit: `${dept}/${region}` };
  }
  throw invalid(`scope must be ${SCOPE_FORMS}; got ${JSON.stringify(text)}`);
}

/** The inverse of parseAnnexScope: "unit:samr/653100" | "region:653100" | "line:police" | "all". */
export function formatAnnexScope(scope: AnnexScope): string {
  switch (scope.kind) {
    case 'unit':
      return `unit:${scope.unit}`;
    case 'region':
      return `region:${scope.region}`;
    case 'line':
      return `line:${scope.department}`;
    case 'all':
      return 'all';
  }
}

/** The department part of a unit scope (`samr/653100` → `samr`). */
export function unitDepartment(unit: string): string {
  const slash = unit.indexOf('/');
  return slash < 0 ? unit : unit.slice(0, slash);
}

/**
 * Official unit names for 填报单位. Autonomous-region level offices are 厅 and carry their own names
 * (乌鲁木齐海关, 新疆通信管理局 …, as the plan's signatories); prefecture offices are 局 named after the
 * prefecture (the plan's addressees: 公安局, 商务局, 通信管理办公室, 中心支行 …). `{r}` = region name.
 */
const UNIT_TITLES: Readonly<Record<ReportingDepartment, { regional: string; prefecture: string }>> = {
  samr: { regional: '自治区市场监督管理局', prefecture: '{r}市场监督管理局' },
  nmpa: { regional: '自治区药品监督管理局', prefecture: '{r}药品监督管理局' },
  propaganda: { regional: '自治区党委宣传部', prefecture: '{r}党委宣传部' },
  cac: { regional: '自治区互联网信息办公室', prefecture: '{r}互联网信息办公室' },
  police: { regional: '自治区公安厅', prefecture: '{r}公安局' },
  commerce: { regional: '自治区商务厅', prefecture: '{r}商务局' },
  culture_tourism: { regional: '自治区文化和旅游厅', prefecture: '{r}文化和旅游局' },
  forestry: { regional: '自治区林业和草原局', prefecture: '{r}林业和草原局' },
  customs: { regional: '乌鲁木齐海关', prefecture: '{r}海关' },
  tax: { regional: '国家税务总局新疆维吾尔自治区税务局', prefecture: '国家税务总局{r}税务局' },
  telecom: { regional: '新疆通信管理局', prefecture: '{r}通信管理办公室' },
  postal: { regional: '新疆邮政管理局', prefecture: '{r}邮政管理局' },
  pboc: { regional: '中国人民银行乌鲁木齐中心支行', prefecture: '中国人民银行{r}中心支行' },
};

/** The autonomous-region level "region" (自治区本级): its departments are the 厅/局 of the region itself. */
const REGION_LEVEL = /本级$/;

/**
 * The 填报单位 text: "喀什地区市场监督管理局" for a unit, "喀什地区" for a region,
 * "自治区公安厅（全区公安系统汇总）" for a line, "新疆维吾尔自治区（全区）" for all. Unknown codes fall back to the codes themselves.
 */
export function scopeLabel(scope: AnnexScope, regionTableYear: number = LATEST_REGION_YEAR): string {
  switch (scope.kind) {
    case 'all':
      return '新疆维吾尔自治区（全区）';
    case 'region':
      return regionName(scope.region, regionTableYear) ?? scope.region;
    case 'line':
      return isReportingDepartment(scope.department) ? `${UNIT_TITLES[scope.department].regional}（全区汇总）` : scope.department;
    case 'unit': {
      const department = unitDepartment(scope.unit);
      const region = scope.unit.slice(department.length + 1);
      const name = regionName(region, regionTableYear) ?? region;
      if (!isReportingDepartment(department)) return `${name}${(DEPARTMENT_LABELS as Record<string, string>)[department] ?? department}`;
      const titles = UNIT_TITLES[department];
      return REGION_LEVEL.test(name) ? titles.regional : titles.prefecture.replace('{r}', name);
    }
  }
}

/**
 * Every reporting unit's official name (`police/650100` → 乌鲁木齐市公安局), for pages that show units: one
 * naming rule for the printed annex and the web UI, rather than "region + department label" (which would call a
 * city's police bureau 公安厅).
 */
export function unitLabels(regionTableYear: number = LATEST_REGION_YEAR): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const department of REPORTING_DEPARTMENTS) {
    for (const region of regionsFor(regionTableYear)) {
      const unit = `${department}/${region.code}`;
      labels[unit] = scopeLabel({ kind: 'unit', unit }, regionTableYear);
    }
  }
  return labels;
}
