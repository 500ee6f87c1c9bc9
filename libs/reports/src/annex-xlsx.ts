// The statistics annex as the printed form (附件: 2021网络市场监管专项行动情况统计表), so a unit can print the
// XLSX, sign and stamp it and file it as it always has: same title, same 填报单位/填报日期 lines, same
// 项目 | 数量 | 备注 table with department groups as vertically merged cells, same closing note.
import type { Alignment, Borders, Cell, Font, Style, Worksheet } from 'exceljs';
import { loadExcel } from './excel.js';
import type { AnnexReport } from '../../domain/src/annex/types.js';
import { annexCellValue, annexRowText, formatReportDate, groupRuns } from './annex-values.js';
import { rowHeightFor, wrappedLines } from './text-height.js';
import { neutraliseFormula } from './spreadsheet-text.js';

export interface AnnexXlsxMeta {
  /** The form's title, e.g. "2021网络市场监管专项行动情况统计表". */
  title: string;
  /** Printed after "填报单位：". */
  unitLabel: string;
  /** Printed after "填报日期：" as "12月5日"; a date-only string is a local date, an instant is shown in `timeZone`. */
  reportDate: Date | string;
  /** The printed closing note (注：…). */
  note: string;
  /** Time zone for an instant `reportDate`; the campaign's, Asia/Shanghai, by default. */
  timeZone?: string;
}

export const ANNEX_SHEET_NAME = '情况统计表';

// Columns: A group (部门), B row label with unit, C 数量, D 备注. A and B together are the printed "项目"
// column. Widths total ~100 units, about the printable width of A4 portrait, so fit-to-width barely shrinks.
const COLUMN_WIDTHS = [14, 50, 12, 26] as const;
const TABLE_WIDTH = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);
const [GROUP_COL, LABEL_COL, VALUE_COL, REMARK_COL] = [1, 2, 3, 4] as const;
const LAST_COL = REMARK_COL;

const TITLE_ROW = 1;
const UNIT_ROW = 2;
const DATE_ROW = 3;
const HEADER_ROW = 4;
const FIRST_DATA_ROW = 5;

// 宋体 for the body and 黑体 for the title, as Chinese government forms are typeset; charset 134 (GB2312)
// tells Excel/WPS which script the font is for, so they pick a CJK face even where the name is unknown.
const GB2312 = 134;
const BODY_SIZE = 11;
const TITLE_SIZE = 18;
const bodyFont = (extra: Partial<Font> = {}): Partial<Font> => ({ name: '宋体', size: BODY_SIZE, charset: GB2312, ...extra });
const titleFont = (): Partial<Font> => ({ name: '黑体', size: TITLE_SIZE, bold: true, charset: GB2312 });

const thinBorder = (): Partial<Borders> => ({
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
});
const align = (horizontal: Alignment['horizontal']): Partial<Alignment> => ({ horizontal, vertical: 'middle', wrapText: true });

// Integers print as integers; fractional values (万条) show up to four decimals without padding zeros.
// The format is chosen per value because "#,##0.####" would print an integer as "3." in Excel.
const INTEGER_FORMAT = '#,##0';
const DECIMAL_FORMAT = '#,##0.####';

/** Sets a cell's whole style at once: exceljs shares style objects between merged cells, so never mutate one. */
function style(cell: Cell, value: Partial<Style>): void {
  cell.style = value;
}

function tableCellStyle(horizontal: Alignment['horizontal'], extra: Partial<Style> = {}): Partial<Style> {
  return { font: bodyFont(), alignment: align(horizontal), border: thinBorder(), ...extra };
}

/** A full-width line above or below the table (title, 填报单位, 填报日期, note). */
function wideRow(sheet: Worksheet, row: number, text: string, cellStyle: Partial<Style>, height: number): void {
  sheet.mergeCells(row, GROUP_COL, row, LAST_COL);
  for (let col = GROUP_COL; col <= LAST_COL; col++) style(sheet.getCell(row, col), { ...cellStyle });
  sheet.getCell(row, GROUP_COL).value = text;
  sheet.getRow(row).height = height;
}

export async function renderAnnexXlsx(report: AnnexReport, meta: AnnexXlsxMeta): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'net-sword-hub';
  workbook.title = meta.title;
  const sheet = workbook.addWorksheet(ANNEX_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, showGridLines: false }],
    pageSetup: {
      paperSize: 9, // A4 (exceljs declares PaperSize as a const enum, which isolatedModules cannot read)
      orientation: 'portrait',
      // One page wide, as many pages tall as needed (fitToHeight 0 = automatic).
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      // The 37 rows run onto a second page, as in the printed plan: repeat the 项目/数量/备注 header there.
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));

  // Title: the larger font means fewer characters per line than the body font.
  const titleLines = wrappedLines(meta.title, (TABLE_WIDTH * BODY_SIZE) / TITLE_SIZE);
  const titleHeight = rowHeightFor(titleLines, TITLE_SIZE, 36);
  wideRow(sheet, TITLE_ROW, meta.title, { font: titleFont(), alignment: align('center') }, titleHeight);
  wideRow(sheet, UNIT_ROW, `填报单位：${meta.unitLabel}`, { font: bodyFont(), alignment: align('left') }, 22);
  const date = formatReportDate(meta.reportDate, meta.timeZone);
  wideRow(sheet, DATE_ROW, `填报日期：${date}`, { font: bodyFont(), alignment: align('left') }, 22);

  writeHeader(sheet);
  const noteRow = writeRows(sheet, report);

  const noteLines = wrappedLines(meta.note, TABLE_WIDTH);
  wideRow(sheet, noteRow, meta.note, tableCellStyle('left'), rowHeightFor(noteLines, BODY_SIZE, 22));
  sheet.pageSetup.printArea = `A${TITLE_ROW}:D${noteRow}`;

  // exceljs types the result with its own Buffer declaration; copy into a Node Buffer for callers.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeHeader(sheet: Worksheet): void {
  sheet.mergeCells(HEADER_ROW, GROUP_COL, HEADER_ROW, LABEL_COL); // 项目 spans the group and label columns
  const header = tableCellStyle('center', { font: bodyFont({ bold: true }) });
  for (let col = GROUP_COL; col <= LAST_COL; col++) style(sheet.getCell(HEADER_ROW, col), { ...header });
  sheet.getCell(HEADER_ROW, GROUP_COL).value = '项目';
  sheet.getCell(HEADER_ROW, VALUE_COL).value = '数量';
  sheet.getCell(HEADER_ROW, REMARK_COL).value = '备注';
  sheet.getRow(HEADER_ROW).height = 24;
}

/** Writes one row per annex row and returns the first row below the table. */
function writeRows(sheet: Worksheet, report: AnnexReport): number {
  const heights: number[] = [];
  report.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    const label = annexRowText(row.label, row.unit);
    const value = annexCellValue(row.value);

    style(sheet.getCell(r, GROUP_COL), tableCellStyle('center'));
    style(sheet.getCell(r, LABEL_COL), tableCellStyle('left'));
    const numFmt = value === null || Number.isInteger(value) ? INTEGER_FORMAT : DECIMAL_FORMAT;
    style(sheet.getCell(r, VALUE_COL), tableCellStyle('center', { numFmt }));
    style(sheet.getCell(r, REMARK_COL), tableCellStyle('left'));

    sheet.getCell(r, LABEL_COL).value = neutraliseFormula(label);
    if (value !== null) sheet.getCell(r, VALUE_COL).value = value; // null stays an empty cell, not 0
    if (row.remark !== '') sheet.getCell(r, REMARK_COL).value = neutraliseFormula(row.remark);

    const remarkLines = row.remark === '' ? 1 : wrappedLines(row.remark, COLUMN_WIDTHS[3]);
    const lines = Math.max(wrappedLines(label, COLUMN_WIDTHS[1]), remarkLines);
    heights.push(rowHeightFor(lines, BODY_SIZE, 22));
  });

  for (const run of groupRuns(report.rows.map((row) => row.group))) {
    const top = FIRST_DATA_ROW + run.first;
    const bottom = FIRST_DATA_ROW + run.last;
    sheet.getCell(top, GROUP_COL).value = neutraliseFormula(run.group);
    if (bottom > top) sheet.mergeCells(top, GROUP_COL, bottom, GROUP_COL);
    // Merging copies the top cell's style by reference; give every cell its own again so no two share one.
    for (let r = top; r <= bottom; r++) style(sheet.getCell(r, GROUP_COL), tableCellStyle('center'));
    // A group label taller than its rows (e.g. a one-row group with a long name) stretches them evenly.
    const needed = rowHeightFor(wrappedLines(run.group, COLUMN_WIDTHS[0]), BODY_SIZE, 0);
    const span = heights.slice(run.first, run.last + 1);
    const shortfall = needed - span.reduce((a, b) => a + b, 0);
    if (shortfall > 0) {
      for (let i = run.first; i <= run.last; i++) heights[i] = (heights[i] ?? 0) + shortfall / span.length;
    }
  }

  heights.forEach((height, i) => {
    sheet.getRow(FIRST_DATA_ROW + i).height = height;
  });
  return FIRST_DATA_ROW + report.rows.length;
}
