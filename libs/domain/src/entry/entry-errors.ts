/** One problem in an uploaded file, placed where the clerk will look for it. */
export interface EntryError {
  sheet: string;
  /** The spreadsheet's own row number (1-based, as Excel shows it). */
  row: number;
  /** Column letter, when the problem is in one cell. */
  column?: string;
  header?: string;
  message: string;
  /** The whole sentence, e.g. `「线索」第12行 H列（统一社会信用代码）：校验位错误`. */
  text: string;
}

export function entryError(sheet: string, row: number, message: string, column?: { letter: string; header: string }): EntryError {
  const where = column ? ` ${column.letter}列（${column.header}）` : '';
  return {
    sheet,
    row,
    ...(column ? { column: column.letter, header: column.header } : {}),
    message,
    text: `「${sheet}」第${row}行${where}：${message}`,
  };
}

/** Why a whole file is refused (400, nothing stored). */
export type EntryFileErrorCode =
  | 'NOT_A_SPREADSHEET'
  | 'ENCRYPTED_FILE'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TEMPLATE_VERSION_MISMATCH'
  | 'NO_ENTRY_SHEETS';

export class EntryFileError extends Error {
  constructor(
    readonly code: EntryFileErrorCode,
    message: string,
  ) {
    super(message);
  }

  override get name(): string {
    return `EntryFileError(${this.code})`;
  }
}
