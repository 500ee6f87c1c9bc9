import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { AnnexReport } from '../../domain/src/annex/types.js';
import { ANNEX_SHEET_NAME, renderAnnexXlsx, type AnnexXlsxMeta } from './annex-xlsx.js';
import { ANNEX_NOTE, ANNEX_TITLE, netSword2021Report } from './testing/net-sword-2021-annex.fixture.js';

const META: AnnexXlsxMeta = {
  title: ANNEX_TITLE,
  unitLabel: '喀什地区市场监督管理局',
  reportDate: '2021-12-05',
  note: ANNEX_NOTE,
};

// Printed layout: title, 填报单位, 填报日期, header on rows 1–4; the 37 annex rows on 5–41; the note on 42.
const FIRST_DATA_ROW = 5;
const LAST_DATA_ROW = 41;
const NOTE_ROW = 42;

async function renderAndReadBack(report: AnnexReport, meta: AnnexXlsxMeta = META): Promise<Worksheet> {
  const buffer = await renderAnnexXlsx(report, meta);
  const workbook = new ExcelJS.Workbook();
  // exceljs types load() with its own ArrayBuffer-shaped Buffer, so hand it a plain ArrayBuffer copy.
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  const sheet = workbook.getWorksheet(ANNEX_SHEET_NAME);
  if (!sheet) throw new Error(`no sheet named ${ANNEX_SHEET_NAME}`);
  return sheet;
}

describe('renderAnnexXlsx — the printed 情况统计表', () => {
  it('given the 2021 annex, when rendered, then it is a Node Buffer holding an xlsx (zip) file', async () => {
    const buffer = await renderAnnexXlsx(netSword2021Report(), META);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('given the 2021 annex, when rendered, then the title is merged across the table, centred, bold and larger', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    const title = sheet.getCell('A1');
    expect(title.value).toBe('2021网络市场监管专项行动情况统计表');
    expect(sheet.model.merges).toContain('A1:D1');
    expect(title.alignment?.horizontal).toBe('center');
    expect(title.font?.bold).toBe(true);
    expect(title.font?.name).toBe('黑体');
    expect(title.font?.size ?? 0).toBeGreaterThan(sheet.getCell('B5').font?.size ?? Infinity);
  });

  it('given a unit label and a local date, when rendered, then the 填报单位 and 填报日期 lines are filled in', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    expect(sheet.getCell('A2').value).toBe('填报单位：喀什地区市场监督管理局');
    expect(sheet.getCell('A3').value).toBe('填报日期：12月5日');
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A2:D2', 'A3:D3']));
  });

  it('given an instant on 12-05 in Urumqi that is still 12-04 in UTC, when rendered, then the date is the local one', async () => {
    const sheet = await renderAndReadBack(netSword2021Report(), { ...META, reportDate: new Date('2021-12-04T17:30:00Z') });
    expect(sheet.getCell('A3').value).toBe('填报日期：12月5日');
  });

  it('given the 2021 annex, when rendered, then the header reads 项目 (over two columns) / 数量 / 备注', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    expect(sheet.getCell('A4').value).toBe('项目');
    expect(sheet.model.merges).toContain('A4:B4');
    expect(sheet.getCell('C4').value).toBe('数量');
    expect(sheet.getCell('D4').value).toBe('备注');
    expect(sheet.getCell('A4').font?.bold).toBe(true);
  });

  it('given 37 rows in printed order, when rendered, then each department group is one cell merged over its rows', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    const groups: [string, string][] = [
      ['A5:A7', '网信部门'], // 3 rows
      ['A9:A12', '公安部门'],
      ['A13:A14', '海关'],
      ['A15:A16', '林草局'],
      ['A17:A18', '邮政管理部门'],
      ['A19:A29', '市场监管部门（药监部门）'], // 11 rows
      ['A30:A41', '市场监管部门'], // 12 rows, down to 查处其他违法违规案件
    ];
    for (const [range, label] of groups) {
      expect(sheet.model.merges).toContain(range);
      const top = range.split(':')[0] ?? '';
      expect(sheet.getCell(top).value).toBe(label);
      expect(sheet.getCell(top).alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    }
    // 电信主管部门 has one row: a plain cell, not a merge.
    expect(sheet.getCell('A8').value).toBe('电信主管部门');
    expect(sheet.getCell('A8').isMerged).toBe(false);
    // The last printed row belongs to 市场监管部门, not to a group of its own.
    expect(sheet.getCell(`A${LAST_DATA_ROW}`).master.address).toBe('A30');
    expect(sheet.getCell(`B${LAST_DATA_ROW}`).value).toBe('查处其他违法违规案件（件）');
    // No other merges than title, 填报单位, 填报日期, header, the seven groups and the note.
    expect(sheet.model.merges).toHaveLength(4 + groups.length + 1);
  });

  it('given rows with units, when rendered, then the label cell prints "label（unit）", wrapped', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    expect(sheet.getCell('B5').value).toBe('清理网上违法违规信息（万条）');
    expect(sheet.getCell('B8').value).toBe('处置违法违规互联网应用（网站、APP等）（家）');
    expect(sheet.getCell('B13').value).toBe('寄递渠道查获侵权货物（批次）');
    expect(sheet.getCell('B14').value).toBe('寄递渠道查获侵权货物（件）');
    expect(sheet.getCell('B5').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('B5').font?.name).toBe('宋体');
  });

  it('given a 万条 decimal, integers, a null and a remark, when rendered, then 数量 and 备注 hold them as printed', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    const wanTiao = sheet.getCell('C5'); // cac-1, 1.2345 万条
    expect(wanTiao.value).toBe(1.2345);
    expect(wanTiao.numFmt).toBe('#,##0.####');
    expect(sheet.getCell('C6').value).toBe(17);
    expect(sheet.getCell('C6').numFmt).toBe('#,##0');
    expect(sheet.getCell('C7').value).toBe(0); // a reported zero is printed, unlike null
    expect(sheet.getCell('C8').value).toBeNull(); // tel-1: nothing reported for the group
    expect(sheet.getCell('C9').value).toBe(52310);
    expect(sheet.getCell('D35').value).toBe('其中2件同时涉及虚假违法互联网广告，1件同时涉及不正当价格行为'); // sa-6
    expect(sheet.getCell('D35').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('D34').value).toBeNull(); // no remark → empty cell
  });

  it('given a value with floating-point noise, when rendered, then it is stored at 4 decimals', async () => {
    const report = netSword2021Report();
    const first = report.rows[0];
    if (!first) throw new Error('fixture has rows');
    report.rows[0] = { ...first, value: 0.1 + 0.2 };
    const sheet = await renderAndReadBack(report);
    expect(sheet.getCell('C5').value).toBe(0.3);
  });

  it('given the 2021 annex, when rendered, then every table cell has thin borders on all four sides', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    for (let row = 4; row <= NOTE_ROW; row++) {
      for (const col of ['A', 'B', 'C', 'D']) {
        const address = `${col}${row}`;
        const border = sheet.getCell(address).border;
        const sides = { top: border?.top?.style, left: border?.left?.style, bottom: border?.bottom?.style, right: border?.right?.style };
        // The address rides along so a failure names the cell.
        expect({ address, ...sides }).toEqual({ address, top: 'thin', left: 'thin', bottom: 'thin', right: 'thin' });
      }
    }
    expect(sheet.getCell('A1').border?.top).toBeUndefined(); // the title is not part of the table
  });

  it('given the plan note, when rendered, then it is one row merged across the table below the last annex row', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    expect(sheet.model.merges).toContain(`A${NOTE_ROW}:D${NOTE_ROW}`);
    expect(sheet.getCell(`A${NOTE_ROW}`).value).toBe(ANNEX_NOTE);
    expect(sheet.getCell(`A${NOTE_ROW}`).alignment?.wrapText).toBe(true);
    expect(sheet.getCell(`A${NOTE_ROW + 1}`).value).toBeNull();
  });

  it('given long labels and remarks, when rendered, then rows are tall enough for wrapped Chinese text', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    const height = (row: number): number => sheet.getRow(row).height ?? 0;
    expect(height(5)).toBeGreaterThanOrEqual(20);
    expect(height(16)).toBeGreaterThan(height(5)); // for-2: a two-line label
    expect(height(35)).toBeGreaterThan(height(34)); // sa-6: a wrapped remark
    expect(height(NOTE_ROW)).toBeGreaterThan(height(5)); // the note wraps over two lines
    for (let row = FIRST_DATA_ROW; row <= LAST_DATA_ROW; row++) expect(height(row)).toBeGreaterThan(0);
  });

  it('given the 2021 annex, when rendered, then it prints on A4 portrait, one page wide, repeating the header row', async () => {
    const sheet = await renderAndReadBack(netSword2021Report());
    expect(sheet.name).toBe('情况统计表');
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    });
    expect(sheet.columns.map((c) => c.width ?? 0).every((w) => w >= 10)).toBe(true);
  });

  it('given an empty report, when rendered, then the form still has its title, header and note', async () => {
    const sheet = await renderAndReadBack({ campaign: 'net-sword-2021', scope: 'all', rows: [] });
    expect(sheet.getCell('A4').value).toBe('项目');
    expect(sheet.getCell('A5').value).toBe(ANNEX_NOTE);
    expect(sheet.model.merges).toContain('A5:D5');
  });

  it('given a non-finite value, when rendered, then it refuses rather than print garbage', async () => {
    const report = netSword2021Report();
    const first = report.rows[0];
    if (!first) throw new Error('fixture has rows');
    report.rows[0] = { ...first, value: Number.NaN };
    await expect(renderAnnexXlsx(report, META)).rejects.toThrow(RangeError);
  });
});
