// The data-entry template a clerk downloads: one sheet per event kind the department reports, Chinese
// headers, dropdowns fed by the catalogues (from a hidden 代码表 sheet, as Excel caps an inline list at
// 255 characters), an example row and an instructions sheet stating the template version.
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { loadExcel } from '../excel.js';
import {
  CODES_SHEET,
  columnLetter,
  ENTRY_CODE_LISTS,
  ENTRY_TEMPLATE_VERSION,
  EXAMPLE_KEY_PREFIX,
  INSTRUCTIONS_SHEET,
  VERSION_LABEL,
  type EntryCodeListName,
  type EntrySheet,
} from '../../../domain/src/entry/index.js';

/** Rows that get dropdowns and date/number checks; more rows still upload, only without the in-Excel hints. */
export const TEMPLATE_VALIDATED_ROWS = 2000;

export interface EntryTemplateMeta {
  /** e.g. "市场监督管理局（喀什地区）". */
  unitLabel: string;
  /** Upload limit, stated in the instructions. */
  maxRows: number;
  /** The campaign whose annex the sheets were chosen for (stated last in the instructions), e.g. "2021 网络市场监管专项行动（网剑行动）（2021-09-01至2021-12-15）". */
  campaign?: string;
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const REQUIRED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } } as const;
const EXAMPLE_FONT = { italic: true, color: { argb: 'FF808080' } } as const;

export async function renderEntryTemplate(sheets: readonly EntrySheet[], meta: EntryTemplateMeta): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '网剑行动数据共享平台';
  workbook.title = `网剑行动数据填报模板 ${ENTRY_TEMPLATE_VERSION}`;
  writeInstructions(workbook.addWorksheet(INSTRUCTIONS_SHEET), sheets, meta);
  const ranges = writeCodes(workbook.addWorksheet(CODES_SHEET, { state: 'hidden' }));
  for (const sheet of sheets) writeEntrySheet(workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] }), sheet, ranges);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeInstructions(sheet: Worksheet, sheets: readonly EntrySheet[], meta: EntryTemplateMeta): void {
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 90;
  const lines: [string, string][] = [
    [VERSION_LABEL, ENTRY_TEMPLATE_VERSION],
    ['填报单位', meta.unitLabel],
    ['工作表', sheets.map((s) => s.name).join('、')],
    ['编号', '每行的“编号”由本单位自编且唯一（字母、数字、- 或 _）；同一文件重复上传不会重复入库。'],
    ['必填列', '表头为橙色的列必须填写；其余列可留空。'],
    ['下拉选项', '类别、方式、部门、地区等请从下拉列表选择，也可填写对应代码。'],
    ['日期', '可填 2021-10-08、2021/10/8、2021年10月8日 或 Excel 日期格式。'],
    ['示例行', `编号以“${EXAMPLE_KEY_PREFIX}”开头的行为示例，不会入库，可删除或保留。`],
    ['行数上限', `每个文件最多 ${meta.maxRows} 行数据。`],
    ['上传', '在平台“数据上传”页面上传本文件，确认预览无误后提交。'],
    ...(meta.campaign === undefined ? [] : [['专项行动', meta.campaign] as [string, string]]),
  ];
  lines.forEach(([label, text], index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = text;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

type ListRanges = Record<EntryCodeListName, string>;

function writeCodes(sheet: Worksheet): ListRanges {
  const ranges = {} as ListRanges;
  (Object.keys(ENTRY_CODE_LISTS) as EntryCodeListName[]).forEach((name, index) => {
    const list = ENTRY_CODE_LISTS[name];
    const letter = columnLetter(index);
    sheet.getCell(`${letter}1`).value = list.title;
    list.options.forEach((option, i) => {
      sheet.getCell(`${letter}${i + 2}`).value = option.label;
    });
    ranges[name] = `'${CODES_SHEET}'!$${letter}$2:$${letter}$${list.options.length + 1}`;
  });
  return ranges;
}

function writeEntrySheet(sheet: Worksheet, definition: EntrySheet, ranges: ListRanges): void {
  const header = sheet.getRow(1);
  definition.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = column.required ? REQUIRED_FILL : HEADER_FILL;
    if (column.hint) cell.note = column.hint;
    sheet.getColumn(index + 1).width = column.width ?? Math.max(12, column.header.length * 2 + 4);

    const example = sheet.getRow(2).getCell(index + 1);
    example.value = column.kind.type === 'key' ? `${EXAMPLE_KEY_PREFIX}-${String(column.example)}` : column.example === '' ? null : column.example;
    example.font = EXAMPLE_FONT;

    const range = `${columnLetter(index)}2:${columnLetter(index)}${TEMPLATE_VALIDATED_ROWS + 1}`;
    const validation = validationFor(column.kind, ranges);
    if (validation) (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
  });
}

function validationFor(kind: EntrySheet['columns'][number]['kind'], ranges: ListRanges): ExcelJS.DataValidation | undefined {
  switch (kind.type) {
    case 'code': {
      const strict = ENTRY_CODE_LISTS[kind.list].strict;
      return {
        type: 'list',
        allowBlank: true,
        formulae: [ranges[kind.list]],
        showErrorMessage: strict,
        errorStyle: 'warning',
        errorTitle: '不在可选范围内',
        error: '请从下拉列表选择',
      };
    }
    case 'flag':
      return { type: 'list', allowBlank: true, formulae: [ranges.yesNo], showErrorMessage: true, errorStyle: 'warning', errorTitle: '是否', error: '请填“是”或“否”' };
    case 'count':
      return { type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 1_000_000_000], showErrorMessage: true, errorTitle: '数量', error: '应为不小于0的整数' };
    case 'money':
      return { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 1_000_000_000_000], showErrorMessage: true, errorTitle: '金额', error: '应为金额（元）' };
    default:
      return undefined;
  }
}
