// Reads an uploaded XLSX or CSV into the plain grid the pure parser (@hub/domain parseEntryWorkbook)
// takes: formulas become their cached results, rich text and hyperlinks their text, merged cells their
// master's value. File-level problems throw EntryFileError (the gateway answers 400).
import type { CellValue, Worksheet } from 'exceljs';
import { loadExcel } from '../excel.js';
import { CODES_SHEET, EntryFileError, INSTRUCTIONS_SHEET, VERSION_LABEL, type EntryCell, type EntryGrid, type EntryWorkbook } from '../../../domain/src/entry/index.js';
import { checkZipSizes, sniffSpreadsheet, type ZipLimits } from './zip-guard.js';

export interface EntryFileLimits extends ZipLimits {
  /** Data rows over all sheets (header rows not counted). */
  maxRows: number;
}

export const DEFAULT_ENTRY_LIMITS: EntryFileLimits = { maxRows: 20_000, maxUncompressedBytes: 100 * 1024 * 1024, maxRatio: 200 };

export async function readEntryFile(file: Buffer, fileName: string, limits: EntryFileLimits = DEFAULT_ENTRY_LIMITS): Promise<EntryWorkbook> {
  const kind = sniffSpreadsheet(file);
  if (kind === 'ole') {
    throw new EntryFileError('ENCRYPTED_FILE', '文件已加密（设置了打开密码）或为旧版 .xls 格式：请取消密码并另存为 .xlsx 后上传');
  }
  if (kind === 'xlsx') return readXlsx(file, limits);
  if (/\.csv$/i.test(fileName) || looksLikeText(file)) return readCsv(file, fileName, limits);
  throw new EntryFileError('NOT_A_SPREADSHEET', '不是 Excel（.xlsx）或 CSV 文件');
}

async function readXlsx(file: Buffer, limits: EntryFileLimits): Promise<EntryWorkbook> {
  checkZipSizes(file, limits);
  const workbook = new (await loadExcel()).Workbook();
  try {
    // A copy: a Buffer may be a view into a larger pool, and exceljs reads the whole ArrayBuffer.
    await workbook.xlsx.load(new Uint8Array(file).buffer);
  } catch {
    throw new EntryFileError('NOT_A_SPREADSHEET', '文件已损坏或不是 Excel 文件（.xlsx）');
  }
  // A ZIP that exceljs opens but that holds no worksheet (any other zipped file) is no spreadsheet either.
  if (workbook.worksheets.length === 0) throw new EntryFileError('NOT_A_SPREADSHEET', '文件中没有工作表，不是 Excel 文件（.xlsx）');
  let rowsSeen = 0;
  let version: string | undefined;
  const sheets: EntryGrid[] = [];
  for (const worksheet of workbook.worksheets) {
    if (worksheet.name === CODES_SHEET) continue;
    if (worksheet.name === INSTRUCTIONS_SHEET) {
      version = versionIn(worksheet);
      continue;
    }
    // actualRowCount is known once loaded; checking it first spares building grids of a file that is refused anyway.
    if (rowsSeen + worksheet.actualRowCount - 1 > limits.maxRows) throw tooManyRows(limits);
    const grid = gridOf(worksheet);
    rowsSeen += Math.max(0, grid.rows.length - 1);
    if (rowsSeen > limits.maxRows) throw tooManyRows(limits);
    sheets.push(grid);
  }
  return { version, sheets };
}

function versionIn(sheet: Worksheet): string | undefined {
  let found: string | undefined;
  sheet.eachRow((row) => {
    if (found === undefined && cellOf(row.getCell(1).value) === VERSION_LABEL) {
      const value = cellOf(row.getCell(2).value);
      found = value === null ? '' : String(value).trim();
    }
  });
  return found;
}

function gridOf(sheet: Worksheet): EntryGrid {
  const rows: EntryGrid['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: EntryCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellOf(cell.value);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
    rows.push({ row: rowNumber, cells });
  });
  return { name: sheet.name, rows };
}

/** One cell's value as the clerk sees it in Excel. */
export function cellOf(value: CellValue): EntryCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date)) return null; // an error value such as #REF!
    return result as EntryCell;
  }
  if ('hyperlink' in value) {
    const text: unknown = (value as { text?: unknown }).text;
    return typeof text === 'string' ? text : cellOf(text as CellValue);
  }
  if ('error' in value) return null;
  return null;
}

const tooManyRows = (limits: EntryFileLimits): EntryFileError =>
  new EntryFileError('TOO_MANY_ROWS', `行数超过上限：每个文件最多 ${limits.maxRows} 行数据，请分成多个文件上传`);

function looksLikeText(file: Buffer): boolean {
  const head = file.subarray(0, 4096);
  return !head.includes(0) && head.toString('utf8').includes(',');
}

// ---- CSV: one sheet per file; the sheet is named by the file name (线索.csv) or a first line `工作表,线索`.

function readCsv(file: Buffer, fileName: string, limits: EntryFileLimits): EntryWorkbook {
  const text = decodeCsv(file);
  const records = parseCsv(text, limits);
  let version: string | undefined;
  let sheetName = fileName.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '').replace(/[（(].*$/, '').trim();
  const rows: EntryGrid['rows'] = [];
  records.forEach((cells, index) => {
    const first = (cells[0] ?? '').normalize('NFKC').trim();
    if (first === VERSION_LABEL) version = (cells[1] ?? '').trim();
    else if (first === '工作表') sheetName = (cells[1] ?? '').trim();
    else if (cells.some((cell) => cell.trim() !== '')) rows.push({ row: index + 1, cells: cells.map((cell) => (cell === '' ? null : cell)) });
  });
  if (rows.length - 1 > limits.maxRows) throw tooManyRows(limits);
  return { version, sheets: [{ name: sheetName, rows }] };
}

/** UTF-8 (with or without BOM); Excel's "CSV" in Chinese Windows is GB18030, which TextDecoder reads too. */
function decodeCsv(file: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(file);
  if (!utf8.includes('\uFFFD')) return utf8.replace(/^\uFEFF/, '');
  return new TextDecoder('gb18030').decode(file);
}

/** RFC 4180 fields: quotes, doubled quotes, CR/LF inside quotes. */
export function parseCsv(text: string, limits: EntryFileLimits): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      if (records.length > limits.maxRows + 10) throw tooManyRows(limits);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
