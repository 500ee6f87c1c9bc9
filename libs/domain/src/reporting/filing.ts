import { createHash } from 'node:crypto';
import { assembleAnnex } from '../annex/assemble.js';
import type { AnnexReport, CampaignDefinition } from '../annex/types.js';
import { canonicalJson } from '../integrity/canonical-json.js';

/** One annex row as filed in report.submitted (`figures`). */
export interface FiledFigureValue {
  row: string;
  value: number;
  remark?: string;
}

/** The rows a unit fills (its department's groups), as filed: value, and the remark when there is one. */
export function filedFigures(report: AnnexReport): FiledFigureValue[] {
  return report.rows.filter((row) => row.value !== null).map((row) => ({ row: row.id, value: row.value as number, ...(row.remark ? { remark: row.remark } : {}) }));
}

/** SHA-256 (hex) of the canonical JSON of the filed figures: what a package and an auditor recompute. */
export function figuresHash(figures: readonly FiledFigureValue[]): string {
  return createHash('sha256').update(canonicalJson(figures), 'utf8').digest('hex');
}

/** The printed annex of a unit exactly as filed (rows the unit does not fill stay blank). Pure. */
export function filedAnnexReport(definition: CampaignDefinition, unit: string, figures: readonly FiledFigureValue[]): AnnexReport {
  const blank = assembleAnnex(definition, { kind: 'unit', unit }, {});
  const filed = new Map(figures.map((figure) => [figure.row, figure]));
  return { ...blank, rows: blank.rows.map((row) => (filed.has(row.id) ? { ...row, value: filed.get(row.id)?.value ?? null, remark: filed.get(row.id)?.remark ?? '' } : row)) };
}

/** The event types the campaign's annex rules count: a correction of a record of these types can change filed figures. */
export function annexCountedTypes(definition: CampaignDefinition): string[] {
  return [...new Set(definition.rows.map((row) => row.rule.eventType))];
}
