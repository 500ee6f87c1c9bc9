import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { AnnexReport, UploadCommitResult, UploadPreview } from '@hub/contracts';
import { TestHub } from './support/test-hub.js';

const UNIT = 'samr/653100';
const VALID_USCC = '91110000600037341L';

/** The template as downloaded, filled by `fill` the way a clerk would in Excel. */
async function fillTemplate(template: Buffer, fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(template).buffer);
  fill(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function put(workbook: ExcelJS.Workbook, sheet: string, row: number, values: ExcelJS.CellValue[]): void {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  values.forEach((value, index) => {
    worksheet.getRow(row).getCell(index + 1).value = value;
  });
}

describe('spreadsheet entry through HTTP: template, preview, commit', () => {
  let hub: TestHub;
  let template: Buffer;

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr'], projector: true });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const upload = async (file: Buffer, name: string, unit: string | undefined = UNIT, token?: string): Promise<Response> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const bearer = token ?? hub.token(unit ?? UNIT);
    return fetch(`${hub.url}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: form });
  };
  const commit = async (uploadId: string, unit = UNIT): Promise<Response> =>
    fetch(`${hub.url}/api/v1/uploads/${uploadId}/commit`, { method: 'POST', headers: { authorization: `Bearer ${hub.token(unit)}` } });
  const inspected = async (): Promise<number | null | undefined> => {
    await hub.projected();
    const report = (await (await hub.get(`/api/v1/annex?scope=unit:${UNIT}`, { unit: UNIT })).json()) as AnnexReport;
    return report.rows.find((row) => row.id === 'sa-1')?.value;
  };

  const goodRows = (workbook: ExcelJS.Workbook): void => {
    put(workbook, '检查', 3, ['I-1', '2021-10-10', '网站、网店', 7]);
    put(workbook, '线索', 3, ['L-1', '2021-10-08', '网络侵权假冒伪劣', '网络监测', '淘宝', null, '网店销售假冒运动鞋', VALID_USCC]);
  };

  it('given a unit token, when it downloads its template, then it gets the XLSX with its department\'s sheets', async () => {
    const response = await hub.get('/api/v1/templates/samr.xlsx', { unit: UNIT });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    template = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(template).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['填写说明', '线索', '检查', '案件', '移送']));
    expect((await hub.get('/api/v1/templates/nobody.xlsx', { unit: UNIT })).status).toBe(404);
  });

  it('given three bad rows, when uploaded, then the preview names each error in Chinese and nothing is stored', async () => {
    const before = await hub.storedEvents();
    const file = await fillTemplate(template, (workbook) => {
      goodRows(workbook);
      put(workbook, '检查', 4, ['I-2', '2021-10-11', '网站、网店', '七个']);
      put(workbook, '检查', 5, ['I-3', '2021-13-01', '网站、网店', 2]);
      put(workbook, '线索', 4, ['L-2', '2021-10-08', '网络侵权假冒伪劣', '网络监测', null, null, '同一网店的另一家店铺', '91110000600037341X']);
    });

    const response = await upload(file, '填报.xlsx');

    expect(response.status).toBe(201);
    const preview = (await response.json()) as UploadPreview;
    expect(preview.fileName).toBe('填报.xlsx');
    expect(preview.counts).toEqual({ rows: 5, new: 2, duplicate: 0, invalid: 3, events: 2 });
    expect(preview.rows.flatMap((row) => row.errors.map((error) => error.text))).toEqual([
      '「线索」第4行 H列（统一社会信用代码）：校验位错误',
      '「检查」第4行 D列（检查数量）：应为不小于0的整数',
      '「检查」第5行 B列（检查日期）：日期不存在',
    ]);
    expect(await hub.storedEvents()).toBe(before);
  });

  it('given the rows fixed, when uploaded and committed, then every row is stored and the annex counts it', async () => {
    const before = await inspected();
    const file = await fillTemplate(template, (workbook) => {
      goodRows(workbook);
      put(workbook, '检查', 4, ['I-2', '2021-10-11', '网站、网店', 7]);
      put(workbook, '检查', 5, ['I-3', '2021-10-12', '网站、网店', 2]);
      put(workbook, '线索', 4, ['L-2', '2021-10-08', '网络侵权假冒伪劣', '网络监测', null, null, '同一网店的另一家店铺', VALID_USCC]);
    });
    const preview = (await (await upload(file, '填报.xlsx')).json()) as UploadPreview;
    expect(preview.counts).toMatchObject({ new: 5, invalid: 0 });

    const response = await commit(preview.uploadId);

    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadCommitResult;
    expect(result).toMatchObject({ stored: 5, alreadyStored: 0, failed: 0 });
    expect((before ?? 0) + 16).toBe(await inspected());

    // The same file again: the ids come from the unit and 编号, so nothing is stored twice.
    const messages = await hub.storedEvents();
    const again = (await (await upload(file, '填报（副本）.xlsx')).json()) as UploadPreview;
    const second = (await (await commit(again.uploadId)).json()) as UploadCommitResult;
    expect(second).toMatchObject({ stored: 0, alreadyStored: 5, failed: 0 });
    expect(await hub.storedEvents()).toBe(messages);
    expect(await inspected()).toBe((before ?? 0) + 16);
  });

  it('given an upload, when another unit commits it or a coordinator uploads, then it is refused', async () => {
    const preview = (await (await upload(await fillTemplate(template, goodRows), 'a.xlsx')).json()) as UploadPreview;
    expect((await commit(preview.uploadId, 'samr/650100')).status).toBe(404);
    expect((await upload(template, 'a.xlsx', undefined, hub.credentials.coordinator)).status).toBe(403);
  });

  it('given bad files, when uploaded, then each gets a clear 400 and nothing is stored', async () => {
    const messages = await hub.storedEvents();
    const notSpreadsheet = await upload(Buffer.from('%PDF-1.7\n\u0000binary'), 'scan.pdf');
    expect(notSpreadsheet.status).toBe(400);
    expect(await notSpreadsheet.json()).toMatchObject({ code: 'VALIDATION_FAILED', fileError: 'NOT_A_SPREADSHEET' });

    const oldVersion = await fillTemplate(template, (workbook) => {
      const instructions = workbook.getWorksheet('填写说明');
      if (instructions) instructions.getCell('B1').value = 'WJ-2020-1';
      goodRows(workbook);
    });
    const refused = await upload(oldVersion, 'old.xlsx');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fileError: 'TEMPLATE_VERSION_MISMATCH', message: expect.stringContaining('模板版本不符') });
    expect(await hub.storedEvents()).toBe(messages);
  });
});
