// exceljs, loaded the first time a spreadsheet is read or written: with its dependencies (jszip, archiver,
// unzipper…, ~350 modules) it holds ~7 MiB of JavaScript heap, in the gateway from its start whether or not anyone
// asks for a spreadsheet (issue 16: the hub ≤ 2 GiB RSS). The first spreadsheet waits for it once (~0.1 s).
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
