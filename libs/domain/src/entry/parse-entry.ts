import { normaliseEntity } from '../entity-keys/index.js';
import { EVENT_TYPE_LABELS, type EventType } from '../events/catalogue.js';
import { icpFiling, siteDomain } from '../events/data/operator.dto.js';
import { isAggregateId, parseAggregateRef, refOfQualifiedId } from '../events/subject.js';
import type { SubmittedEvent } from '../events/types.js';
import { validateIntake } from '../intake/validate-intake.js';
import { cellText, isBlank, parseCount, parseEntryDate, parseMoney, type CellParse, type EntryCell } from './cell-values.js';
import { codeFor, ENTRY_CODE_LISTS } from './code-lists.js';
import { entryEventId } from './entry-id.js';
import { entryError, EntryFileError, type EntryError } from './entry-errors.js';
import { columnLetter, ENTRY_TEMPLATE_VERSION, EXAMPLE_KEY_PREFIX, KEY_HEADER, type EntryColumn, type EntrySheet } from './template.js';

/** One sheet as the reader found it: every non-empty row with its Excel row number. */
export interface EntryGrid {
  name: string;
  rows: { row: number; cells: EntryCell[] }[];
}

export interface EntryWorkbook {
  /** The 模板版本 the file states; undefined when it states none (a CSV may not). */
  version: string | undefined;
  sheets: EntryGrid[];
}

export type EntryRowStatus = 'new' | 'duplicate' | 'invalid';

export interface EntryRowPreview {
  sheet: string;
  row: number;
  key: string;
  status: EntryRowStatus;
  /** What will be stored: one event, or two for a case row with its decision filled. */
  events: SubmittedEvent[];
  errors: EntryError[];
  /** e.g. `登记线索 L-2021-0001`. */
  summary: string;
}

export interface EntryPreview {
  rows: EntryRowPreview[];
  /** Problems not tied to a row, e.g. a missing required column (row = the header row). */
  sheetErrors: EntryError[];
}

export interface EntryContext {
  unit: string;
  /** The department's sheets (entrySheetsFor); sheets of other names are ignored. */
  sheets: readonly EntrySheet[];
}

const HEADER_SEARCH_ROWS = 10;

/**
 * Turns a read workbook into what an upload would store, row by row, with every problem in Chinese
 * naming sheet, row and column. Pure: the same workbook and unit give the same events and ids, which
 * is what makes uploading a file twice store nothing twice. A file-level problem throws EntryFileError.
 */
export function parseEntryWorkbook(workbook: EntryWorkbook, context: EntryContext, options: { requireVersion: boolean }): EntryPreview {
  if (workbook.version !== undefined ? workbook.version !== ENTRY_TEMPLATE_VERSION : options.requireVersion) {
    throw new EntryFileError(
      'TEMPLATE_VERSION_MISMATCH',
      `模板版本不符：文件为“${workbook.version ?? '（未注明）'}”，当前为“${ENTRY_TEMPLATE_VERSION}”，请重新下载模板填写`,
    );
  }
  const rows: EntryRowPreview[] = [];
  const sheetErrors: EntryError[] = [];
  let matched = 0;
  for (const grid of workbook.sheets) {
    const sheet = context.sheets.find((candidate) => candidate.name === grid.name.normalize('NFKC').trim());
    if (!sheet) continue;
    matched += 1;
    parseSheet(grid, sheet, context.unit, rows, sheetErrors);
  }
  if (matched === 0) {
    throw new EntryFileError('NO_ENTRY_SHEETS', `文件中没有可识别的工作表（应为：${context.sheets.map((s) => s.name).join('、')}）`);
  }
  return { rows, sheetErrors };
}

/** Header text compared loosely: full-width forms, spaces, required-field stars and line breaks are ignored. */
const headerKey = (cell: EntryCell): string =>
  cellText(cell)
    .replace(/[\s*＊]/g, '')
    .replace(/[（(]必填[）)]$/, '');

function parseSheet(grid: EntryGrid, sheet: EntrySheet, unit: string, out: EntryRowPreview[], sheetErrors: EntryError[]): void {
  const header = findHeader(grid, sheet);
  if (!header) {
    sheetErrors.push(entryError(sheet.name, 1, `找不到表头（含“${KEY_HEADER}”的一行）`));
    return;
  }
  const positions = new Map<EntryColumn, number>();
  for (const column of sheet.columns) {
    const index = header.cells.findIndex((cell) => headerKey(cell) === headerKey(column.header));
    if (index >= 0) positions.set(column, index);
    else if (column.required) sheetErrors.push(entryError(sheet.name, header.row, `缺少必填列“${column.header}”`));
  }
  if (sheetErrors.some((error) => error.sheet === sheet.name)) return;

  const firstRowOfKey = new Map<string, number>();
  for (const line of grid.rows) {
    if (line.row <= header.row || line.cells.every(isBlank)) continue; // trailing empty rows, spacer rows
    const cells = new Map<EntryColumn, EntryCell>([...positions].map(([column, index]) => [column, line.cells[index] ?? null]));
    const key = cellText(cells.get(sheet.columns[0] as EntryColumn) ?? null);
    if (key.startsWith(EXAMPLE_KEY_PREFIX)) continue;
    const preview = parseRow(sheet, unit, line.row, key, cells, positions);
    const first = firstRowOfKey.get(key);
    if (key !== '' && first !== undefined && preview.status === 'new') {
      out.push({ ...preview, status: 'duplicate', errors: [entryError(sheet.name, line.row, `编号“${key}”与第${first}行重复，本行不会入库`, at(sheet, positions, sheet.columns[0]))] });
      continue;
    }
    if (key !== '' && first === undefined) firstRowOfKey.set(key, line.row);
    out.push(preview);
  }
}

/** The header row: among the first rows, the one naming most of the sheet's columns (merged title rows above it lose). */
function findHeader(grid: EntryGrid, sheet: EntrySheet): { row: number; cells: EntryCell[] } | undefined {
  let best: { row: number; cells: EntryCell[]; score: number } | undefined;
  for (const line of grid.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const names = new Set(line.cells.map(headerKey));
    if (!names.has(KEY_HEADER)) continue;
    const score = sheet.columns.filter((column) => names.has(headerKey(column.header))).length;
    if (!best || score > best.score) best = { ...line, score };
  }
  return best;
}

const at = (sheet: EntrySheet, positions: ReadonlyMap<EntryColumn, number>, column: EntryColumn | undefined): { letter: string; header: string } | undefined => {
  if (!column) return undefined;
  const index = positions.get(column);
  return index === undefined ? undefined : { letter: columnLetter(index), header: column.header };
};

function parseRow(
  sheet: EntrySheet,
  unit: string,
  row: number,
  key: string,
  cells: ReadonlyMap<EntryColumn, EntryCell>,
  positions: ReadonlyMap<EntryColumn, number>,
): EntryRowPreview {
  const errors: EntryError[] = [];
  const fail = (column: EntryColumn, message: string): void => {
    errors.push(entryError(sheet.name, row, message, at(sheet, positions, column)));
  };
  const main: Record<string, unknown> = {};
  const second: Record<string, unknown> = {};
  const entityColumns: EntryColumn[] = [];
  let time: string | undefined;

  for (const column of sheet.columns) {
    const cell = cells.get(column) ?? null;
    if (isBlank(cell)) {
      if (column.required) fail(column, '必填，不能为空');
      continue;
    }
    if (column.kind.type === 'key') {
      if (!isAggregateId(key)) fail(column, '编号只能由字母、数字、- 和 _ 组成（1至128位）');
      continue;
    }
    const parsed = parseCell(column, cell);
    if (!parsed.ok) {
      fail(column, parsed.message);
      continue;
    }
    if (column.kind.type === 'entity') {
      entityColumns.push(column);
      const entities = (main['entities'] as unknown[] | undefined) ?? [];
      entities.push({ kind: column.kind.entityKind, value: parsed.value });
      main['entities'] = entities;
    } else if (column.field === 'time') time = parsed.value as string;
    else if (column.event) second[column.field] = parsed.value;
    else main[column.field] = parsed.value;
  }

  const label = `${EVENT_TYPE_LABELS[sheet.eventType]} ${key}`;
  if (errors.length > 0) return { sheet: sheet.name, row, key, status: 'invalid', events: [], errors, summary: label };

  const events = buildEvents(sheet, unit, key, time ?? '', main, second, (column, message) => fail(column, message));
  if (errors.length === 0) checkWithIntake(sheet, unit, events, entityColumns, (column, message) => fail(column, message));
  return errors.length > 0
    ? { sheet: sheet.name, row, key, status: 'invalid', events: [], errors, summary: label }
    : { sheet: sheet.name, row, key, status: 'new', events, errors: [], summary: events.length > 1 ? `${label}（含处罚决定）` : label };
}

function parseCell(column: EntryColumn, cell: EntryCell): CellParse<unknown> {
  const kind = column.kind;
  switch (kind.type) {
    case 'key':
    case 'id': {
      const text = cellText(cell);
      return isAggregateId(text) ? { ok: true, value: text } : { ok: false, message: '编号只能由字母、数字、- 和 _ 组成（1至128位）' };
    }
    case 'text': {
      const text = cellText(cell);
      return text.length > kind.max ? { ok: false, message: `过长（不超过${kind.max}字）` } : { ok: true, value: text };
    }
    case 'count':
      return parseCount(cell);
    case 'money':
      return parseMoney(cell);
    case 'date':
      return parseEntryDate(cell);
    case 'code': {
      const code = codeFor(ENTRY_CODE_LISTS[kind.list], cellText(cell));
      return code === undefined ? { ok: false, message: `“${cellText(cell)}”不是可选的${ENTRY_CODE_LISTS[kind.list].title}，请从下拉列表选择` } : { ok: true, value: code };
    }
    case 'codes': {
      const codes: string[] = [];
      for (const part of splitList(cellText(cell))) {
        const code = codeFor(ENTRY_CODE_LISTS[kind.list], part);
        if (code === undefined) return { ok: false, message: `“${part}”不是可选的${ENTRY_CODE_LISTS[kind.list].title}` };
        if (!codes.includes(code)) codes.push(code);
      }
      return { ok: true, value: codes };
    }
    case 'ids': {
      const ids = [...new Set(splitList(cellText(cell)))];
      const bad = ids.find(notAnId);
      return bad === undefined ? { ok: true, value: ids } : { ok: false, message: `“${bad}”不是有效编号` };
    }
    case 'entity':
      return parseEntity(kind.entityKind, cellText(cell));
    case 'uscc':
      return parseEntity('uscc', cellText(cell));
    case 'icp':
      return icpFiling(cellText(cell), {}) === undefined ? { ok: true, value: cellText(cell) } : { ok: false, message: '应为ICP备案号，如 新ICP备12345678号-1' };
    case 'domain':
      return siteDomain(cellText(cell), {}) === undefined ? { ok: true, value: cellText(cell) } : { ok: false, message: '应为网站域名，如 shop.example.cn' };
    case 'flag': {
      const code = codeFor(ENTRY_CODE_LISTS.yesNo, cellText(cell));
      return code === undefined ? { ok: false, message: `“${cellText(cell)}”应为“是”或“否”` } : { ok: true, value: code === 'true' };
    }
  }
}

// A plain predicate: negating the isAggregateId type guard inline would narrow the found id to never.
const notAnId = (id: string): boolean => !isAggregateId(id);

const splitList = (text: string): string[] =>
  text
    .split(/[、,，;；\s]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

function parseEntity(kind: string, value: string): CellParse<string> {
  const key = normaliseEntity(kind, value);
  if (!key.ok) return { ok: false, message: kind === 'uscc' ? '应为18位统一社会信用代码' : `格式不正确（${key.error}）` };
  // The API accepts a wrong check character with a flag; a clerk at the upload can still fix the typo.
  if (key.key.flags.includes('uscc_checksum_invalid')) return { ok: false, message: '校验位错误' };
  return { ok: true, value };
}

function buildEvents(
  sheet: EntrySheet,
  unit: string,
  key: string,
  time: string,
  main: Record<string, unknown>,
  second: Record<string, unknown>,
  fail: (column: EntryColumn, message: string) => void,
): SubmittedEvent[] {
  const id = (type: EventType): string => entryEventId(unit, sheet.kind, key, type);
  const column = (field: string): EntryColumn => sheet.columns.find((c) => c.field === field) ?? (sheet.columns[0] as EntryColumn);
  switch (sheet.kind) {
    case 'leads':
      return [{ id: id('lead.reported'), type: 'lead.reported', subject: `lead/${key}`, time, data: { entities: [], ...main } }];
    case 'transfers':
      return [{ id: id('case.transferred'), type: 'case.transferred', subject: `case/${key}`, time, data: { toDepartment: 'police', toRegion: unit.split('/')[1] ?? '', ...main } }];
    case 'transferAnswers': {
      // 移送编号 `<dept>-<region>-case-<id>`: the chain the answer lives on, naming the transferring unit and its case.
      const ref = refOfQualifiedId(key);
      const transfer = ref === undefined ? undefined : parseAggregateRef(ref);
      if (transfer?.type !== 'case') {
        fail(sheet.columns[0] as EntryColumn, '应为“移送公安”列表中的移送编号，如 samr-653100-case-C-2021-0012');
        return [];
      }
      const data = { caseId: transfer.id, fromDepartment: transfer.department, fromRegion: transfer.region, ...main };
      return [{ id: id('case.transfer_answered'), type: 'case.transfer_answered', subject: `case/${key}`, time, data }];
    }
    case 'referrals': {
      const { leadId, ...data } = main;
      return [{ id: id('lead.referred'), type: 'lead.referred', subject: `lead/${String(leadId)}`, time, data: { referralId: key, ...data } }];
    }
    case 'cases': {
      const opened: SubmittedEvent = {
        id: id('case.opened'),
        type: 'case.opened',
        subject: `case/${key}`,
        time,
        data: { otherCategories: [], leadIds: [], entities: [], ...main },
      };
      if (Object.keys(second).length === 0) return [opened];
      for (const field of ['decisionNo', 'fine', 'confiscation']) {
        if (second[field] === undefined) fail(column(field), '填写处罚决定时必填');
      }
      const { decidedAt, ...decision } = second;
      const decidedTime = typeof decidedAt === 'string' ? decidedAt : time;
      return [opened, { id: id('case.decided'), type: 'case.decided', subject: `case/${key}`, time: decidedTime, data: { ...decision, ...(typeof decidedAt === 'string' ? { decidedAt } : {}) } }];
    }
    default:
      return [{ id: id(sheet.eventType), type: sheet.eventType, subject: `${sheet.aggregateType}/${key}`, time, data: main }];
  }
}

/**
 * The API's own validation, so an upload never previews as valid what the submit path would refuse;
 * its (English) messages are placed on the column of the failing field.
 */
function checkWithIntake(sheet: EntrySheet, unit: string, events: SubmittedEvent[], entityColumns: readonly EntryColumn[], fail: (column: EntryColumn, message: string) => void): void {
  const result = validateIntake(events, unit, { maxBatch: events.length });
  if (result.ok) return;
  for (const field of result.error.fields) {
    const path = field.path.replace(/^\[\d+\]\./, '');
    const entity = /^data\.entities\[(\d+)\]/.exec(path);
    const name = entity ? undefined : path.startsWith('data.') ? path.slice(5).split(/[.[]/)[0] : path === 'time' ? 'time' : path === 'subject' ? 'key' : undefined;
    const column = entity ? entityColumns[Number(entity[1])] : sheet.columns.find((c) => c.field === name || (name === 'referralId' && c.field === 'key') || (name === 'decidedAt' && c.field === 'decidedAt'));
    fail(column ?? (sheet.columns[0] as EntryColumn), `不符合要求：${field.message}`);
  }
}
