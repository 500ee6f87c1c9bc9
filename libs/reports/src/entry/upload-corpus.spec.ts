import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { NET_SWORD_2021 } from '../../../domain/src/annex/campaigns.js';
import {
  CODES_SHEET,
  ENTRY_TEMPLATE_VERSION,
  EntryFileError,
  entrySheetsFor,
  INSTRUCTIONS_SHEET,
  parseEntryWorkbook,
  type EntryPreview,
} from '../../../domain/src/entry/index.js';
import { validateIntake } from '../../../domain/src/intake/validate-intake.js';
import { readEntryFile, type EntryFileLimits } from './read-entry-file.js';
import { filledTemplate, sheetOf, templateFor, zipOf } from './testing/entry-files.js';

const UNIT = 'samr/653100';
const LIMITS: EntryFileLimits = { maxRows: 500, maxUncompressedBytes: 20 * 1024 * 1024, maxRatio: 200 };
const VALID_USCC = '91110000600037341L';
const BAD_USCC = '91110000600037341X';

async function preview(file: Buffer, name = 'upload.xlsx', unit = UNIT, limits = LIMITS): Promise<EntryPreview> {
  const workbook = await readEntryFile(file, name, limits);
  return parseEntryWorkbook(workbook, { unit, sheets: entrySheetsFor(unit.split('/')[0] ?? '', NET_SWORD_2021) }, { requireVersion: name.endsWith('.xlsx') });
}

async function refusal(file: Buffer, name = 'upload.xlsx', limits = LIMITS): Promise<EntryFileError> {
  try {
    await preview(file, name, UNIT, limits);
  } catch (error) {
    if (error instanceof EntryFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const leadRow = (key: string, overrides: Record<string, ExcelJS.CellValue> = {}): Record<string, ExcelJS.CellValue> => ({
  A: key,
  B: '2021-10-08',
  C: '网络侵权假冒伪劣',
  D: '网络监测',
  E: '淘宝',
  G: '网店销售假冒运动鞋',
  H: VALID_USCC,
  ...overrides,
});

function put(sheet: ExcelJS.Worksheet, row: number, cells: Record<string, ExcelJS.CellValue>): void {
  for (const [column, value] of Object.entries(cells)) sheet.getCell(`${column}${row}`).value = value;
}

describe('the entry template', () => {
  it('given a department, when its template is rendered, then it has instructions with the version, the code lists and one sheet per kind it reports', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await templateFor('customs')).buffer);

    expect(workbook.worksheets.map((s) => s.name)).toEqual([INSTRUCTIONS_SHEET, CODES_SHEET, '线索', '查获', '案件', '案件移送公安', '移送']);
    expect(sheetOf(workbook, INSTRUCTIONS_SHEET).getCell('B1').value).toBe(ENTRY_TEMPLATE_VERSION);
    expect(sheetOf(workbook, CODES_SHEET).state).toBe('hidden');
    const cases = sheetOf(workbook, '案件');
    expect(cases.getRow(1).values).toEqual(expect.arrayContaining(['编号', '立案日期', '案号', '主要违法类别', '罚款（元）']));
    expect(cases.getCell('A2').text).toMatch(/^示例/);
    expect(cases.getCell('E3').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining(CODES_SHEET)] });
  });

  it('given the cyberspace office and market regulation, when their templates are rendered, then each gets the count sheets its annex rows read', () => {
    const names = (department: string): string[] => entrySheetsFor(department, NET_SWORD_2021).map((s) => s.name);
    expect(names('cac')).toContain('处置');
    expect(names('cac')).not.toContain('查获');
    expect(names('samr')).toEqual(expect.arrayContaining(['线索', '检查', '案件', '移送']));
  });

  it('given the untouched template, when uploaded, then the example rows store nothing', async () => {
    const result = await preview(await templateFor('samr'));
    expect(result.rows).toEqual([]);
    expect(result.sheetErrors).toEqual([]);
  });
});

describe('uploading a filled template', () => {
  it('given valid rows on several sheets, when previewed, then each becomes the event the API would take, with ids from the unit and 编号', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      put(sheetOf(workbook, '线索'), 3, leadRow('L-1'));
      put(sheetOf(workbook, '案件'), 3, { A: 'C-1', B: '2021-10-15', C: '喀市监立〔2021〕12号', D: '行政案件', E: '网络侵权假冒伪劣', F: '虚假违法互联网广告', G: 'L-1', M: '喀市监处罚〔2021〕45号', N: 50000, O: 12345.67, P: '2021-11-30' });
    });

    const result = await preview(file);

    expect(result.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(result.rows.map((r) => [r.sheet, r.row, r.status])).toEqual([
      ['线索', 3, 'new'],
      ['案件', 3, 'new'],
    ]);
    const events = result.rows.flatMap((r) => r.events);
    expect(events.map((e) => [e.type, e.subject, e.time])).toEqual([
      ['lead.reported', 'lead/L-1', '2021-10-08T00:00:00+08:00'],
      ['case.opened', 'case/C-1', '2021-10-15T00:00:00+08:00'],
      ['case.decided', 'case/C-1', '2021-11-30T00:00:00+08:00'],
    ]);
    expect(events[0]?.data).toEqual({ category: 'counterfeit', channel: 'monitoring', platform: '淘宝', summary: '网店销售假冒运动鞋', entities: [{ kind: 'uscc', value: VALID_USCC }] });
    expect(events[2]?.data).toEqual({ decisionNo: '喀市监处罚〔2021〕45号', fine: 50000, confiscation: 12345.67, decidedAt: '2021-11-30T00:00:00+08:00' });
    expect(validateIntake(events, UNIT, { maxBatch: 10 }).ok).toBe(true);

    const again = await preview(file);
    expect(again.rows.flatMap((r) => r.events.map((e) => e.id))).toEqual(events.map((e) => e.id));
    const otherUnit = await preview(file, 'upload.xlsx', 'samr/650100');
    expect(otherUnit.rows[0]?.events[0]?.id).not.toBe(events[0]?.id);
  });

  it('given real-world cells, when previewed, then serial and text dates, full-width digits and spaces, formulas and trailing empty rows all read as meant', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      const leads = sheetOf(workbook, '线索');
      put(leads, 3, leadRow('L-serial', { B: 44477 })); // 2021-10-08 as an Excel serial
      put(leads, 4, leadRow('L-text', { B: '2021年10月8日' }));
      put(leads, 5, leadRow('L-date', { B: new Date(Date.UTC(2021, 9, 8)) }));
      put(leads, 6, leadRow('　Ｌ－ｗｉｄｅ　', { B: '２０２１/１０/８', E: '　淘宝　' }));
      put(leads, 7, leadRow('L-formula', { B: { formula: 'DATE(2021,10,8)', result: new Date(Date.UTC(2021, 9, 8)) }, G: { formula: '"假冒"&"运动鞋"', result: '假冒运动鞋' } }));
      for (let row = 8; row < 40; row += 1) leads.getCell(`A${row}`).value = row % 2 === 0 ? '' : null; // cleared cells left behind
      leads.getRow(40).getCell(1).style = { font: { bold: true } };
    });

    const result = await preview(file);

    expect(result.rows.map((r) => [r.key, r.status])).toEqual([
      ['L-serial', 'new'],
      ['L-text', 'new'],
      ['L-date', 'new'],
      ['L-wide', 'new'],
      ['L-formula', 'new'],
    ]);
    for (const row of result.rows) expect(row.events[0]?.time).toBe('2021-10-08T00:00:00+08:00');
    expect(result.rows[3]?.events[0]?.data['platform']).toBe('淘宝');
    expect(result.rows[4]?.events[0]?.data['summary']).toBe('假冒运动鞋');
  });

  it('given full-width digits in a count and merged title cells above the header, when previewed, then the header is found and the count read', async () => {
    const file = await filledTemplate('cac', (workbook) => {
      const sheet = sheetOf(workbook, '处置');
      sheet.spliceRows(1, 0, ['网信部门处置情况（2021年）']);
      sheet.mergeCells('A1:G1');
      put(sheet, 4, { A: 'T-1', B: '2021-10-09', C: '清理违法违规信息', D: '１２ ３４５' });
    });

    const result = await preview(file, 'upload.xlsx', 'cac/650100');

    expect(result.sheetErrors).toEqual([]);
    expect(result.rows.map((r) => [r.row, r.status, r.events[0]?.data])).toEqual([[4, 'new', { action: 'info_removed', count: 12345 }]]);
  });

  it('given bad rows, when previewed, then every error names sheet, row, column and header in Chinese and the good rows stay valid', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      const leads = sheetOf(workbook, '线索');
      put(leads, 3, leadRow('L-1'));
      put(leads, 4, leadRow('L-2', { H: BAD_USCC }));
      put(leads, 5, leadRow('L-3', { C: '卖假货', B: '2021-02-30' }));
      put(leads, 6, leadRow('L-1'));
      put(leads, 7, leadRow('L-4', { G: null }));
    });

    const result = await preview(file);

    expect(result.rows.map((r) => [r.row, r.status])).toEqual([
      [3, 'new'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'duplicate'],
      [7, 'invalid'],
    ]);
    expect(result.rows.flatMap((r) => r.errors.map((e) => e.text))).toEqual([
      '「线索」第4行 H列（统一社会信用代码）：校验位错误',
      '「线索」第5行 B列（发现日期）：日期不存在',
      '「线索」第5行 C列（违法类别）：“卖假货”不是可选的违法类别，请从下拉列表选择',
      '「线索」第6行 A列（编号）：编号“L-1”与第3行重复，本行不会入库',
      '「线索」第7行 G列（线索摘要）：必填，不能为空',
    ]);
  });

  it('given a sheet whose required column was deleted, when previewed, then the sheet is reported and none of its rows is read', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      const leads = sheetOf(workbook, '线索');
      put(leads, 3, leadRow('L-1'));
      leads.spliceColumns(3, 1);
    });
    const result = await preview(file);
    expect(result.rows).toEqual([]);
    expect(result.sheetErrors.map((e) => e.text)).toEqual(['「线索」第1行：缺少必填列“违法类别”']);
  });

  it('given a CSV with a BOM named after its sheet, when previewed, then its rows are read like the sheet', async () => {
    const csv = '\uFEFF编号,发现日期,违法类别,线索来源,线索摘要,统一社会信用代码\r\nL-9,2021/10/8,网络侵权假冒伪劣,网络监测,"含,逗号的""摘要""",91110000600037341L\r\n,,,,,\r\n';
    const result = await preview(Buffer.from(csv, 'utf8'), '线索.csv');
    expect(result.rows.map((r) => [r.row, r.status, r.events[0]?.data['summary']])).toEqual([[2, 'new', '含,逗号的"摘要"']]);
  });
});

describe('refused files (400, nothing stored)', () => {
  it('given a file that is not a spreadsheet, when uploaded, then it is refused as such', async () => {
    expect((await refusal(Buffer.from('%PDF-1.7\n\u0000\u0001binary'), 'scan.pdf')).code).toBe('NOT_A_SPREADSHEET');
    expect((await refusal(zipOf([{ name: 'hello.txt', data: Buffer.from('not a workbook') }]))).code).toBe('NOT_A_SPREADSHEET');
  });

  it('given a password-protected workbook (an OLE container), when uploaded, then it is refused as encrypted', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const error = await refusal(ole);
    expect(error.code).toBe('ENCRYPTED_FILE');
    expect(error.message).toMatch(/密码/);
  });

  it('given a zip bomb, when uploaded, then it is refused before being inflated', async () => {
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect((await refusal(bomb)).code).toBe('FILE_TOO_LARGE');
  });

  it('given more data rows than the limit, when uploaded, then the whole file is refused', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      const leads = sheetOf(workbook, '线索');
      for (let row = 3; row <= LIMITS.maxRows + 3; row += 1) put(leads, row, leadRow(`L-${row}`));
    });
    const error = await refusal(file);
    expect(error.code).toBe('TOO_MANY_ROWS');
    expect(error.message).toContain(String(LIMITS.maxRows));
  });

  it('given a template of another version, or a workbook without one, when uploaded, then it is refused', async () => {
    const old = await filledTemplate('samr', (workbook) => {
      sheetOf(workbook, INSTRUCTIONS_SHEET).getCell('B1').value = 'WJ-2020-3';
    });
    expect((await refusal(old)).message).toMatch(/模板版本不符.*WJ-2020-3/);

    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('线索').addRow(['编号', '发现日期']);
    expect((await refusal(Buffer.from(await plain.xlsx.writeBuffer()))).code).toBe('TEMPLATE_VERSION_MISMATCH');
  });
});

describe('the operator register sheet (经营者名录)', () => {
  // A: 编号 B: 登记日期 C: 经营者类型 D: 名称 E: 统一社会信用代码 F: 自我声明 G: 所在平台 H: 店铺ID I: 网站域名 J: ICP备案号
  // K: 亮照 L: 亮证 M: 亮标 N: 自营标记 O: 经营地区
  const shop = (key: string, overrides: Record<string, ExcelJS.CellValue> = {}): Record<string, ExcelJS.CellValue> => ({
    A: key,
    B: '2021-10-08',
    C: '平台内经营者（网店）',
    D: '喀什某某服饰专营店',
    E: '91653100MA78A1B2C8',
    G: '淘宝',
    H: '123456',
    K: '已公示',
    L: '无需公示',
    M: '未公示',
    O: '喀什地区',
    ...overrides,
  });

  it('given market regulation and telecom, then their templates have the sheet; customs’ has not', () => {
    const names = (department: string): string[] => entrySheetsFor(department, NET_SWORD_2021).map((s) => s.name);
    expect(names('samr')).toContain('经营者名录');
    expect(names('telecom')).toContain('经营者名录');
    expect(names('customs')).not.toContain('经营者名录');
  });

  it('given a shop, a self-declared mini-program and an IDC of the telecom survey, when previewed, then each becomes operator.registered', async () => {
    const file = await filledTemplate('telecom', (workbook) => {
      const sheet = sheetOf(workbook, '经营者名录');
      put(sheet, 3, shop('OP-1'));
      put(sheet, 4, shop('OP-2', { C: '小程序经营者', E: null, F: '是', G: null, H: null, D: '某某手工小程序' }));
      put(sheet, 5, shop('OP-3', { C: '互联网数据中心（IDC）', G: null, H: null, I: 'www.idc-example.cn', J: '新ICP备12345678号-1', M: '已公示', D: '某某数据中心' }));
    });

    const result = await preview(file, 'upload.xlsx', 'telecom/653100');

    expect(result.rows.flatMap((r) => r.errors.map((e) => e.text))).toEqual([]);
    const events = result.rows.flatMap((r) => r.events);
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['operator.registered', 'operator/OP-1'],
      ['operator.registered', 'operator/OP-2'],
      ['operator.registered', 'operator/OP-3'],
    ]);
    expect(events[0]?.data).toEqual({
      kind: 'platform_shop',
      name: '喀什某某服饰专营店',
      uscc: '91653100MA78A1B2C8',
      platform: '淘宝',
      shopId: '123456',
      licenceDisplay: 'shown',
      permitDisplay: 'not_required',
      markDisplay: 'missing',
      region: '653100',
    });
    expect(events[1]?.data).toMatchObject({ kind: 'mini_program', selfDeclared: true });
    expect(validateIntake(events, 'telecom/653100', { maxBatch: 10 }).ok).toBe(true);
  });

  it('given bad rows, when previewed, then every error names sheet, row, column and header in Chinese', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      const sheet = sheetOf(workbook, '经营者名录');
      put(sheet, 3, shop('OP-1', { E: '91653100MA78A1B2C9' }));
      put(sheet, 4, shop('OP-2', { C: '工厂', K: '有' }));
      put(sheet, 5, shop('OP-3', { F: '也许' }));
      put(sheet, 6, shop('OP-4', { D: null, O: '北京' }));
      put(sheet, 7, shop('OP-5', { H: null }));
      put(sheet, 8, shop('OP-6'));
      put(sheet, 9, shop('OP-7', { I: 'not a domain', J: 'ICP-1' }));
    });

    const result = await preview(file);

    expect(result.rows.map((r) => [r.row, r.status])).toEqual([
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'new'],
      [9, 'invalid'],
    ]);
    const texts = result.rows.flatMap((r) => r.errors.map((e) => e.text));
    expect(texts.slice(0, 6)).toEqual([
      '「经营者名录」第3行 E列（统一社会信用代码）：校验位错误',
      '「经营者名录」第4行 C列（经营者类型）：“工厂”不是可选的经营者类型，请从下拉列表选择',
      '「经营者名录」第4行 K列（亮照）：“有”不是可选的公示情况，请从下拉列表选择',
      '「经营者名录」第5行 F列（自我声明）：“也许”应为“是”或“否”',
      '「经营者名录」第6行 D列（名称）：必填，不能为空',
      '「经营者名录」第6行 O列（经营地区）：“北京”不是可选的地区，请从下拉列表选择',
    ]);
    expect(texts[6]).toMatch(/^「经营者名录」第7行 H列（店铺ID）：不符合要求：.*platform_shop/);
    expect(texts.slice(7)).toEqual(['「经营者名录」第9行 I列（网站域名）：应为网站域名，如 shop.example.cn', '「经营者名录」第9行 J列（ICP备案号）：应为ICP备案号，如 新ICP备12345678号-1']);
  });
});

describe('the guidance, sampling and draw columns of the template', () => {
  it('given market regulation, drug regulation, the cyberspace office and customs, then guidance and sampling sheets go to those who give and sample', () => {
    const names = (department: string): string[] => entrySheetsFor(department, NET_SWORD_2021).map((s) => s.name);
    expect(names('samr')).toEqual(expect.arrayContaining(['行政指导约谈', '抽检']));
    expect(names('nmpa')).toEqual(expect.arrayContaining(['行政指导约谈', '抽检']));
    expect(names('cac')).toContain('行政指导约谈');
    expect(names('cac')).not.toContain('抽检');
    expect(names('customs')).not.toContain('行政指导约谈');
  });

  it('given an interview, a sampling and an inspection of a draw, when previewed, then each becomes the event the API would take; a failed count above the batches is named by its column', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      put(sheetOf(workbook, '行政指导约谈'), 3, { A: 'G-1', B: '2021-10-09', C: '行政约谈', D: '喀什某某电商平台', E: '约谈整改', F: '2021-10-09', G: '市场监督管理局、互联网信息办公室（网信）' });
      put(sheetOf(workbook, '抽检'), 3, { A: 'SP-1', B: '2021-10-15', C: '化妆品（含儿童化妆品）', D: '儿童面霜', E: 40, F: 3, G: '2021-10-25' });
      put(sheetOf(workbook, '抽检'), 4, { A: 'SP-2', B: '2021-10-16', C: '食品（含保健食品）', E: 4, F: 5 });
      put(sheetOf(workbook, '检查'), 3, { A: 'I-1', B: '2021-10-10', C: '网站、网店', D: 3, F: 'D-2021-0001' });
    });

    const result = await preview(file);

    const events = result.rows.filter((r) => r.status === 'new').flatMap((r) => r.events);
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['inspection.recorded', 'inspection/I-1'],
      ['guidance.given', 'guidance/G-1'],
      ['sampling.recorded', 'sampling/SP-1'],
    ]);
    expect(events[0]?.data).toEqual({ targetKind: 'website_or_shop', count: 3, drawId: 'D-2021-0001' });
    expect(events[1]?.data).toEqual({ kind: 'interview', operatorName: '喀什某某电商平台', topic: '约谈整改', heldAt: '2021-10-09T00:00:00+08:00', participants: ['samr', 'cac'] });
    expect(events[2]?.data).toEqual({ productCategory: 'cosmetics', productDescription: '儿童面霜', batches: 40, failed: 3, publishedAt: '2021-10-25T00:00:00+08:00' });
    expect(validateIntake(events, UNIT, { maxBatch: 10 }).ok).toBe(true);
    expect(result.rows.flatMap((r) => r.errors.map((e) => e.text))).toEqual([expect.stringMatching(/^「抽检」第4行 F列（不合格批次）：不符合要求：failed must be at most batches \(4\), got 5$/)]);
  });
});

describe('the transfer sheets of the template (国务院令第310号)', () => {
  it('given the catalogue, then every unit but the police gets the transfer sheet and only the police the answer sheet', () => {
    const names = (department: string): string[] => entrySheetsFor(department, NET_SWORD_2021).map((s) => s.name);
    expect(names('samr')).toContain('案件移送公安');
    expect(names('customs')).toContain('案件移送公安');
    expect(names('samr')).not.toContain('移送案件立案答复');
    expect(names('police')).toContain('移送案件立案答复');
    expect(names('police')).not.toContain('案件移送公安');
  });

  it('given a transfer row, when previewed, then it becomes case.transferred to the police of the unit\'s region unless another is named', async () => {
    const file = await filledTemplate('samr', (workbook) => {
      put(sheetOf(workbook, '案件移送公安'), 3, { A: 'C-1', B: '2021-10-20', D: '2021-10-19', E: '涉嫌销售假冒注册商标的商品罪' });
      put(sheetOf(workbook, '案件移送公安'), 4, { A: 'C-2', B: '2021-10-21', C: '乌鲁木齐市' });
    });

    const result = await preview(file);

    expect(result.rows.flatMap((r) => r.errors)).toEqual([]);
    const events = result.rows.flatMap((r) => r.events);
    expect(events.map((e) => [e.type, e.subject, e.time, e.data])).toEqual([
      ['case.transferred', 'case/C-1', '2021-10-20T00:00:00+08:00', { toDepartment: 'police', toRegion: '653100', approvedAt: '2021-10-19T00:00:00+08:00', reason: '涉嫌销售假冒注册商标的商品罪' }],
      ['case.transferred', 'case/C-2', '2021-10-21T00:00:00+08:00', { toDepartment: 'police', toRegion: '650100' }],
    ]);
    expect(validateIntake(events, UNIT, { maxBatch: 10 }).ok).toBe(true);
  });

  it("given the police's answers, when previewed, then each lands on the transferring unit's chain; a bad 移送编号 or a decline without its reason is named by its column", async () => {
    const police = 'police/653100';
    const file = await filledTemplate('police', (workbook) => {
      const sheet = sheetOf(workbook, '移送案件立案答复');
      put(sheet, 3, { A: 'samr-653100-case-C-1', B: '2021-10-22', C: '已立案', D: 'GA-2021-0031' });
      put(sheet, 4, { A: 'samr-653100-case-C-2', B: '2021-10-22', C: '不予立案', E: '未达到刑事立案追诉标准' });
      put(sheet, 5, { A: 'C-3', B: '2021-10-22', C: '已立案', D: 'GA-2021-0032' });
      put(sheet, 6, { A: 'samr-653100-case-C-4', B: '2021-10-22', C: '不予立案' });
    });

    const result = await preview(file, 'upload.xlsx', police);

    const events = result.rows.filter((r) => r.status === 'new').flatMap((r) => r.events);
    expect(events.map((e) => [e.type, e.subject, e.data])).toEqual([
      ['case.transfer_answered', 'case/samr-653100-case-C-1', { caseId: 'C-1', fromDepartment: 'samr', fromRegion: '653100', decision: 'opened', policeCaseId: 'GA-2021-0031' }],
      ['case.transfer_answered', 'case/samr-653100-case-C-2', { caseId: 'C-2', fromDepartment: 'samr', fromRegion: '653100', decision: 'declined', reason: '未达到刑事立案追诉标准' }],
    ]);
    expect(validateIntake(events, police, { maxBatch: 10 }).ok).toBe(true);
    expect(result.rows.flatMap((r) => r.errors.map((e) => e.text))).toEqual([
      '「移送案件立案答复」第5行 A列（编号）：应为“移送公安”列表中的移送编号，如 samr-653100-case-C-2021-0012',
      expect.stringMatching(/^「移送案件立案答复」第6行 E列（不予立案理由）：不符合要求：reason is required when decision is declined/),
    ]);
  });
});
