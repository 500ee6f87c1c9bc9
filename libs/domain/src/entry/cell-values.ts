/**
 * What a spreadsheet cell holds once the reader has resolved it: formulas to their cached result, rich
 * text to plain text, hyperlinks to their text. Dates are Date when the cell is date-formatted.
 */
export type EntryCell = string | number | boolean | Date | null;

export type CellParse<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const fail = <T>(message: string): CellParse<T> => ({ ok: false, message });

/**
 * Text as a clerk meant it: NFKC turns full-width digits, letters and the ideographic space into ASCII
 * (Chinese IMEs type full-width digits and U+3000 spaces), and outer whitespace is dropped.
 */
export function cellText(cell: EntryCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return localDate(cell) ?? '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.normalize('NFKC').trim();
}

export function isBlank(cell: EntryCell): boolean {
  return cellText(cell) === '';
}

export function parseCount(cell: EntryCell): CellParse<number> {
  const value = typeof cell === 'number' ? cell : Number(cellText(cell).replace(/[,\s]/g, ''));
  const text = typeof cell === 'number' ? '' : cellText(cell).replace(/[,\s]/g, '');
  if (typeof cell !== 'number' && !/^\d+$/.test(text)) return fail('应为不小于0的整数');
  if (!Number.isInteger(value) || value < 0) return fail('应为不小于0的整数');
  if (value > 1e9) return fail('数值过大（不超过10亿）');
  return ok(value);
}

export function parseMoney(cell: EntryCell): CellParse<number> {
  if (typeof cell === 'number') {
    if (!(cell >= 0) || cell > 1e12) return fail('应为0至1万亿之间的金额（元）');
    if (Math.abs(cell * 100 - Math.round(cell * 100)) > 1e-6) return fail('金额最多保留两位小数');
    return ok(Math.round(cell * 100) / 100);
  }
  const text = cellText(cell).replace(/[,\s]/g, '').replace(/元$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return fail('应为金额（元），最多两位小数');
  const value = Number(text);
  return value > 1e12 ? fail('金额过大') : ok(value);
}

// Excel's day 0 is 1899-12-30 once its fictitious 1900-02-29 is skipped (serials from 61 on).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * An event time from a date cell: a date-formatted cell (exceljs gives a Date holding the wall-clock
 * value in UTC), an Excel serial number, or text (2021-10-08, 2021/10/8, 2021年10月8日, 20211008, with
 * an optional hh:mm). The campaign's clock is Asia/Shanghai, so the result carries +08:00.
 */
export function parseEntryDate(cell: EntryCell): CellParse<string> {
  let parts: [number, number, number, number, number, number] | undefined;
  if (cell instanceof Date) parts = utcParts(cell);
  else if (typeof cell === 'number') {
    if (!(cell >= 61 && cell < 2_958_466)) return fail('不是有效日期');
    parts = utcParts(new Date(EXCEL_EPOCH_MS + Math.round(cell * DAY_MS)));
  } else {
    const text = cellText(cell);
    const m = DATE_TEXT.exec(text) ?? COMPACT_DATE.exec(text);
    if (!m) return fail('日期格式不正确（应如 2021-10-08 或 2021年10月8日）');
    parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  }
  if (parts === undefined || Number.isNaN(parts[0])) return fail('不是有效日期');
  const [year, month, day, hour, minute, second] = parts;
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return fail('日期不存在');
  }
  if (year < 2000 || year > 2100) return fail('年份超出范围');
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return ok(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`);
}

function utcParts(date: Date): [number, number, number, number, number, number] | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  // Excel stores no seconds fractions a clerk cares about; round to the second so 0.99999 serials land on the minute.
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  return [rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate(), rounded.getUTCHours(), rounded.getUTCMinutes(), rounded.getUTCSeconds()];
}

function localDate(date: Date): string | undefined {
  const parts = utcParts(date);
  if (!parts) return undefined;
  return `${String(parts[0]).padStart(4, '0')}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}`;
}
