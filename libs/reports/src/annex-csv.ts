// The statistics annex as a plain table for spreadsheets and scripts. It stays a pure table (one header
// line, one line per annex row, no metadata or comment lines) so any CSV reader loads it as is; what the
// table is about (campaign, scope, period) goes in the file name the gateway chooses.
import type { AnnexReport } from '../../domain/src/annex/types.js';
import { annexCellValue } from './annex-values.js';
import { neutraliseFormula } from './spreadsheet-text.js';

/** Excel decodes a CSV as the system code page (GBK on Chinese Windows) unless it starts with a UTF-8 BOM. */
const BOM = '\uFEFF';
/** RFC 4180 line break. */
const CRLF = '\r\n';

export const ANNEX_CSV_HEADER = ['id', 'group', 'label', 'unit', 'value', 'remark'] as const;

/**
 * RFC 4180: a field holding a comma, quote or line break is quoted, with quotes doubled; text that a
 * spreadsheet could read as a formula is neutralised first.
 */
function field(raw: string): string {
  const text = neutraliseFormula(raw);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A plain number (no grouping, no exponent for annex-sized figures, 万条 decimals kept); empty for null. */
function numberField(value: number | null): string {
  const rounded = annexCellValue(value);
  return rounded === null ? '' : String(rounded);
}

export function renderAnnexCsv(report: AnnexReport): string {
  const lines = [ANNEX_CSV_HEADER.join(',')];
  for (const row of report.rows) {
    const fields = [field(row.id), field(row.group), field(row.label), field(row.unit), numberField(row.value), field(row.remark)];
    lines.push(fields.join(','));
  }
  return BOM + lines.map((line) => line + CRLF).join('');
}
