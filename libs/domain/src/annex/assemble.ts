import { VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS } from '../catalogue/violations.js';
import { formatAnnexScope, unitDepartment } from './scope.js';
import type { AnnexReport, AnnexRow, AnnexRowDefinition, AnnexScope, CampaignDefinition } from './types.js';

/**
 * Turns per-row totals into the printed form. The projector's SQL aggregate and the in-memory fold
 * (compute.ts) both produce AnnexTotals, so the form is assembled by this one function either way.
 */

/** What the contributions of one row add up to over a scope and period. */
export interface AnnexRowTotals {
  /** Σ amount (count rows: number of events; sum rows: Σ field), before scaling. */
  amount: number;
  /** Number of distinct distinctKey values (distinct rows only; 0 otherwise). */
  distinct: number;
  /** category code → number of counted cases that also involve it (remark rows only). */
  remarkCounts: Record<string /* category */, number>;
}

/** Per rowId; a missing row means nothing was counted. */
export type AnnexTotals = Record<string /* rowId */, AnnexRowTotals>;

/** What the caller asked for, echoed in the report. */
export interface AnnexReportMeta {
  from?: string;
  to?: string;
  asOf?: string;
}

/** Scaled values keep four decimals (万条: 12,345 条 → 1.2345), never an integer. */
const DECIMALS = 1e4;

function valueOf(row: AnnexRowDefinition, totals: AnnexRowTotals | undefined): number {
  if (row.rule.measure.kind === 'distinct') return totals?.distinct ?? 0;
  const scaled = (totals?.amount ?? 0) / (row.rule.scale ?? 1);
  return Math.round(scaled * DECIMALS) / DECIMALS + 0; // + 0 turns -0 into 0
}

const CATEGORY_ORDER = new Map<string, number>(VIOLATION_CATEGORIES.map((code, index) => [code, index]));

/**
 * The 备注 text for a row counted once under its primary violation (the printed note). One clause per
 * other category, most frequent first (then catalogue order): "其中2件同时涉及虚假违法互联网广告，1件同时涉及侵害消费者合法权益".
 * Clauses count cases per category, so a case that also involves two other categories appears in both
 * clauses and the Ns may add up to more than the row's value. Unknown codes are shown as the code.
 */
export function annexRemarkText(remarkCounts: Readonly<Record<string, number>>): string {
  const clauses = Object.entries(remarkCounts)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || (CATEGORY_ORDER.get(a) ?? Infinity) - (CATEGORY_ORDER.get(b) ?? Infinity) || a.localeCompare(b))
    .map(([code, count]) => `${count}件同时涉及${(VIOLATION_CATEGORY_LABELS as Record<string, string>)[code] ?? code}`);
  return clauses.length === 0 ? '' : `其中${clauses.join('，')}`;
}

/**
 * The report for `scope`. For a unit, rows of groups its department does not fill are null (blank on
 * the printed form: the unit has nothing to report there, which is not the same as 0). For a region or
 * `all` every row has a number.
 */
export function assembleAnnex(definition: CampaignDefinition, scope: AnnexScope, totals: AnnexTotals, meta: AnnexReportMeta = {}): AnnexReport {
  const groups = new Map(definition.groups.map((group) => [group.id, group]));
  const department = scope.kind === 'unit' ? unitDepartment(scope.unit) : undefined;
  const rows = definition.rows.map((row): AnnexRow => {
    const group = groups.get(row.group);
    const filled = department === undefined || (group?.departments.includes(department) ?? false);
    const rowTotals = Object.hasOwn(totals, row.id) ? totals[row.id] : undefined;
    return {
      id: row.id,
      group: group?.label ?? row.group,
      label: row.label,
      unit: row.unit,
      value: filled ? valueOf(row, rowTotals) : null,
      remark: filled && row.rule.remarkOtherCategories === true && rowTotals ? annexRemarkText(rowTotals.remarkCounts) : '',
    };
  });
  return {
    campaign: definition.id,
    scope: formatAnnexScope(scope),
    ...(meta.from === undefined ? {} : { from: meta.from }),
    ...(meta.to === undefined ? {} : { to: meta.to }),
    ...(meta.asOf === undefined ? {} : { asOf: meta.asOf }),
    rows,
  };
}
